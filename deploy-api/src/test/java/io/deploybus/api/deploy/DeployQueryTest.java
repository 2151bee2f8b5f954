package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeployQueryTest {

    @Test
    void noParametersIsTheNewestTwentyOfEveryDeploy() {
        var query = DeployQuery.parse(Map.of());

        assertThat(query).isEqualTo(new DeployQuery(null, Set.of(), null, Map.of(), null, null, 20, null));
    }

    @Test
    void everyFilterIsReadAndActiveStandsForEveryStatusInProgress() {
        String cursor = new Cursor(Instant.parse("2026-03-01T10:00:00Z"), "dpl-abc").encode();

        var query = DeployQuery.parse(Map.of(
                "serviceId", List.of("srv-a1"),
                "status", List.of("failed,active", "ROLLED_BACK"),
                "batchId", List.of("bat-01m81b7k3tq2hx6v0y9dcn4r5s"),
                "label", List.of("pipeline:4711", "team:pay:ments"),
                "since", List.of("2026-03-01T09:00:00+01:00"),
                "until", List.of("2026-03-02T00:00:00Z"),
                "limit", List.of("100"),
                "cursor", List.of(cursor)));

        assertThat(query.serviceId()).isEqualTo("srv-a1");
        assertThat(query.statuses()).containsExactlyInAnyOrder(DeployStatus.FAILED, DeployStatus.ROLLED_BACK,
                DeployStatus.QUEUED, DeployStatus.VALIDATING, DeployStatus.CONFIGURING, DeployStatus.DEPLOYING,
                DeployStatus.ROLLING_BACK);
        assertThat(query.batchId()).isEqualTo("bat-01m81b7k3tq2hx6v0y9dcn4r5s");
        assertThat(query.labels()).containsOnly(Map.entry("pipeline", "4711"), Map.entry("team", "pay:ments"));
        assertThat(query.since()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(query.until()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(query.limit()).isEqualTo(100);
        assertThat(query.after()).isEqualTo(new Cursor(Instant.parse("2026-03-01T10:00:00Z"), "dpl-abc"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "status    | SUCEEDED",
            "status    | ''",
            "serviceId | web-1",
            "batchId   | dpl-01m81b7k3tq2hx6v0y9dcn4r5s",
            "label     | pipeline",
            "label     | :4711",
            "since     | yesterday",
            "since     | 2026-03-01T10:00:00",
            "until     | 2026-13-01T10:00:00Z",
            "limit     | 0",
            "limit     | 101",
            "limit     | ten",
            "limit     | 99999999999",
            "cursor    | not-a-cursor",
            "cursor    | ZDF8MXwyfA",
            "statuses  | FAILED",
    })
    void invalidParameterIsRefusedNamingIt(String name, String value) {
        var problems = problemsOf(Map.of(name, List.of(value)));

        assertThat(problems).extracting(FieldProblem::parameter).containsExactly(name);
        assertThat(problems.getFirst().detail()).isNotBlank();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var problems = problemsOf(Map.of("limit", List.of("0"), "status", List.of("NOPE"), "serviceId", List.of("a", "b")));

        assertThat(problems).extracting(FieldProblem::parameter).containsExactlyInAnyOrder("limit", "status", "serviceId");
    }

    @Test
    void untilNotAfterSinceIsRefused() {
        var problems = problemsOf(Map.of("since", List.of("2026-03-01T10:00:00Z"), "until", List.of("2026-03-01T10:00:00Z")));

        assertThat(problems).extracting(FieldProblem::parameter).containsExactly("until");
    }

    @Test
    void valueThatIsNotPlainIsDescribedNotEchoed() {
        var problems = problemsOf(Map.of("status", List.of("<script>alert(1)</script>")));

        assertThat(problems.getFirst().detail()).doesNotContain("script");
    }

    @Test
    void aServicesHistoryTakesTheServiceFromThePath() {
        assertThat(DeployQuery.ofService("srv-a1", Map.of("status", List.of("active"))).serviceId()).isEqualTo("srv-a1");
        var problems = catchThrowableOfType(InvalidRequestException.class,
                () -> DeployQuery.ofService("web-1", Map.of("serviceId", List.of("srv-a2")))).problems();
        assertThat(problems).extracting(FieldProblem::parameter).containsExactly("serviceId", "serviceId");
    }

    private static List<FieldProblem> problemsOf(Map<String, List<String>> parameters) {
        return catchThrowableOfType(InvalidRequestException.class, () -> DeployQuery.parse(parameters)).problems();
    }
}
