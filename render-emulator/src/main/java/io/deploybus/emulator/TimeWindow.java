package io.deploybus.emulator;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;

/** Render's {@code …After}/{@code …Before} filters: an instant within, bounds exclusive, {@code null} unbounded. */
final class TimeWindow {

    private TimeWindow() {
    }

    static boolean within(@Nullable Instant at, @Nullable Instant after, @Nullable Instant before) {
        if (at == null) {
            return after == null && before == null;
        }
        return (after == null || at.isAfter(after)) && (before == null || at.isBefore(before));
    }
}
