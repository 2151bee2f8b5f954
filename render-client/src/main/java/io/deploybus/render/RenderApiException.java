package io.deploybus.render;

import java.util.Optional;

import io.micronaut.core.annotation.Nullable;

/**
 * A call to the Render API that did not succeed. Subtypes name the condition; whether retrying can
 * help is a type ({@link RenderRetriableException}), never something to read from the message.
 * A status Deploybus has no special meaning for (402, 406, 410, …) arrives as this base type.
 */
public class RenderApiException extends RuntimeException {

    /** {@link #status()} of a call that got no HTTP response. */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final String renderMessage;
    private final String requestId;

    public RenderApiException(String message, int status, @Nullable String renderMessage, @Nullable String requestId,
                              @Nullable Throwable cause) {
        super(describe(message, status, renderMessage, requestId), cause);
        this.status = status;
        this.renderMessage = renderMessage;
        this.requestId = requestId;
    }

    /** The HTTP status Render answered, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The {@code message} of Render's error body, or the raw body when it was not Render's JSON. */
    public Optional<String> renderMessage() {
        return Optional.ofNullable(renderMessage);
    }

    /** Render's {@code Render-Request-Id}, to quote to Render's support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    private static String describe(String message, int status, String renderMessage, String requestId) {
        var text = new StringBuilder(message);
        if (status != NO_RESPONSE) {
            text.append(" (HTTP ").append(status).append(')');
        }
        if (renderMessage != null && !renderMessage.isBlank()) {
            text.append(": ").append(renderMessage);
        }
        if (requestId != null) {
            text.append(" [Render-Request-Id ").append(requestId).append(']');
        }
        return text.toString();
    }
}
