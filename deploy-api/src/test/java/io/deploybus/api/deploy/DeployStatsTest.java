package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeployStatsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant FROM = NOW.minus(Duration.ofHours(24));

    @Test
    void deploysCountInTheWindowTheyFinishedInWithTheirOutcomesRateAndDurations() {
        var stats = DeployStats.of(List.of(
                ended("srv-a", DeployStatus.SUCCEEDED, 10, 60),
                ended("srv-a", DeployStatus.SUCCEEDED, 20, 120),
                ended("srv-b", DeployStatus.FAILED, 30, 30),
                ended("srv-b", DeployStatus.SUCCEEDED, -30 * 60, 100),
                inProgress("srv-c", DeployStatus.DEPLOYING)), FROM, NOW);

        assertThat(stats.finished()).isEqualTo(3);
        assertThat(stats.outcomes()).containsEntry(DeployStatus.SUCCEEDED, 2L).containsEntry(DeployStatus.FAILED, 1L)
                .containsEntry(DeployStatus.TIMED_OUT, 0L).doesNotContainKey(DeployStatus.DEPLOYING);
        assertThat(stats.successRate()).isEqualTo(0.6667);
        assertThat(stats.p50Seconds()).isEqualTo(60.0);
        assertThat(stats.p95Seconds()).isEqualTo(120.0);
        assertThat(stats.inProgress()).isEqualTo(1);
    }

    @Test
    void aRecoveryRunsFromTheFirstFailureOfAStreakToTheNextSuccessEvenIfTheStreakBeganBeforeTheWindow() {
        var stats = DeployStats.of(List.of(
                ended("srv-a", DeployStatus.FAILED, -26 * 60, 60),
                ended("srv-a", DeployStatus.ROLLED_BACK, 60, 60),
                ended("srv-a", DeployStatus.SUCCEEDED, 120, 60),
                ended("srv-b", DeployStatus.TIMED_OUT, 60, 60),
                ended("srv-b", DeployStatus.SUCCEEDED, 90, 60),
                ended("srv-c", DeployStatus.FAILED, 100, 60),
                ended("srv-d", DeployStatus.REJECTED, 100, 1)), FROM, NOW);

        assertThat(stats.recoveries()).isEqualTo(2);
        // srv-a: its first failure ended 26 h before the window began, its success 2 h into it: 28 h.
        double srvA = Duration.ofHours(28).toSeconds();
        // srv-b: timed out 60 min into the window, succeeded 90 min into it: 30 min.
        double srvB = Duration.ofMinutes(30).toSeconds();
        assertThat(stats.mttrSeconds()).isEqualTo((srvA + srvB) / 2);
        assertThat(stats.servicesFailing()).as("srv-c; a rejected deploy broke nothing").isEqualTo(1);
        assertThat(stats.rollbacks()).isEqualTo(1);
    }

    @Test
    void aWindowWithoutDeploysHasNoRatesButZeroCounts() {
        var stats = DeployStats.of(List.of(), FROM, NOW);

        assertThat(stats.finished()).isZero();
        assertThat(stats.successRate()).isNull();
        assertThat(stats.p50Seconds()).isNull();
        assertThat(stats.mttrSeconds()).isNull();
        assertThat(stats.outcomes().values()).containsOnly(0L);
    }

    @Test
    void windowIsMinutesHoursOrDaysAndDefaultsToADay() {
        assertThat(StatsQuery.parse(Map.of()).window()).isEqualTo(Duration.ofHours(24));
        assertThat(StatsQuery.parse(Map.of("window", List.of("90m"))).window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(StatsQuery.parse(Map.of("window", List.of("30d"), "serviceId", List.of("srv-a1"))))
                .isEqualTo(new StatsQuery(Duration.ofDays(30), "srv-a1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0h", "24", "1w", "31d", "-1h", "PT24H", "99999999999h", ""})
    void windowThatIsNoneOrTooLongIsRefusedNamingIt(String window) {
        var problems = catchThrowableOfType(InvalidRequestException.class,
                () -> StatsQuery.parse(Map.of("window", List.of(window)))).problems();

        assertThat(problems).extracting(FieldProblem::parameter).containsExactly("window");
    }

    /** A deploy accepted {@code minutesIntoWindow} after the window's start that took {@code seconds}. */
    private static DeployStats.Run ended(String service, DeployStatus status, int minutesIntoWindow, int seconds) {
        Instant accepted = FROM.plus(Duration.ofMinutes(minutesIntoWindow));
        return new DeployStats.Run(service, status, accepted, accepted.plusSeconds(seconds),
                status == DeployStatus.ROLLED_BACK);
    }

    private static DeployStats.Run inProgress(String service, DeployStatus status) {
        return new DeployStats.Run(service, status, NOW.minusSeconds(5), null, false);
    }
}
