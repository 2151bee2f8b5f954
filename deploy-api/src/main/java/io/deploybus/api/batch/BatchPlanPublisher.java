package io.deploybus.api.batch;

import java.time.Duration;

import io.deploybus.api.kafka.Acknowledgements;
import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.DeployBatch;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes a batch's plan with its CloudEvents headers and returns once Kafka acknowledged it,
 * never later than {@code deploybus.api.batches.publish-timeout}.
 */
@Singleton
final class BatchPlanPublisher {

    static final String SOURCE = "/deploybus/deploy-api";

    private final BatchPlanClient client;
    private final Duration timeout;

    BatchPlanPublisher(BatchPlanClient client, BatchesConfiguration configuration) {
        this.client = client;
        this.timeout = configuration.publishTimeout();
    }

    /**
     * @throws BatchNotAcknowledgedException when Kafka did not acknowledge the plan in time or failed
     *                                       it with a retriable error
     */
    RecordMetadata publish(DeployBatch plan) {
        String key = BatchKeys.plan(plan.getBatchId());
        return Acknowledgements.await(() -> client.send(key, plan, CloudEventHeaders.of(plan, SOURCE, key)), timeout, key,
                BatchNotAcknowledgedException::new);
    }
}
