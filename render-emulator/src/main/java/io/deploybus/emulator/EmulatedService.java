package io.deploybus.emulator;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;

/**
 * A Render service as the emulator keeps it. Either Git-backed ({@code repo}, {@code branch}) or
 * image-backed ({@code imagePath}).
 *
 * @param deployOutcome how every deploy of this service ends, unless scripted otherwise
 */
record EmulatedService(
        String id,
        String name,
        String type,
        String ownerId,
        @Nullable String repo,
        @Nullable String branch,
        @Nullable String imagePath,
        String runtime,
        String region,
        String plan,
        String healthCheckPath,
        String url,
        boolean suspended,
        Instant createdAt,
        Instant updatedAt,
        DeployOutcome deployOutcome) {

    boolean isImageBacked() {
        return imagePath != null;
    }

    /** The name as Render turns it into a subdomain. */
    String slug() {
        return name;
    }
}
