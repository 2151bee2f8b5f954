package io.deploybus.api.deploy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.DeployCommand;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Publishes a deploy command with its CloudEvents headers and returns once Kafka acknowledged it,
 * never later than {@code deploybus.api.deploys.publish-timeout}.
 */
@Singleton
final class DeployCommandPublisher {

    static final String SOURCE = "/deploybus/deploy-api";

    private final DeployCommandClient client;
    private final Duration timeout;

    DeployCommandPublisher(DeployCommandClient client, DeploysConfiguration configuration) {
        this.client = client;
        this.timeout = configuration.publishTimeout();
    }

    /**
     * @throws CommandNotAcknowledgedException when Kafka did not acknowledge the command in time
     *                                         or failed it with a retriable error
     */
    RecordMetadata publish(DeployCommand command) {
        String serviceId = command.getServiceId();
        try {
            CompletableFuture<RecordMetadata> sent =
                    client.send(serviceId, command, CloudEventHeaders.of(command, SOURCE, serviceId));
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CommandNotAcknowledgedException("no acknowledgement for " + command.getDeployId()
                    + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotAcknowledgedException("interrupted while publishing " + command.getDeployId(), e);
        } catch (ExecutionException e) {
            throw failure(command, e.getCause());
        } catch (RuntimeException e) {
            throw failure(command, e);
        }
    }

    /** A retriable Kafka error means "try again"; anything else is a fault of this service. */
    private static RuntimeException failure(DeployCommand command, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return new CommandNotAcknowledgedException("Kafka failed " + command.getDeployId() + ": " + cause, error);
            }
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return error instanceof RuntimeException runtime ? runtime
                : new CommandNotAcknowledgedException("Kafka failed " + command.getDeployId() + ": " + error, error);
    }
}
