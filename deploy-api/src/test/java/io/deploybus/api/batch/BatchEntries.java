package io.deploybus.api.batch;

import static io.deploybus.api.deploy.DeployCommands.aDeployOf;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchProgress;
import io.deploybus.schemas.avro.BatchStatus;
import io.deploybus.schemas.avro.BatchStep;
import io.deploybus.schemas.avro.BatchStepResult;
import io.deploybus.schemas.avro.BatchStepState;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployStatus;

/**
 * Entries of {@code deploy.batches} for tests, as deploy-api (the plan), the coordinator (progress)
 * and the workers (step results) write them; so that a schema change breaks one fixture.
 */
public final class BatchEntries {

    private BatchEntries() {
    }

    /** A step of a plan: a deploy of {@code srv-<ref>}, with its deterministic deploy id. */
    public static BatchStep aStep(String batchId, String ref, String... dependsOn) {
        return BatchStep.newBuilder()
                .setRef(ref)
                .setCommand(aDeployOf("srv-" + ref.replace("-", ""), BatchKeys.deployId(batchId, ref), Instant.EPOCH)
                        .setBatchId(batchId).build())
                .setDependsOn(Arrays.asList(dependsOn))
                .build();
    }

    /** The plan of a batch created at {@code createdAt}, two at a time, stopping dependents of a failure. */
    public static DeployBatch aPlanOf(String batchId, Instant createdAt, BatchStep... steps) {
        return entry(batchId, createdAt, BatchPlan.newBuilder()
                .setRequestedBy("tests")
                .setParallelism(2)
                .setFailurePolicy(BatchFailurePolicy.STOP_DEPENDENTS)
                .setSteps(List.of(steps))
                .setLabels(Map.of())
                .build());
    }

    /** Where one step stands, in a progress. */
    public static BatchStepState aStepState(String batchId, String ref, BatchStepStatus state) {
        return BatchStepState.newBuilder()
                .setRef(ref)
                .setDeployId(BatchKeys.deployId(batchId, ref))
                .setState(state)
                .setOutcome(switch (state) {
                    case SUCCEEDED -> DeployStatus.SUCCEEDED;
                    case FAILED -> DeployStatus.FAILED;
                    default -> null;
                })
                .build();
    }

    /** The coordinator's progress of a batch, written at {@code occurredAt}; finished unless RUNNING. */
    public static DeployBatch aProgressOf(String batchId, Instant occurredAt, BatchStatus status, BatchStepState... steps) {
        return entry(batchId, occurredAt, BatchProgress.newBuilder()
                .setStatus(status)
                .setSteps(List.of(steps))
                .setFinishedAt(status == BatchStatus.RUNNING ? null : occurredAt)
                .build());
    }

    /** How a step's deploy ended, as the worker that ran it reports. */
    public static DeployBatch aResultOf(String batchId, Instant occurredAt, String ref, DeployStatus outcome) {
        return entry(batchId, occurredAt, BatchStepResult.newBuilder()
                .setRef(ref)
                .setDeployId(BatchKeys.deployId(batchId, ref))
                .setOutcome(outcome)
                .build());
    }

    private static DeployBatch entry(String batchId, Instant occurredAt, Object entry) {
        return DeployBatch.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(occurredAt)
                .setBatchId(batchId)
                .setEntry(entry)
                .build();
    }
}
