package io.deploybus.emulator;

import io.micronaut.http.HttpStatus;

/** 400: a parameter or body field Render would refuse. */
final class InvalidRequestException extends RenderErrorException {

    InvalidRequestException(String message) {
        super(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }
}
