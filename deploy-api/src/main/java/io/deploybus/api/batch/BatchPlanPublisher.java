package io.deploybus.api.batch;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.DeployBatch;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

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
        try {
            return client.send(key, plan, CloudEventHeaders.of(plan, SOURCE, key))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BatchNotAcknowledgedException("no acknowledgement for " + key + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchNotAcknowledgedException("interrupted while publishing " + key, e);
        } catch (ExecutionException e) {
            throw failure(key, e.getCause());
        } catch (RuntimeException e) {
            throw failure(key, e);
        }
    }

    /** A retriable Kafka error means "try again"; anything else is a fault of this service. */
    private static RuntimeException failure(String key, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return new BatchNotAcknowledgedException("Kafka failed " + key + ": " + cause, error);
            }
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return error instanceof RuntimeException runtime ? runtime
                : new BatchNotAcknowledgedException("Kafka failed " + key + ": " + error, error);
    }
}
