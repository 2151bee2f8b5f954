package io.deploybus.render;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One page of {@code GET /logs}. While {@code hasMore}, the next page is asked for with
 * {@code nextStartTime} and {@code nextEndTime}.
 */
@Serdeable
public record RenderLogs(@Nullable List<Entry> logs, boolean hasMore, @Nullable Instant nextStartTime,
                         @Nullable Instant nextEndTime) {

    public RenderLogs {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** One log line; {@code labels} carry {@code resource}, {@code type}, {@code level}, {@code instance}, … */
    @Serdeable
    public record Entry(@Nullable String id, @Nullable Instant timestamp, @Nullable String message,
                        @Nullable List<Label> labels) {

        public Entry {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }

        public Optional<String> label(String name) {
            return labels.stream().filter(label -> name.equals(label.name())).map(Label::value).findFirst();
        }
    }

    @Serdeable
    public record Label(String name, @Nullable String value) {
    }
}
