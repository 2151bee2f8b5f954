package io.deploybus.emulator;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A fault for {@code /v1} requests, the body of {@code POST /_emulator/faults}.
 *
 * @param status     answer with this status and Render's error body instead of handling the request (0 or absent: handle it)
 * @param retryAfter seconds for a {@code Retry-After} header, e.g. with 429 or 503
 * @param latency    wait this long before answering (or before handling the request)
 * @param drop       close the connection without an answer
 * @param count      apply to this many matching requests, then expire; absent for no limit
 * @param share      apply to this share of matching requests, 0..1 (default 1)
 * @param path       a regular expression the request path ({@code /v1/…}) must match; absent for all
 * @param method     the request method it applies to; absent for all
 */
@Serdeable
record FaultRule(@Nullable Integer status, @Nullable Integer retryAfter, @Nullable String latency,
                 @Nullable Boolean drop, @Nullable Integer count, @Nullable Double share, @Nullable String path,
                 @Nullable String method) {

    /** @throws InvalidRequestException for a rule that cannot apply */
    FaultRule checked() {
        if (status != null && status != 0 && (status < 400 || status > 599)) {
            throw new InvalidRequestException("status must be 400..599");
        }
        Durations.parse(latency);
        if (share != null && (share <= 0 || share > 1) || count != null && count < 1) {
            throw new InvalidRequestException("share must be in (0, 1] and count at least 1");
        }
        if ((status == null || status == 0) && latency == null && !isDrop()) {
            throw new InvalidRequestException("a fault needs a status, a latency or drop");
        }
        try {
            pattern();
        } catch (PatternSyntaxException e) {
            throw new InvalidRequestException("path is not a regular expression: " + e.getDescription());
        }
        return this;
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (path == null || pattern().matcher(requestPath).matches());
    }

    @Nullable Duration delay() {
        return Durations.parse(latency);
    }

    boolean isDrop() {
        return Boolean.TRUE.equals(drop);
    }

    boolean hasStatus() {
        return status != null && status != 0;
    }

    private Pattern pattern() {
        return path == null ? null : Pattern.compile(path);
    }
}
