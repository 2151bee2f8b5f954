package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;

/** 401: Render did not accept the API key. */
public class RenderUnauthorizedException extends RenderApiException {

    public RenderUnauthorizedException(@Nullable String renderMessage, @Nullable String requestId) {
        super("Render did not accept the API key: it is missing or wrong (check render.api.key)", 401,
                renderMessage, requestId, null);
    }
}
