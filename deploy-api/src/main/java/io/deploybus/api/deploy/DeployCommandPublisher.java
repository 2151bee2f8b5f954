package io.deploybus.api.deploy;

import java.time.Duration;

import io.deploybus.api.kafka.Acknowledgements;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.DeployCommand;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;

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
        return Acknowledgements.await(() -> client.send(serviceId, command, CloudEventHeaders.of(command, SOURCE, serviceId)),
                timeout, command.getDeployId(), CommandNotAcknowledgedException::new);
    }
}
