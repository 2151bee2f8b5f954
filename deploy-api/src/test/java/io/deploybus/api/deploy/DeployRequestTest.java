package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeployRequestTest {

    @Test
    void serviceIdAloneIsADeployOfTheBranchHeadWithDefaults() {
        DeploySpec spec = request("srv-d1a2b3c4", null, null).toSpec();

        assertThat(spec).isEqualTo(DeploySpec.of("srv-d1a2b3c4"));
        assertThat(spec.rollback()).isEqualTo(new RollbackSpec(true, false));
    }

    @Test
    void everyMemberIsCarriedOverAndTheCommitIsLowercased() {
        var request = new DeployRequest("srv-abc", "ABCDEF0123456789abcdef0123456789ABCDEF01", null, true,
                Map.of("pipeline", "4711", "team/owner", "payments"), 900,
                List.of(new EnvVarRequest("LOG_LEVEL", "debug", null, null)),
                new EnvGroupsRequest(List.of("evg-shared1"), List.of("evg-old1")),
                new RollbackRequest(true, true));

        assertThat(request.toSpec()).isEqualTo(new DeploySpec("srv-abc", "abcdef0123456789abcdef0123456789abcdef01",
                null, true, Map.of("pipeline", "4711", "team/owner", "payments"), 900,
                List.of(new EnvVarEdit.Set("LOG_LEVEL", new SecretValue("debug"))),
                new EnvGroupChanges(List.of("evg-shared1"), List.of("evg-old1")),
                new RollbackSpec(true, true)));
    }

    @Test
    void imageDeployNeedsNoCommit() {
        assertThat(request("srv-abc", null, "docker.io/library/nginx:1.27").toSpec().imageUrl())
                .isEqualTo("docker.io/library/nginx:1.27");
    }

    @Test
    void missingServiceIdIsRefused() {
        assertThat(problemsOf(request(null, "abc1234", null))).containsExactly(
                FieldProblem.body("serviceId", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "srv-", "srv-ABC", "srv_abc", "web-abc", "srv-abc-def", "dep-abc", "srv-ab c"})
    void serviceIdThatIsNotRendersFormIsRefused(String serviceId) {
        assertThat(problemsOf(request(serviceId, null, null))).extracting(FieldProblem::pointer)
                .containsExactly("#/serviceId");
    }

    @Test
    void overlongServiceIdIsRefused() {
        assertThat(problemsOf(request("srv-" + "a".repeat(61), null, null))).extracting(FieldProblem::pointer)
                .containsExactly("#/serviceId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc123", "main", "v1.2.3", "abc1234g", "0123456789012345678901234567890123456789a", ""})
    void commitThatIsNotAShaIsRefused(String commitId) {
        assertThat(problemsOf(request("srv-abc", commitId, null))).extracting(FieldProblem::pointer)
                .containsExactly("#/commitId");
    }

    @Test
    void commitAndImageTogetherAreRefused() {
        assertThat(problemsOf(request("srv-abc", "abc1234", "docker.io/a/b:1")))
                .extracting(FieldProblem::pointer).containsExactly("#/imageUrl");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 59, 86_401, -1})
    void timeoutOutsideItsRangeIsRefused(int timeoutSeconds) {
        var request = new DeployRequest("srv-abc", null, null, null, null, timeoutSeconds, null, null, null);

        assertThat(problemsOf(request)).extracting(FieldProblem::pointer).containsExactly("#/timeoutSeconds");
    }

    @Test
    void tooManyLabelsAreRefused() {
        var labels = new HashMap<String, String>();
        IntStream.range(0, 21).forEach(i -> labels.put("l" + i, "v"));

        assertThat(problemsOf(new DeployRequest("srv-abc", null, null, null, labels, null, null, null, null)))
                .extracting(FieldProblem::pointer).containsExactly("#/labels");
    }

    @Test
    void labelWithBadKeyOrValueIsRefused() {
        var labels = new HashMap<String, String>();
        labels.put("-leading-dash", "v");
        labels.put("empty", null);
        labels.put("long", "x".repeat(257));

        assertThat(problemsOf(new DeployRequest("srv-abc", null, null, null, labels, null, null, null, null)))
                .extracting(FieldProblem::pointer)
                .containsExactlyInAnyOrder("#/labels", "#/labels/empty", "#/labels/long");
    }

    @Test
    void everyProblemIsReportedAtOnceWithAHint() {
        var request = new DeployRequest("web", "nope", "has space", null, null, 1, null, null, null);

        var refused = catchThrowableOfType(InvalidRequestException.class, request::toSpec);

        assertThat(refused.problems()).extracting(FieldProblem::pointer)
                .containsExactly("#/serviceId", "#/commitId", "#/imageUrl", "#/imageUrl", "#/timeoutSeconds");
        assertThat(refused.getMessage()).isEqualTo("The deploy request has 5 problems.");
        assertThat(refused.hint()).contains("srv-");
    }

    @Test
    void validRequestsThatDifferInAnyMemberAreDifferentSpecs() {
        assertThat(request("srv-abc", "abc1234", null).toSpec())
                .isEqualTo(request("srv-abc", "ABC1234", null).toSpec())
                .isNotEqualTo(request("srv-abc", "abc1235", null).toSpec())
                .isNotEqualTo(request("srv-abd", "abc1234", null).toSpec());
    }

    private static DeployRequest request(String serviceId, String commitId, String imageUrl) {
        return new DeployRequest(serviceId, commitId, imageUrl, null, null, null, null, null, null);
    }

    private static List<FieldProblem> problemsOf(DeployRequest request) {
        var refused = catchThrowableOfType(InvalidRequestException.class, request::toSpec);
        assertThat(refused).as("refused").isNotNull();
        return refused.problems();
    }
}
