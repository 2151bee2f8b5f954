package io.deploybus.api.deploy;

import java.util.Map;

import io.micronaut.core.annotation.Nullable;

/**
 * A validated deploy request: what to deploy, as the client asked for it. Two requests with equal
 * specs are the same request (which is what an {@code Idempotency-Key} repeat must be).
 *
 * @param timeoutSeconds null for the default of {@code DeployCommand}
 */
record DeploySpec(
        String serviceId,
        @Nullable String commitId,
        @Nullable String imageUrl,
        boolean clearCache,
        Map<String, String> labels,
        @Nullable Integer timeoutSeconds) {

    DeploySpec {
        labels = Map.copyOf(labels);
    }
}
