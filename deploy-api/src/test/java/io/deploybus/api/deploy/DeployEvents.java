package io.deploybus.api.deploy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;

/** Deploy events for tests, as deploy-worker would publish them. */
public final class DeployEvents {

    private DeployEvents() {
    }

    /** The {@code sequence}th event of a deploy, which occurred {@code sequence} seconds after it was accepted. */
    public static DeployEvent.Builder anEventOf(String serviceId, String deployId, Instant acceptedAt, int sequence,
                                                DeployEventType type, DeployStatus status) {
        return DeployEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(acceptedAt.plusSeconds(sequence))
                .setDeployId(deployId)
                .setServiceId(serviceId)
                .setSequence(sequence)
                .setType(type)
                .setStatus(status)
                .setAcceptedAt(acceptedAt)
                .setLabels(Map.of());
    }
}
