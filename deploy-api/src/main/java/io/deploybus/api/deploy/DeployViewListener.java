package io.deploybus.api.deploy;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;

/**
 * Feeds the {@link DeployView} of this instance from Kafka, so that every instance can answer for
 * every deploy. Each instance reads both topics whole: its own consumer group, from the earliest
 * offset at every start, committing nothing (the view lives in memory, so it is rebuilt from the
 * topics). A record that cannot be decoded is logged and skipped by micronaut-kafka's default
 * exception handler: deploy-api only watches these topics, the dead-letter topics belong to their
 * consumers of record.
 */
@KafkaListener(groupId = "deploy-api-view", uniqueGroupId = true,
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.DISABLED)
final class DeployViewListener {

    private final DeployView view;

    DeployViewListener(DeployView view) {
        this.view = view;
    }

    @Topic(Topics.DEPLOY_COMMANDS)
    void onCommand(DeployCommand command) {
        view.accepted(command);
    }

    @Topic(Topics.DEPLOY_EVENTS)
    void onEvent(DeployEvent event) {
        view.apply(event);
    }
}
