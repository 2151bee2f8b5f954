package io.deploybus.emulator;

import java.util.List;
import java.util.Map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The emulator's starting state ({@code emulator.seed-file}, YAML or JSON; also the body of
 * {@code PUT /_emulator/seed}). Everything but ids and names has a default; see docs/render-emulator.md.
 */
@Serdeable
record SeedFile(@Nullable String ownerId, @Nullable List<Service> services, @Nullable List<EnvGroup> envGroups) {

    /**
     * One service.
     *
     * @param image         makes the service image-backed (Render's {@code imagePath}); else it is Git-backed
     * @param deployOutcome {@code live} (default), {@code build_failed} or {@code update_failed}
     * @param envVars       the service's own environment variables
     */
    @Serdeable
    record Service(
            @Nullable String id,
            @Nullable String name,
            @Nullable String type,
            @Nullable String runtime,
            @Nullable String repo,
            @Nullable String branch,
            @Nullable String image,
            @Nullable String region,
            @Nullable String plan,
            @Nullable String healthCheckPath,
            @Nullable String url,
            @Nullable Boolean suspended,
            @Nullable String deployOutcome,
            @Nullable Integer numInstances,
            @Nullable Map<String, String> envVars) {
    }

    /** An env group, linked to {@code serviceIds}. */
    @Serdeable
    record EnvGroup(@Nullable String id, @Nullable String name, @Nullable Map<String, String> envVars,
                    @Nullable List<String> serviceIds) {
    }
}
