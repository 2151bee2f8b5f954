package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;

/** 400 or 422: Render rejected the request as invalid; sending it again cannot help. */
public class RenderInvalidRequestException extends RenderApiException {

    public RenderInvalidRequestException(int status, @Nullable String renderMessage, @Nullable String requestId) {
        super("Render rejected the request as invalid", status, renderMessage, requestId, null);
    }
}
