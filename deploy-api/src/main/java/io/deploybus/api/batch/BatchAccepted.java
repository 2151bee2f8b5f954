package io.deploybus.api.batch;

import java.util.List;

import io.micronaut.serde.annotation.Serdeable;

/** The body of a {@code 202 Accepted} to {@code POST /v1/batches}: the batch, and the deploy id of each step. */
@Serdeable
record BatchAccepted(String id, String status, List<Step> steps) {

    @Serdeable
    record Step(String ref, String deployId) {
    }
}
