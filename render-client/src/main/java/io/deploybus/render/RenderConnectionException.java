package io.deploybus.render;

import java.io.IOException;

/**
 * The request could not be exchanged with Render: the connection could not be made, or broke. When
 * the connection was never made, Render saw nothing, so even a trigger is safe to send again.
 */
public class RenderConnectionException extends RenderRetriableException {

    private final boolean sent;

    public RenderConnectionException(String request, IOException cause, boolean sent) {
        super("Cannot reach Render to " + request, NO_RESPONSE, null, null, null, cause);
        this.sent = sent;
    }

    /** False when the request certainly never reached Render (no connection was made). */
    public boolean mayHaveReachedRender() {
        return sent;
    }
}
