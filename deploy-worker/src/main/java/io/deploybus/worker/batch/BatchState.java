package io.deploybus.worker.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchProgress;
import io.deploybus.schemas.avro.BatchStatus;
import io.deploybus.schemas.avro.BatchStep;
import io.deploybus.schemas.avro.BatchStepState;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;

/**
 * One batch as its coordinator knows it: the plan, the steps' results, and which steps it sent.
 * Knows nothing of Kafka: {@link #next()} says which steps to dispatch now, {@link #progress}
 * what to record. Everything follows from the plan and the results, so a coordinator that
 * restarts rebuilds it from {@code deploy.batches} alone.
 */
final class BatchState {

    private final String batchId;
    private final BatchPlan plan;
    private final Map<String, BatchStep> steps = new LinkedHashMap<>();
    private final Map<String, DeployStatus> results = new HashMap<>();
    private final Set<String> dispatched = new HashSet<>();
    private Instant finishedAt;
    private BatchProgress recorded;

    BatchState(String batchId, BatchPlan plan) {
        this.batchId = batchId;
        this.plan = plan;
        plan.getSteps().forEach(step -> steps.put(step.getRef(), step));
    }

    String batchId() {
        return batchId;
    }

    /** A step ended; returns false if it was known already (the same result read again). */
    boolean recordResult(String ref, DeployStatus outcome) {
        return steps.containsKey(ref) && results.put(ref, outcome) != outcome;
    }

    /**
     * The progress last recorded on the topic: the steps it says were sent count against the
     * parallelism, and its end time stands.
     */
    void recordProgress(BatchProgress progress) {
        progress.getSteps().stream().filter(s -> s.getState() != BatchStepStatus.PENDING)
                .map(BatchStepState::getRef).forEach(dispatched::add);
        if (progress.getFinishedAt() != null) {
            finishedAt = progress.getFinishedAt();
        }
        recorded = progress;
    }

    /** Whether this progress is what was last recorded, so it need not be written again. */
    boolean isRecorded(BatchProgress progress) {
        return progress.equals(recorded);
    }

    /** The commands to send now: steps whose dependencies allow them, within the parallelism. */
    List<DeployCommand> next() {
        List<DeployCommand> commands = new ArrayList<>();
        int running = (int) dispatched.stream().filter(ref -> !results.containsKey(ref)).count();
        for (BatchStep step : steps.values()) {
            if (running >= plan.getParallelism()) {
                break;
            }
            String ref = step.getRef();
            if (!dispatched.contains(ref) && stateOf(ref) == BatchStepStatus.PENDING && ready(step)) {
                dispatched.add(ref);
                commands.add(step.getCommand());
                running++;
            }
        }
        return commands;
    }

    /** Steps sent and not yet ended: sent again after a restart, which the worker's lanes ignore if they have them. */
    List<DeployCommand> inFlight() {
        return dispatched.stream().filter(ref -> !results.containsKey(ref)).map(ref -> steps.get(ref).getCommand()).toList();
    }

    boolean isFinished() {
        return steps.keySet().stream().allMatch(ref -> switch (stateOf(ref)) {
            case SUCCEEDED, FAILED, SKIPPED -> true;
            case PENDING, DISPATCHED -> false;
        });
    }

    BatchProgress progress(Instant now) {
        boolean finished = isFinished();
        if (finished && finishedAt == null) {
            finishedAt = now;
        }
        List<BatchStepState> states = steps.keySet().stream().map(ref -> new BatchStepState(ref,
                BatchKeys.deployId(batchId, ref), stateOf(ref), results.get(ref))).toList();
        BatchStatus status = !finished ? BatchStatus.RUNNING
                : states.stream().allMatch(s -> s.getState() == BatchStepStatus.SUCCEEDED) ? BatchStatus.SUCCEEDED
                : BatchStatus.FAILED;
        return new BatchProgress(status, states, finished ? finishedAt : null);
    }

    private BatchStepStatus stateOf(String ref) {
        DeployStatus result = results.get(ref);
        if (result != null) {
            return result == DeployStatus.SUCCEEDED ? BatchStepStatus.SUCCEEDED : BatchStepStatus.FAILED;
        }
        if (plan.getFailurePolicy() == BatchFailurePolicy.STOP_DEPENDENTS && dependsOnAFailure(ref, new HashSet<>())) {
            return BatchStepStatus.SKIPPED;
        }
        return dispatched.contains(ref) ? BatchStepStatus.DISPATCHED : BatchStepStatus.PENDING;
    }

    private boolean dependsOnAFailure(String ref, Set<String> seen) {
        if (!seen.add(ref)) {
            return false;
        }
        for (String dependency : steps.get(ref).getDependsOn()) {
            DeployStatus result = results.get(dependency);
            if (result != null && result != DeployStatus.SUCCEEDED || steps.containsKey(dependency) && dependsOnAFailure(dependency, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Every dependency ended: succeeded, or (with CONTINUE) ended at all. */
    private boolean ready(BatchStep step) {
        return step.getDependsOn().stream().allMatch(dependency -> {
            DeployStatus result = results.get(dependency);
            return result == DeployStatus.SUCCEEDED || result != null && plan.getFailurePolicy() == BatchFailurePolicy.CONTINUE;
        });
    }
}
