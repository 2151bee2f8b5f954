package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;

/** 404: the service or deploy does not exist, or the key's workspaces cannot see it. */
public class RenderNotFoundException extends RenderApiException {

    public RenderNotFoundException(int status, @Nullable String renderMessage, @Nullable String requestId) {
        super("Render has no such resource", status, renderMessage, requestId, null);
    }
}
