package io.deploybus.notifier;

import io.deploybus.schemas.DeadLetterPublisher;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployEvent;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds deploy events to the alert rules; undecodable records go to {@code deploy.events.dlq}. */
@KafkaListener(groupId = "alert-notifier", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC)
class DeployEventListener implements KafkaListenerExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeployEventListener.class);

    private final AlertDispatcher dispatcher;
    private final DeadLetterPublisher deadLetters;

    DeployEventListener(AlertDispatcher dispatcher, DeadLetterPublisher deadLetters) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.DEPLOY_EVENTS)
    void receive(DeployEvent event) {
        dispatcher.onDeployEvent(event);
    }

    @Override
    public void handle(KafkaListenerException exception) {
        if (exception.getCause() instanceof RecordDeserializationException undecodable) {
            deadLetters.publish(undecodable);
        } else {
            LOG.error("Deploy event not handled", exception);
        }
    }
}
