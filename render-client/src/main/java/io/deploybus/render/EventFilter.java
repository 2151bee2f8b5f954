package io.deploybus.render;

import java.time.Instant;
import java.util.List;

import io.micronaut.core.annotation.Nullable;

/**
 * Filters of {@code GET /services/{id}/events}. Without times, Render answers the last hour.
 *
 * @param types event types, e.g. {@code deploy_ended}; empty for all
 */
public record EventFilter(List<String> types, @Nullable Instant startTime, @Nullable Instant endTime) {

    public EventFilter {
        types = List.copyOf(types);
    }

    public static EventFilter all() {
        return new EventFilter(List.of(), null, null);
    }

    public static EventFilter ofTypes(String... types) {
        return new EventFilter(List.of(types), null, null);
    }

    public EventFilter between(Instant start, Instant end) {
        return new EventFilter(types, start, end);
    }

    Query toQuery() {
        return new Query().repeated("type", types).add("startTime", startTime).add("endTime", endTime);
    }
}
