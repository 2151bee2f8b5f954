package io.deploybus.api.batch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deploybus.api.deploy.DeployRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One step of {@code POST /v1/batches}, as sent: its name, its deploy, the steps it waits for. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record BatchStepRequest(
        @Nullable String ref,
        @Nullable DeployRequest deploy,
        @Nullable List<String> dependsOn) {
}
