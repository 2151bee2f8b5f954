package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;

/** 403: the key may not act on this resource. */
public class RenderForbiddenException extends RenderApiException {

    public RenderForbiddenException(int status, @Nullable String renderMessage, @Nullable String requestId) {
        super("Render refused the request", status, renderMessage, requestId, null);
    }
}
