package io.deploybus.worker.execution;

import io.deploybus.schemas.DeadLetterPublisher;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Property;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes deploy commands off {@code deploy.commands} and runs each to its outcome.
 *
 * <p>Walking-skeleton execution (issue #4 replaces it with journaled per-service lanes): a
 * command's offset is committed only once its deploy has ended, so a crash loses no command (it
 * runs again). One record at a time per partition keeps the commands of a service in order; the
 * consumer threads bound how many services deploy at once. A record that cannot be decoded goes
 * to {@code deploy.commands.dlq} and the partition moves on.
 */
@KafkaListener(groupId = "deploy-worker", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD, threadsValue = "${deploybus.worker.consumer-threads:4}",
        properties = {
                @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1"),
                // A deploy may take up to its timeout (30 min by default) while the record is held.
                @Property(name = ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, value = "2100000")})
class DeployCommandListener implements KafkaListenerExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeployCommandListener.class);

    private final DeployExecutor executor;
    private final DeadLetterPublisher deadLetters;

    DeployCommandListener(DeployExecutor executor, DeadLetterPublisher deadLetters) {
        this.executor = executor;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.DEPLOY_COMMANDS)
    void receive(ConsumerRecord<String, DeployCommand> record) {
        executor.execute(record.value());
    }

    @Override
    public void handle(KafkaListenerException exception) {
        if (exception.getCause() instanceof RecordDeserializationException undecodable) {
            deadLetters.publish(undecodable);
            return;
        }
        exception.getConsumerRecord().ifPresentOrElse(
                record -> deadLetterDecoded(record, exception.getCause()),
                () -> LOG.error("Deploy command listener failed", exception));
    }

    @SuppressWarnings("unchecked")
    private void deadLetterDecoded(ConsumerRecord<?, ?> record, Throwable error) {
        if (record.value() instanceof DeployCommand) {
            deadLetters.publish((ConsumerRecord<String, DeployCommand>) record, error);
        } else {
            LOG.error("Deploy command at {}-{}@{} failed", record.topic(), record.partition(), record.offset(), error);
        }
    }
}
