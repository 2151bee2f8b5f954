package io.deploybus.emulator;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The emulator's starting services ({@code emulator.seed-file}, YAML or JSON). Everything but
 * {@code id} and {@code name} has a default; see docs/render-emulator.md.
 */
@Serdeable
record SeedFile(@Nullable String ownerId, @Nullable List<Service> services) {

    /**
     * One service.
     *
     * @param image         makes the service image-backed (Render's {@code imagePath}); else it is Git-backed
     * @param deployOutcome {@code live} (default), {@code build_failed} or {@code update_failed}
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
            @Nullable String deployOutcome) {
    }
}
