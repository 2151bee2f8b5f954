package io.deploybus.api.deploy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code GET /v1/deploys/stats}; see {@link DeployStats} for what each number means. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeployStatsResource(
        String window,
        @Nullable String serviceId,
        Instant from,
        Instant until,
        long finished,
        Map<String, Long> outcomes,
        @Nullable Double successRate,
        Durations durationSeconds,
        long rollbacks,
        @Nullable Double meanTimeToRecoverySeconds,
        long recoveries,
        long servicesFailing,
        long inProgress) {

    static DeployStatsResource of(String window, StatsQuery query, Instant now, DeployStats stats) {
        var outcomes = new LinkedHashMap<String, Long>();
        stats.outcomes().forEach((status, count) -> outcomes.put(status.name(), count));
        return new DeployStatsResource(window, query.serviceId(), now.minus(query.window()), now, stats.finished(),
                outcomes, stats.successRate(), new Durations(stats.p50Seconds(), stats.p95Seconds()), stats.rollbacks(),
                stats.mttrSeconds(), stats.recoveries(), stats.servicesFailing(), stats.inProgress());
    }

    /** From acceptance to the end, in seconds; null when no deploy finished. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Durations(@Nullable Double p50, @Nullable Double p95) {
    }
}
