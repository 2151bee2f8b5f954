package io.deploybus.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.micronaut.core.annotation.Nullable;

/** Timestamps as Render writes most of them: UTC, {@code Z}, six fractional digits. */
final class RenderTimestamp {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private RenderTimestamp() {
    }

    static @Nullable String of(@Nullable Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /** Commit timestamps come from Git, without a fraction. */
    static String ofCommit(Instant instant) {
        return WHOLE_SECONDS.format(instant);
    }
}
