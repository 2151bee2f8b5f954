package io.deploybus.api.batch;

import java.util.List;

import io.micronaut.serde.annotation.Serdeable;

/** The body of a {@code 202 Accepted} to {@code POST /v1/batches}: the batch with its status now, and the deploy id of each step. */
@Serdeable
record BatchAccepted(String id, String status, List<Step> steps) {

    static BatchAccepted of(BatchView.Batch batch) {
        return new BatchAccepted(batch.batchId(), batch.status().name(),
                batch.steps().stream().map(step -> new Step(step.ref(), step.deployId())).toList());
    }

    @Serdeable
    record Step(String ref, String deployId) {
    }
}
