package io.deploybus.render;

import java.time.Instant;
import java.util.List;

import io.micronaut.core.annotation.Nullable;

/**
 * A query of {@code GET /logs}, which pages by time, not by cursor.
 *
 * @param ownerId   the workspace, required by Render
 * @param resources service ids, at least one
 * @param direction {@code backward} (newest first, Render's default) or {@code forward}
 * @param types     log types: {@code app}, {@code request}, {@code build}; empty for all
 * @param text      substrings (or Render's wildcards) a line must contain; empty for all
 */
public record LogQuery(String ownerId, List<String> resources, @Nullable Instant startTime, @Nullable Instant endTime,
                       @Nullable String direction, List<String> types, List<String> text, int limit) {

    public LogQuery {
        resources = List.copyOf(resources);
        types = List.copyOf(types);
        text = List.copyOf(text);
    }

    /** The last hour of a service's logs, newest first, 100 a page. */
    public static LogQuery of(String ownerId, String serviceId) {
        return new LogQuery(ownerId, List.of(serviceId), null, null, null, List.of(), List.of(), 100);
    }

    public LogQuery between(Instant start, Instant end) {
        return new LogQuery(ownerId, resources, start, end, direction, types, text, limit);
    }

    public LogQuery ofTypes(String... types) {
        return new LogQuery(ownerId, resources, startTime, endTime, direction, List.of(types), text, limit);
    }

    /** The page after {@code logs}, by Render's {@code nextStartTime}/{@code nextEndTime}. */
    LogQuery after(RenderLogs logs) {
        return new LogQuery(ownerId, resources, logs.nextStartTime(), logs.nextEndTime(), direction, types, text, limit);
    }

    Query toQuery() {
        return new Query().add("ownerId", ownerId).repeated("resource", resources)
                .add("startTime", startTime).add("endTime", endTime).add("direction", direction)
                .repeated("type", types).repeated("text", text).add("limit", limit);
    }
}
