package io.deploybus.render;

import java.time.Duration;

import io.micronaut.core.annotation.Nullable;

/** 429: a Render rate limit is used up; {@link #retryAfter()} says when it refills. */
public class RenderRateLimitedException extends RenderRetriableException {

    public RenderRateLimitedException(@Nullable String renderMessage, @Nullable String requestId,
                                      @Nullable Duration retryAfter) {
        super("Render rate limit reached", 429, renderMessage, requestId, retryAfter, null);
    }
}
