package io.deploybus.render;

import java.time.Duration;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;

/**
 * A failure that the same request may not meet again: rate limiting, a server error, a timeout, a
 * connection that could not be made. {@link RenderClient} has already retried it as configured
 * when a caller sees it.
 */
public abstract class RenderRetriableException extends RenderApiException {

    private final Duration retryAfter;

    protected RenderRetriableException(String message, int status, @Nullable String renderMessage,
                                       @Nullable String requestId, @Nullable Duration retryAfter,
                                       @Nullable Throwable cause) {
        super(message, status, renderMessage, requestId, cause);
        this.retryAfter = retryAfter;
    }

    /** How long Render asked to wait ({@code Retry-After}, else {@code Ratelimit-Reset} on a 429). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
