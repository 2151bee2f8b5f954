package io.deploybus.worker.execution;

import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.DeployEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a deploy's events in order, each with its CloudEvents headers. */
@Singleton
public class DeployEventPublisher {

    static final String SOURCE = "/deploybus/deploy-worker";
    private static final Logger LOG = LoggerFactory.getLogger(DeployEventPublisher.class);

    private final DeployEventClient client;

    public DeployEventPublisher(DeployEventClient client) {
        this.client = client;
    }

    /** Publishes and waits for Kafka's acknowledgement, so that the next step follows a durable event. */
    public void publish(DeployEvent event) {
        client.send(event.getServiceId(), event, CloudEventHeaders.of(event, SOURCE, event.getServiceId()));
        LOG.info("Deploy {} of {}: {} -> {}{}", event.getDeployId(), event.getServiceId(), event.getType(),
                event.getStatus(), event.getReason() == null ? "" : " (" + event.getReason() + ")");
    }
}
