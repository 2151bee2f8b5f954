package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;

/** 409: the request conflicts with the resource's state. */
public class RenderConflictException extends RenderApiException {

    public RenderConflictException(int status, @Nullable String renderMessage, @Nullable String requestId) {
        super("Render reported a conflict", status, renderMessage, requestId, null);
    }
}
