package io.deploybus.emulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /v1/services/{serviceId}/deploys}; unknown fields are ignored. */
@Serdeable
record TriggerDeployRequest(@Nullable String clearCache, @Nullable String commitId, @Nullable String imageUrl) {

    static final TriggerDeployRequest DEFAULTS = new TriggerDeployRequest(null, null, null);
}
