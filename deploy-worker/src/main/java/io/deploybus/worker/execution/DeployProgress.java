package io.deploybus.worker.execution;

import java.time.Instant;
import java.util.UUID;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;

/**
 * Where one deploy stands, as the worker knows it: each step turns it into the next state and
 * the event that says so, with the full snapshot every {@link DeployEvent} carries.
 */
record DeployProgress(DeployCommand command, int sequence, DeployStatus status, String renderDeployId,
                      String renderStatus, String commitId) {

    static DeployProgress of(DeployCommand command) {
        return new DeployProgress(command, 0, DeployStatus.QUEUED, null, null, command.getCommitId());
    }

    DeployProgress withRenderDeploy(String id, String status, String commit) {
        return new DeployProgress(command, sequence, this.status, id, status, commit == null ? commitId : commit);
    }

    /** The next state, in the given status, and the event announcing it. */
    Step step(DeployEventType type, DeployStatus next, String reason, Instant at) {
        var progress = new DeployProgress(command, sequence + 1, next, renderDeployId, renderStatus, commitId);
        return new Step(progress, progress.event(type, reason, at));
    }

    boolean isTerminal() {
        return switch (status) {
            case QUEUED, VALIDATING, CONFIGURING, DEPLOYING, ROLLING_BACK -> false;
            default -> true;
        };
    }

    private DeployEvent event(DeployEventType type, String reason, Instant at) {
        return DeployEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setDeployId(command.getDeployId())
                .setServiceId(command.getServiceId())
                .setBatchId(command.getBatchId())
                .setSequence(sequence)
                .setType(type)
                .setStatus(status)
                .setCommitId(commitId)
                .setImageUrl(command.getImageUrl())
                .setRenderDeployId(renderDeployId)
                .setRenderStatus(renderStatus)
                .setReason(reason)
                .setAcceptedAt(command.getOccurredAt())
                .setFinishedAt(isTerminal() ? at : null)
                .setLabels(command.getLabels())
                .build();
    }

    /** A state and the event that announces it. */
    record Step(DeployProgress progress, DeployEvent event) {
    }
}
