package io.deploybus.render;

import java.time.Duration;

import io.micronaut.core.annotation.Nullable;

/** 5xx: Render failed or is unavailable. */
public class RenderServerException extends RenderRetriableException {

    public RenderServerException(int status, @Nullable String renderMessage, @Nullable String requestId,
                                 @Nullable Duration retryAfter) {
        super("Render failed to answer", status, renderMessage, requestId, retryAfter, null);
    }
}
