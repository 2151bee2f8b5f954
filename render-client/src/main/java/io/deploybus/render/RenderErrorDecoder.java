package io.deploybus.render;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.micronaut.serde.ObjectMapper;

/** Turns an unsuccessful Render response into the exception named after its condition. */
final class RenderErrorDecoder {

    private static final int MAX_RAW_MESSAGE = 500;

    private final ObjectMapper objectMapper;
    private final Clock clock;

    RenderErrorDecoder(ObjectMapper objectMapper, Clock clock) {
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    RenderApiException decode(int status, HttpHeaders headers, byte[] body) {
        String message = message(body);
        String requestId = headers.firstValue("Render-Request-Id").orElse(null);
        return switch (status) {
            case 400, 422 -> new RenderInvalidRequestException(status, message, requestId);
            case 401 -> new RenderUnauthorizedException(message, requestId);
            case 403 -> new RenderForbiddenException(status, message, requestId);
            case 404 -> new RenderNotFoundException(status, message, requestId);
            case 409 -> new RenderConflictException(status, message, requestId);
            case 429 -> new RenderRateLimitedException(message, requestId,
                    retryAfter(headers).or(() -> seconds(headers, "Ratelimit-Reset")).orElse(null));
            default -> status >= 500
                    ? new RenderServerException(status, message, requestId, retryAfter(headers).orElse(null))
                    : new RenderApiException("Render answered with an unexpected status", status, message, requestId,
                    null);
        };
    }

    private String message(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            var error = objectMapper.readValue(body, ListItems.ErrorBody.class);
            if (error != null && error.message() != null) {
                return error.message();
            }
        } catch (IOException | RuntimeException notRendersJson) {
            // Proxies and load balancers answer in HTML or plain text; the raw text is what there is.
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        return raw.length() > MAX_RAW_MESSAGE ? raw.substring(0, MAX_RAW_MESSAGE) + "…" : raw;
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 allows both). */
    private Optional<Duration> retryAfter(HttpHeaders headers) {
        return seconds(headers, "Retry-After").or(() -> headers.firstValue("Retry-After").flatMap(this::untilDate));
    }

    private static Optional<Duration> seconds(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(String::strip).map(Long::parseLong)
                    .filter(seconds -> seconds >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    private Optional<Duration> untilDate(String value) {
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
