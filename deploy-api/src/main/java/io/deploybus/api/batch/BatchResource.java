package io.deploybus.api.batch;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.deploybus.schemas.avro.DeployStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code GET /v1/batches/{id}}. Members without a value yet are {@code null}, not
 * absent, so that every response has the same shape. {@code failurePolicy} is spelled as in the
 * request; a step's {@code deployStatus} is its deploy's status once this instance knows the deploy
 * (from the time the coordinator sends its command).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record BatchResource(
        String id,
        String status,
        int parallelism,
        String failurePolicy,
        Instant createdAt,
        @Nullable Instant finishedAt,
        List<StepResource> steps) {

    static BatchResource of(BatchView.Batch batch, Function<String, Optional<DeployStatus>> deployStatus) {
        return new BatchResource(batch.batchId(), batch.status().name(), batch.parallelism(),
                batch.failurePolicy().name().toLowerCase(Locale.ROOT), batch.createdAt(), batch.finishedAt(),
                batch.steps().stream().map(step -> new StepResource(step.ref(), step.deployId(), step.dependsOn(),
                        step.state().name(), deployStatus.apply(step.deployId()).map(Enum::name).orElse(null)))
                        .toList());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StepResource(
            String ref,
            String deployId,
            List<String> dependsOn,
            String state,
            @Nullable String deployStatus) {
    }
}
