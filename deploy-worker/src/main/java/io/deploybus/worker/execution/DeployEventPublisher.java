package io.deploybus.worker.execution;

import java.util.concurrent.CompletableFuture;

import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.DeployEvent;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
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
        log(event);
    }

    /**
     * Publishes without waiting: the future completes with Kafka's acknowledgement. Events of one
     * service keep their order (one producer, one partition), so a caller may send several and
     * wait for the last.
     */
    public CompletableFuture<RecordMetadata> publishLater(DeployEvent event) {
        var ack = client.sendLater(event.getServiceId(), event, CloudEventHeaders.of(event, SOURCE, event.getServiceId()));
        log(event);
        return ack;
    }

    private static void log(DeployEvent event) {
        LOG.info("Deploy {} of {}: {} -> {}{}", event.getDeployId(), event.getServiceId(), event.getType(),
                event.getStatus(), event.getReason() == null ? "" : " (" + event.getReason() + ")");
    }
}
