package io.deploybus.emulator;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;

/**
 * A Render service as the emulator keeps it, immutable: each change makes a new one. Either
 * Git-backed ({@code repo}, {@code branch}) or image-backed ({@code imagePath}).
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
        DeployOutcome deployOutcome,
        boolean autoDeploy,
        int numInstances) {

    boolean isImageBacked() {
        return imagePath != null;
    }

    /** The name as Render turns it into a subdomain. */
    String slug() {
        return name;
    }

    EmulatedService suspended(boolean suspended, Instant at) {
        return new EmulatedService(id, name, type, ownerId, repo, branch, imagePath, runtime, region, plan,
                healthCheckPath, url, suspended, createdAt, at, deployOutcome, autoDeploy, numInstances);
    }

    EmulatedService scaledTo(int instances, Instant at) {
        return new EmulatedService(id, name, type, ownerId, repo, branch, imagePath, runtime, region, plan,
                healthCheckPath, url, suspended, createdAt, at, deployOutcome, autoDeploy, instances);
    }

    /** A PATCH: {@code null} leaves a field as it is. */
    EmulatedService patched(@Nullable String newName, @Nullable String newBranch, @Nullable Boolean newAutoDeploy,
                            @Nullable String newHealthCheckPath, Instant at) {
        return new EmulatedService(id, newName == null ? name : newName, type, ownerId, repo,
                newBranch == null || isImageBacked() ? branch : newBranch, imagePath, runtime, region, plan,
                newHealthCheckPath == null ? healthCheckPath : newHealthCheckPath, url, suspended, createdAt, at,
                deployOutcome, newAutoDeploy == null ? autoDeploy : newAutoDeploy, numInstances);
    }
}
