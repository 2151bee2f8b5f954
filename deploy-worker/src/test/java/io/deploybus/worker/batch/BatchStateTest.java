package io.deploybus.worker.batch;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchStatus;
import io.deploybus.schemas.avro.BatchStep;
import io.deploybus.schemas.avro.BatchStepState;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.api.Test;

class BatchStateTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void stepsRunInDependencyOrderWithinTheParallelism() {
        var batch = new BatchState("bat-1", plan(2, BatchFailurePolicy.STOP_DEPENDENTS,
                step("db"), step("api", "db"), step("web", "db"), step("edge", "api", "web")));

        assertThat(refs(batch.next())).containsExactly("db");
        assertThat(batch.next()).isEmpty();

        batch.recordResult("db", DeployStatus.SUCCEEDED);
        assertThat(refs(batch.next())).containsExactly("api", "web");

        batch.recordResult("api", DeployStatus.SUCCEEDED);
        assertThat(batch.next()).isEmpty();
        batch.recordResult("web", DeployStatus.SUCCEEDED);
        assertThat(refs(batch.next())).containsExactly("edge");

        batch.recordResult("edge", DeployStatus.SUCCEEDED);
        assertThat(batch.isFinished()).isTrue();
        assertThat(batch.progress(NOW).getStatus()).isEqualTo(BatchStatus.SUCCEEDED);
        assertThat(batch.progress(NOW).getFinishedAt()).isEqualTo(NOW);
    }

    @Test
    void parallelismBoundsTheStepsInFlight() {
        var batch = new BatchState("bat-1", plan(2, BatchFailurePolicy.STOP_DEPENDENTS, step("a"), step("b"), step("c")));

        assertThat(refs(batch.next())).containsExactly("a", "b");
        batch.recordResult("b", DeployStatus.SUCCEEDED);
        assertThat(refs(batch.next())).containsExactly("c");
    }

    @Test
    void failedStepSkipsEveryStepThatDependsOnItUnderStopDependents() {
        var batch = new BatchState("bat-1", plan(3, BatchFailurePolicy.STOP_DEPENDENTS,
                step("db"), step("api", "db"), step("edge", "api"), step("docs")));
        batch.next();

        batch.recordResult("db", DeployStatus.ROLLED_BACK);
        batch.recordResult("docs", DeployStatus.SUCCEEDED);

        assertThat(batch.next()).isEmpty();
        assertThat(batch.isFinished()).isTrue();
        assertThat(states(batch)).containsEntry("api", BatchStepStatus.SKIPPED).containsEntry("edge", BatchStepStatus.SKIPPED)
                .containsEntry("db", BatchStepStatus.FAILED).containsEntry("docs", BatchStepStatus.SUCCEEDED);
        assertThat(batch.progress(NOW).getStatus()).isEqualTo(BatchStatus.FAILED);
    }

    @Test
    void failedStepDoesNotHoldUpItsDependentsUnderContinue() {
        var batch = new BatchState("bat-1", plan(1, BatchFailurePolicy.CONTINUE, step("db"), step("api", "db")));
        batch.next();

        batch.recordResult("db", DeployStatus.FAILED);

        assertThat(refs(batch.next())).containsExactly("api");
    }

    @Test
    void stepsRecordedAsSentCountAgainstTheParallelismAfterARestart() {
        var plan = plan(1, BatchFailurePolicy.STOP_DEPENDENTS, step("a"), step("b"));
        var before = new BatchState("bat-1", plan);
        before.next();
        var recorded = before.progress(NOW);

        var restarted = new BatchState("bat-1", plan);
        restarted.recordProgress(recorded);

        assertThat(restarted.next()).isEmpty();
        assertThat(refs(restarted.inFlight())).containsExactly("a");
        assertThat(restarted.isRecorded(restarted.progress(NOW))).isTrue();
    }

    @Test
    void sameResultReadAgainChangesNothing() {
        var batch = new BatchState("bat-1", plan(1, BatchFailurePolicy.STOP_DEPENDENTS, step("a")));
        batch.next();

        assertThat(batch.recordResult("a", DeployStatus.SUCCEEDED)).isTrue();
        assertThat(batch.recordResult("a", DeployStatus.SUCCEEDED)).isFalse();
        assertThat(batch.recordResult("unknown", DeployStatus.SUCCEEDED)).isFalse();
    }

    private static BatchPlan plan(int parallelism, BatchFailurePolicy policy, BatchStep... steps) {
        return new BatchPlan("test", parallelism, policy, Arrays.asList(steps), Map.of());
    }

    private static BatchStep step(String ref, String... dependsOn) {
        DeployCommand command = aDeployOf("srv-" + ref).setDeployId(BatchKeys.deployId("bat-1", ref)).setBatchId("bat-1").build();
        return new BatchStep(ref, command, List.of(dependsOn));
    }

    private static List<String> refs(List<DeployCommand> commands) {
        return commands.stream().map(c -> c.getDeployId().substring("bat-1.".length())).toList();
    }

    private static Map<String, BatchStepStatus> states(BatchState batch) {
        return batch.progress(NOW).getSteps().stream()
                .collect(java.util.stream.Collectors.toMap(BatchStepState::getRef, BatchStepState::getState));
    }
}
