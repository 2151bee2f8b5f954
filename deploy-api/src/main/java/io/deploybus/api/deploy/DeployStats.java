package io.deploybus.api.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.deploybus.schemas.avro.DeployStatus;
import io.micronaut.core.annotation.Nullable;

/**
 * How deploys went in a window of time, from the deploys' statuses and times alone: a pure
 * function of the view's deploys, so it is unit-tested without a broker.
 *
 * <p>A deploy counts in the window it <em>finished</em> in. Its duration runs from its acceptance
 * to its end (queueing included: what a client waits). A recovery is a deploy of a service that
 * succeeded after one or more that failed, with no success between; its time to recovery runs from
 * the end of the first of those failures (which may lie before the window) to its own end.
 *
 * @param outcomes        every terminal status, in the enum's order, with how many deploys ended in it
 * @param successRate     succeeded / finished; null when none finished
 * @param p50Seconds      median duration; null when none finished
 * @param p95Seconds      95th percentile of the durations (nearest rank); null when none finished
 * @param rollbacks       finished deploys that were rolled back, or tried to be
 * @param mttrSeconds     mean time to recovery of the recoveries in the window; null when there was none
 * @param servicesFailing services whose latest finished deploy failed, as of the end of the window
 * @param inProgress      deploys in progress at the end of the window
 */
record DeployStats(
        long finished,
        Map<DeployStatus, Long> outcomes,
        @Nullable Double successRate,
        @Nullable Double p50Seconds,
        @Nullable Double p95Seconds,
        long rollbacks,
        @Nullable Double mttrSeconds,
        long recoveries,
        long servicesFailing,
        long inProgress) {

    /** Outcomes that a later success recovers from; a deploy refused or canceled broke nothing. */
    static final Set<DeployStatus> FAILURES = Set.of(DeployStatus.FAILED, DeployStatus.ROLLED_BACK,
            DeployStatus.ROLLBACK_FAILED, DeployStatus.TIMED_OUT);

    private static final Set<DeployStatus> ROLLED_BACK = Set.of(DeployStatus.ROLLED_BACK, DeployStatus.ROLLBACK_FAILED);

    /** One deploy as the stats see it. */
    record Run(String serviceId, DeployStatus status, Instant acceptedAt, @Nullable Instant finishedAt,
               boolean rollbackStarted) {

        boolean finishedWithin(Instant from, Instant to) {
            return finishedAt != null && !finishedAt.isBefore(from) && !finishedAt.isAfter(to);
        }
    }

    static DeployStats of(List<Run> runs, Instant from, Instant to) {
        List<Run> finished = runs.stream().filter(run -> run.finishedWithin(from, to)).toList();
        Map<DeployStatus, Long> outcomes = new LinkedHashMap<>();
        Arrays.stream(DeployStatus.values()).filter(status -> !DeployQuery.ACTIVE.contains(status))
                .forEach(status -> outcomes.put(status, 0L));
        finished.forEach(run -> outcomes.merge(run.status(), 1L, Long::sum));
        long succeeded = outcomes.getOrDefault(DeployStatus.SUCCEEDED, 0L);
        List<Double> durations = finished.stream()
                .map(run -> Duration.between(run.acceptedAt(), run.finishedAt()).toMillis() / 1000.0).sorted().toList();
        Recoveries recoveries = recoveries(runs, from, to);
        return new DeployStats(finished.size(), outcomes,
                finished.isEmpty() ? null : round((double) succeeded / finished.size()),
                percentile(durations, 0.50), percentile(durations, 0.95),
                finished.stream().filter(run -> run.rollbackStarted() || ROLLED_BACK.contains(run.status())).count(),
                recoveries.times().isEmpty() ? null
                        : round(recoveries.times().stream().mapToDouble(Double::doubleValue).average().orElseThrow()),
                recoveries.times().size(), recoveries.servicesFailing(),
                runs.stream().filter(run -> DeployQuery.ACTIVE.contains(run.status())).count());
    }

    private record Recoveries(List<Double> times, long servicesFailing) {
    }

    private static Recoveries recoveries(List<Run> runs, Instant from, Instant to) {
        Map<String, List<Run>> byService = runs.stream()
                .filter(run -> run.finishedAt() != null && !run.finishedAt().isAfter(to))
                .collect(Collectors.groupingBy(Run::serviceId));
        var times = new ArrayList<Double>();
        long failing = 0;
        for (List<Run> ofService : byService.values()) {
            Instant firstFailure = null;
            for (Run run : ofService.stream().sorted(Comparator.comparing(Run::finishedAt)).toList()) {
                if (FAILURES.contains(run.status())) {
                    firstFailure = firstFailure == null ? run.finishedAt() : firstFailure;
                } else if (run.status() == DeployStatus.SUCCEEDED) {
                    if (firstFailure != null && !run.finishedAt().isBefore(from)) {
                        times.add(Duration.between(firstFailure, run.finishedAt()).toMillis() / 1000.0);
                    }
                    firstFailure = null;
                }
            }
            failing += firstFailure == null ? 0 : 1;
        }
        return new Recoveries(times, failing);
    }

    @Nullable
    private static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
