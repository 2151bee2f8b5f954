package io.deploybus.render;

import java.net.http.HttpTimeoutException;

/**
 * No complete answer within {@code render.api.request-timeout}. The request may still have taken
 * effect at Render: a timed-out trigger is not retried, and the caller must look before triggering
 * again.
 */
public class RenderTimeoutException extends RenderRetriableException {

    public RenderTimeoutException(String request, HttpTimeoutException cause) {
        super("No answer from Render in time to " + request, NO_RESPONSE, null, null, null, cause);
    }
}
