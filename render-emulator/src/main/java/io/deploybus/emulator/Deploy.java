package io.deploybus.emulator;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;

/**
 * One deploy of an emulated service, immutable: each transition makes a new one.
 *
 * @param commit              the Git commit, {@code null} for image deploys (Render sends an explicit null)
 * @param image               the image, for image deploys only
 * @param outcome             how this deploy will end, fixed when it is triggered
 * @param timing              this deploy's phase durations when scripted, else {@code null} for the configured ones
 * @param unhealthyWhileRunning whether the service's health check fails while this deploy runs (scripted)
 */
record Deploy(
        String id,
        String serviceId,
        DeployStatus status,
        String trigger,
        @Nullable Commit commit,
        @Nullable Image image,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        DeployOutcome outcome,
        @Nullable DeployTiming timing,
        boolean unhealthyWhileRunning) {

    record Commit(String id, String message, Instant createdAt) {
    }

    record Image(String ref, String sha) {
    }

    Deploy moveTo(DeployStatus next, Instant at) {
        return new Deploy(id, serviceId, next, trigger, commit, image, createdAt, at,
                startedAt == null && next != DeployStatus.QUEUED ? at : startedAt,
                finishedAt == null && next.isTerminal() ? at : finishedAt, outcome, timing, unhealthyWhileRunning);
    }
}
