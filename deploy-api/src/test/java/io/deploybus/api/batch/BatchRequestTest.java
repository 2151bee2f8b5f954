package io.deploybus.api.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.deploybus.api.deploy.DeployRequest;
import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import org.junit.jupiter.api.Test;

class BatchRequestTest {

    @Test
    void validBatchKeepsItsStepsInOrderWithDefaults() {
        var spec = batchOf(step("db"), step("cache"), step("api", "db", "cache")).toSpec();

        assertThat(spec.steps()).extracting(BatchSpec.Step::ref).containsExactly("db", "cache", "api");
        assertThat(spec.steps().get(2).dependsOn()).containsExactly("db", "cache");
        assertThat(spec.steps().get(0).deploy().serviceId()).isEqualTo("srv-db");
        assertThat(spec.parallelism()).isEqualTo(1);
        assertThat(spec.failurePolicy()).isEqualTo(BatchFailurePolicy.STOP_DEPENDENTS);
        assertThat(spec.labels()).isEmpty();
    }

    @Test
    void cycleIsRefusedNamingTheStepsThatFormIt() {
        var refused = refusal(batchOf(step("db", "web"), step("api", "db"), step("web", "api"), step("docs")));

        assertThat(refused.problems()).extracting(FieldProblem::pointer).containsExactly("#/steps");
        assertThat(refused.problems().getFirst().detail()).contains("db → web → api → db");
        assertThat(refused.getMessage()).contains("db → web → api → db");
    }

    @Test
    void cycleAmongLaterStepsIsFoundToo() {
        var refused = refusal(batchOf(step("db"), step("api", "db", "web"), step("web", "api")));

        assertThat(refused.getMessage()).contains("api → web → api");
    }

    @Test
    void dependencyOnAnUnknownStepIsRefused() {
        var refused = refusal(batchOf(step("db"), step("api", "db", "cache")));

        assertThat(refused.problems()).extracting(FieldProblem::pointer).containsExactly("#/steps/1/dependsOn/1");
        assertThat(refused.problems().getFirst().detail()).contains("no step has the ref cache");
    }

    @Test
    void stepThatDependsOnItselfIsRefused() {
        var refused = refusal(batchOf(step("db"), step("api", "api")));

        assertThat(refused.problems()).extracting(FieldProblem::pointer).containsExactly("#/steps/1/dependsOn/0");
        assertThat(refused.problems().getFirst().detail()).contains("cannot depend on itself");
    }

    @Test
    void duplicateRefIsRefusedAtItsSecondUse() {
        var refused = refusal(batchOf(step("db"), step("api", "db"), step("db")));

        assertThat(refused.problems()).extracting(FieldProblem::pointer).containsExactly("#/steps/2/ref");
        assertThat(refused.problems().getFirst().detail()).contains("db is already the ref of step 0");
    }

    @Test
    void moreThanAHundredStepsAreRefused() {
        var steps = IntStream.range(0, 101).mapToObj(i -> step("s" + i)).toArray(BatchStepRequest[]::new);

        var refused = refusal(batchOf(steps));

        assertThat(refused.problems()).extracting(FieldProblem::pointer).containsExactly("#/steps");
        assertThat(refused.problems().getFirst().detail()).contains("1 to 100");
    }

    @Test
    void hundredStepsAreAccepted() {
        var steps = IntStream.range(0, 100).mapToObj(i -> step("s" + i)).toArray(BatchStepRequest[]::new);

        assertThat(batchOf(steps).toSpec().steps()).hasSize(100);
    }

    @Test
    void batchWithoutStepsIsRefused() {
        assertThat(refusal(new BatchRequest(null, null, null, null)).problems())
                .extracting(FieldProblem::pointer).containsExactly("#/steps");
        assertThat(refusal(new BatchRequest(List.of(), null, null, null)).problems())
                .extracting(FieldProblem::pointer).containsExactly("#/steps");
    }

    @Test
    void stepsDeployIsCheckedAsADeployWithPointersIntoTheStep() {
        var badDeploy = new DeployRequest("srv-api", "not-a-sha", null, null, null, 5, null, null, null);
        var refused = refusal(batchOf(step("db"), new BatchStepRequest("api", badDeploy, List.of("db")),
                new BatchStepRequest("web", null, null)));

        assertThat(refused.problems()).extracting(FieldProblem::pointer).containsExactlyInAnyOrder(
                "#/steps/1/deploy/commitId", "#/steps/1/deploy/timeoutSeconds", "#/steps/2/deploy");
    }

    @Test
    void invalidRefsAreRefused() {
        var refused = refusal(batchOf(step("Db"), step("-api"), step("x".repeat(41)), step(null)));

        assertThat(refused.problems()).extracting(FieldProblem::pointer)
                .containsExactly("#/steps/0/ref", "#/steps/1/ref", "#/steps/2/ref", "#/steps/3/ref");
    }

    @Test
    void parallelismAndFailurePolicyAreChecked() {
        var steps = List.of(step("db"));

        assertThat(refusal(new BatchRequest(steps, 0, null, null)).problems())
                .extracting(FieldProblem::pointer).containsExactly("#/parallelism");
        assertThat(refusal(new BatchRequest(steps, 51, "sometimes", null)).problems())
                .extracting(FieldProblem::pointer).containsExactly("#/parallelism", "#/failurePolicy");
        var spec = new BatchRequest(steps, 50, "continue", Map.of("release", "2026.3")).toSpec();
        assertThat(spec.parallelism()).isEqualTo(50);
        assertThat(spec.failurePolicy()).isEqualTo(BatchFailurePolicy.CONTINUE);
        assertThat(spec.labels()).containsExactly(Map.entry("release", "2026.3"));
    }

    @Test
    void nullEntriesAreRefusedNotFailedOn() {
        var dependsOn = new ArrayList<String>();
        dependsOn.add(null);
        var steps = new ArrayList<BatchStepRequest>();
        steps.add(null);
        steps.add(new BatchStepRequest("api", deployOf("api"), dependsOn));

        assertThat(refusal(new BatchRequest(steps, null, null, null)).problems())
                .extracting(FieldProblem::pointer).containsExactly("#/steps/0", "#/steps/1/dependsOn/0");
    }

    private static BatchRequest batchOf(BatchStepRequest... steps) {
        return new BatchRequest(List.of(steps), null, null, null);
    }

    private static BatchStepRequest step(String ref, String... dependsOn) {
        return new BatchStepRequest(ref, deployOf(ref == null ? "x" : ref.replace("-", "")), Arrays.asList(dependsOn));
    }

    private static DeployRequest deployOf(String name) {
        return new DeployRequest("srv-" + name.toLowerCase(), null, null, null, null, null, null, null, null);
    }

    private static InvalidRequestException refusal(BatchRequest request) {
        return catchThrowableOfType(InvalidRequestException.class, request::toSpec);
    }
}
