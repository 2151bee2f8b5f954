package io.deploybus.emulator;

import io.micronaut.http.HttpStatus;

/** A request the emulator answers with Render's error body, {@code {"id": …, "message": …}}. */
abstract class RenderErrorException extends RuntimeException {

    private final HttpStatus status;
    private final String errorId;

    RenderErrorException(HttpStatus status, String errorId, String message) {
        super(message);
        this.status = status;
        this.errorId = errorId;
    }

    HttpStatus status() {
        return status;
    }

    String errorId() {
        return errorId;
    }
}
