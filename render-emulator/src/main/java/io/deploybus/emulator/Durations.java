package io.deploybus.emulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micronaut.core.annotation.Nullable;

/** Durations in control-API bodies as the configuration writes them ({@code 500ms}, {@code 30s}, {@code 2m}) or ISO-8601. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("^(\\d+)(ms|s|m)$");

    private Durations() {
    }

    /** @throws InvalidRequestException for text that is no duration */
    static @Nullable Duration parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        Matcher shortForm = SHORT.matcher(text.strip());
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("'" + text + "' is not a duration such as 500ms, 30s, 2m or PT30S");
        }
    }
}
