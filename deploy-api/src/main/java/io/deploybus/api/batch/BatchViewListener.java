package io.deploybus.api.batch;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployBatch;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.messaging.annotation.MessageBody;

/**
 * Feeds the {@link BatchView} of this instance from {@value Topics#DEPLOY_BATCHES}, so that every
 * instance can answer for every batch: as the deploy view's listener, its own consumer group, from
 * the earliest offset at every start, committing nothing. A tombstone (the topic is compacted) has
 * nothing to show and is skipped; an undecodable record is logged and skipped by micronaut-kafka's
 * default exception handler, the dead-letter topic belonging to the batch coordinator.
 */
@KafkaListener(groupId = "deploy-api-batch-view", uniqueGroupId = true,
        offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.DISABLED)
final class BatchViewListener {

    private final BatchView view;

    BatchViewListener(BatchView view) {
        this.view = view;
    }

    @Topic(Topics.DEPLOY_BATCHES)
    void onEntry(@Nullable @MessageBody DeployBatch entry) {
        if (entry != null) {
            view.apply(entry);
        }
    }
}
