package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.deploybus.api.idempotency.CanonicalForm;
import io.deploybus.api.idempotency.RequestDigests;
import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretsConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The config changes a deploy request may carry: env vars, env groups, rollback policy. */
class DeployRequestConfigChangesTest {

    private static final String SECRET = "s3cr3t-value-never-echoed";

    @Test
    void setDeleteAndGenerateBecomeEditsInTheOrderGiven() {
        var spec = withEnvVars(set("DATABASE_URL", "postgres://db"), delete("OLD_FLAG"), generate("_SESSION_2")).toSpec();

        assertThat(spec.envVars()).containsExactly(
                new EnvVarEdit.Set("DATABASE_URL", new SecretValue("postgres://db")),
                new EnvVarEdit.Delete("OLD_FLAG"),
                new EnvVarEdit.Generate("_SESSION_2"));
    }

    @Test
    void emptyValueIsAValueToSet() {
        assertThat(withEnvVars(set("EMPTY", "")).toSpec().envVars())
                .containsExactly(new EnvVarEdit.Set("EMPTY", new SecretValue("")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1ABC", "MY-VAR", "A B", "ÄRGER", "A=B", "A.B"})
    void keyThatIsNotAnEnvVarNameIsRefused(String key) {
        assertThat(problemsOf(withEnvVars(set(key, SECRET)))).extracting(FieldProblem::pointer)
                .containsExactly("#/envVars/0/key");
    }

    @Test
    void missingKeyIsRefused() {
        assertThat(problemsOf(withEnvVars(new EnvVarRequest(null, SECRET, null, null))))
                .extracting(FieldProblem::pointer).containsExactly("#/envVars/0/key");
    }

    @Test
    void keyOfUpTo256CharactersIsAcceptedAndLongerIsRefused() {
        assertThat(withEnvVars(set("K".repeat(256), "v")).toSpec().envVars()).hasSize(1);
        assertThat(problemsOf(withEnvVars(set("K".repeat(257), "v")))).extracting(FieldProblem::pointer)
                .containsExactly("#/envVars/0/key");
    }

    @ParameterizedTest(name = "value={0} delete={1} generateValue={2}")
    @CsvSource(nullValues = "null", value = {
            "null, null, null",
            "null, false, false",
            "s3cr3t-value-never-echoed, true, null",
            "s3cr3t-value-never-echoed, null, true",
            "null, true, true",
    })
    void envVarAskingForNoneOrSeveralActionsIsRefusedNamingTheKey(String value, Boolean delete, Boolean generate) {
        var problems = problemsOf(withEnvVars(new EnvVarRequest("API_TOKEN", value, delete, generate)));

        assertThat(problems).extracting(FieldProblem::pointer).containsExactly("#/envVars/0");
        assertThat(problems.getFirst().detail()).contains("API_TOKEN").doesNotContain(SECRET);
    }

    @Test
    void valueOfUpTo64KibIsAccepted() {
        assertThat(withEnvVars(set("BIG", "x".repeat(65_536))).toSpec().envVars()).hasSize(1);
    }

    @Test
    void valueOver64KibInUtf8IsRefusedNamingTheKeyNotTheValue() {
        String value = SECRET + "é".repeat(32_768);

        var problems = problemsOf(withEnvVars(set("CERTIFICATE", value)));

        assertThat(problems).extracting(FieldProblem::pointer).containsExactly("#/envVars/0/value");
        assertThat(problems.getFirst().detail()).contains("CERTIFICATE").doesNotContain(SECRET);
    }

    @Test
    void keyGivenTwiceIsRefusedNamingIt() {
        var problems = problemsOf(withEnvVars(set("TOKEN", SECRET), delete("OTHER"), generate("TOKEN")));

        assertThat(problems).extracting(FieldProblem::pointer).containsExactly("#/envVars/2/key");
        assertThat(problems.getFirst().detail()).contains("TOKEN");
    }

    @Test
    void keysDifferingOnlyInCaseAreDifferentVariables() {
        assertThat(withEnvVars(delete("token"), delete("TOKEN")).toSpec().envVars()).hasSize(2);
    }

    @Test
    void upTo100EnvVarsAreAcceptedAndMoreAreRefused() {
        assertThat(withEnvVars(deletes(100)).toSpec().envVars()).hasSize(100);
        assertThat(problemsOf(withEnvVars(deletes(101)))).extracting(FieldProblem::pointer)
                .containsExactly("#/envVars");
    }

    @Test
    void valuesTogetherOver512KibAreRefused() {
        var envVars = IntStream.range(0, 9).mapToObj(i -> set("CHUNK_" + i, "x".repeat(60_000)))
                .toArray(EnvVarRequest[]::new);

        assertThat(problemsOf(withEnvVars(envVars))).extracting(FieldProblem::pointer).containsExactly("#/envVars");
    }

    @Test
    void nullEntryInEnvVarsIsRefused() {
        var envVars = new ArrayList<EnvVarRequest>();
        envVars.add(null);

        assertThat(problemsOf(request(envVars, null, null))).extracting(FieldProblem::pointer)
                .containsExactly("#/envVars/0");
    }

    @Test
    void neitherTheRefusalNorTheRequestOrSpecTextContainsAValue() {
        var request = withEnvVars(set("GOOD", SECRET), set("BAD-KEY", SECRET), new EnvVarRequest("BOTH", SECRET, true, null));

        var refused = catchThrowableOfType(InvalidRequestException.class, request::toSpec);

        assertThat(refused.getMessage()).doesNotContain(SECRET);
        assertThat(refused.problems()).extracting(FieldProblem::detail).allSatisfy(d -> assertThat(d).doesNotContain(SECRET));
        assertThat(request.toString()).doesNotContain(SECRET);
        assertThat(withEnvVars(set("GOOD", SECRET)).toSpec().toString()).doesNotContain(SECRET);
    }

    @Test
    void envGroupsToLinkAndUnlinkAreCarriedOverInOrder() {
        var spec = request(null, new EnvGroupsRequest(List.of("evg-b2", "evg-a1"), List.of("evg-old")), null).toSpec();

        assertThat(spec.envGroups()).isEqualTo(new EnvGroupChanges(List.of("evg-b2", "evg-a1"), List.of("evg-old")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "evg-", "EVG-abc", "evg-ABC", "env-abc", "evg-a_b", "evg-a b", "srv-abc"})
    void envGroupIdThatIsNotRendersFormIsRefused(String id) {
        assertThat(problemsOf(request(null, new EnvGroupsRequest(List.of(id), null), null)))
                .extracting(FieldProblem::pointer).containsExactly("#/envGroups/link/0");
        assertThat(problemsOf(request(null, new EnvGroupsRequest(null, List.of("evg-ok", id)), null)))
                .extracting(FieldProblem::pointer).containsExactly("#/envGroups/unlink/1");
    }

    @Test
    void envGroupBothLinkedAndUnlinkedIsRefusedNamingIt() {
        var problems = problemsOf(request(null,
                new EnvGroupsRequest(List.of("evg-a1", "evg-b2"), List.of("evg-c3", "evg-b2")), null));

        assertThat(problems).extracting(FieldProblem::pointer).containsExactly("#/envGroups/unlink/1");
        assertThat(problems.getFirst().detail()).contains("evg-b2");
    }

    @Test
    void envGroupListedTwiceIsRefused() {
        assertThat(problemsOf(request(null, new EnvGroupsRequest(List.of("evg-a1", "evg-a1"), null), null)))
                .extracting(FieldProblem::pointer).containsExactly("#/envGroups/link/1");
    }

    @Test
    void moreThan20EnvGroupsInAListAreRefused() {
        var ids = IntStream.range(0, 21).mapToObj(i -> "evg-g" + i).toList();

        assertThat(problemsOf(request(null, new EnvGroupsRequest(null, ids), null)))
                .extracting(FieldProblem::pointer).containsExactly("#/envGroups/unlink");
    }

    @Test
    void rollbackMembersLeftOutTakeTheirDefaults() {
        assertThat(request(null, null, new RollbackRequest(null, null)).toSpec().rollback())
                .isEqualTo(new RollbackSpec(true, false));
        assertThat(request(null, null, new RollbackRequest(null, true)).toSpec().rollback())
                .isEqualTo(new RollbackSpec(true, true));
    }

    @Test
    void rollbackCanBeTurnedOff() {
        assertThat(request(null, null, new RollbackRequest(false, null)).toSpec().rollback())
                .isEqualTo(new RollbackSpec(false, false));
    }

    @Test
    void disablingAutoDeployWithoutRollbackIsRefused() {
        assertThat(problemsOf(request(null, null, new RollbackRequest(false, true))))
                .extracting(FieldProblem::pointer).containsExactly("#/rollback/disableAutoDeploy");
    }

    @Test
    void digestOfARequestTellsEnvVarValuesApartWithoutHoldingThem() {
        var digests = new RequestDigests(new SecretsConfiguration("k1", Map.of("k1", SecretBox.newKey())));
        var spec = withEnvVars(set("TOKEN", SECRET), delete("OLD")).toSpec();
        var same = withEnvVars(set("TOKEN", SECRET), delete("OLD")).toSpec();
        var otherValue = withEnvVars(set("TOKEN", SECRET + "!"), delete("OLD")).toSpec();

        String digest = digests.digest(canonical(spec));

        assertThat(digest).startsWith("k1:").doesNotContain(SECRET);
        assertThat(digests.compare(digest, canonical(same))).isEqualTo(RequestDigests.Comparison.SAME);
        assertThat(digests.compare(digest, canonical(otherValue))).isEqualTo(RequestDigests.Comparison.DIFFERENT);
    }

    @Test
    void requestLeavingOutADefaultIsTheSameRequestAsOneSpellingItOut() {
        var digests = new RequestDigests(new SecretsConfiguration("k1", Map.of("k1", SecretBox.newKey())));
        var implicit = new DeploySpec("srv-a1", null, null, false, Map.of(), null, List.of(), EnvGroupChanges.NONE,
                RollbackSpec.DEFAULT);
        var explicit = new DeploySpec("srv-a1", null, null, false, Map.of(), 1800, List.of(), EnvGroupChanges.NONE,
                new RollbackSpec(true, false));

        assertThat(digests.compare(digests.digest(canonical(implicit)), canonical(explicit)))
                .isEqualTo(RequestDigests.Comparison.SAME);
        assertThat(digests.compare(digests.digest(canonical(implicit)), canonical(
                new DeploySpec("srv-a1", null, null, false, Map.of(), 900, List.of(), EnvGroupChanges.NONE,
                        RollbackSpec.DEFAULT)))).isEqualTo(RequestDigests.Comparison.DIFFERENT);
    }

    private static CanonicalForm canonical(DeploySpec spec) {
        var form = new CanonicalForm();
        spec.writeTo(form);
        return form;
    }

    private static EnvVarRequest set(String key, String value) {
        return new EnvVarRequest(key, value, null, null);
    }

    private static EnvVarRequest delete(String key) {
        return new EnvVarRequest(key, null, true, null);
    }

    private static EnvVarRequest generate(String key) {
        return new EnvVarRequest(key, null, null, true);
    }

    private static EnvVarRequest[] deletes(int count) {
        return IntStream.range(0, count).mapToObj(i -> delete("VAR_" + i)).toArray(EnvVarRequest[]::new);
    }

    private static DeployRequest withEnvVars(EnvVarRequest... envVars) {
        return request(Arrays.asList(envVars), null, null);
    }

    private static DeployRequest request(List<EnvVarRequest> envVars, EnvGroupsRequest envGroups, RollbackRequest rollback) {
        return new DeployRequest("srv-abc", null, null, null, null, null, envVars, envGroups, rollback);
    }

    private static List<FieldProblem> problemsOf(DeployRequest request) {
        var refused = catchThrowableOfType(InvalidRequestException.class, request::toSpec);
        assertThat(refused).as("refused").isNotNull();
        return refused.problems();
    }
}
