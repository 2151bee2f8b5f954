package io.deploybus.api.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.RollbackPolicy;

/** Deploy commands for tests, so that a schema change breaks one fixture, not every test. */
public final class DeployCommands {

    private DeployCommands() {
    }

    /** A command to deploy the service's branch head, accepted at {@code acceptedAt}, ready to build. */
    public static DeployCommand.Builder aDeployOf(String serviceId, String deployId, Instant acceptedAt) {
        return DeployCommand.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(acceptedAt)
                .setDeployId(deployId)
                .setServiceId(serviceId)
                .setRequestedBy("tests")
                // Set, not defaulted: resolving an enum default needs the generated package trusted by Avro.
                .setCachePolicy(CachePolicy.USE_CACHE)
                .setEnvVarChanges(List.of())
                .setEnvGroupLinks(List.of())
                .setEnvGroupUnlinks(List.of())
                .setRollback(RollbackPolicy.newBuilder().build())
                .setLabels(Map.of());
    }
}
