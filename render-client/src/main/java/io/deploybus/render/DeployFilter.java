package io.deploybus.render;

import java.time.Instant;
import java.util.List;

import io.micronaut.core.annotation.Nullable;

/**
 * Filters of {@code GET /services/{id}/deploys}; an empty list and {@code null}s filter nothing.
 *
 * @param statuses deploy statuses, e.g. {@code queued}, {@code build_in_progress}
 */
public record DeployFilter(
        List<String> statuses,
        @Nullable Instant createdAfter,
        @Nullable Instant createdBefore,
        @Nullable Instant updatedAfter,
        @Nullable Instant updatedBefore,
        @Nullable Instant finishedAfter,
        @Nullable Instant finishedBefore) {

    public DeployFilter {
        statuses = List.copyOf(statuses);
    }

    /** Every deploy. */
    public static DeployFilter all() {
        return new DeployFilter(List.of(), null, null, null, null, null, null);
    }

    /** Deploys in one of these statuses. */
    public static DeployFilter withStatus(String... statuses) {
        return new DeployFilter(List.of(statuses), null, null, null, null, null, null);
    }

    public DeployFilter createdAfter(Instant after) {
        return new DeployFilter(statuses, after, createdBefore, updatedAfter, updatedBefore, finishedAfter, finishedBefore);
    }

    public DeployFilter createdBefore(Instant before) {
        return new DeployFilter(statuses, createdAfter, before, updatedAfter, updatedBefore, finishedAfter, finishedBefore);
    }

    public DeployFilter finishedAfter(Instant after) {
        return new DeployFilter(statuses, createdAfter, createdBefore, updatedAfter, updatedBefore, after, finishedBefore);
    }

    Query toQuery() {
        return new Query().repeated("status", statuses)
                .add("createdAfter", createdAfter).add("createdBefore", createdBefore)
                .add("updatedAfter", updatedAfter).add("updatedBefore", updatedBefore)
                .add("finishedAfter", finishedAfter).add("finishedBefore", finishedBefore);
    }
}
