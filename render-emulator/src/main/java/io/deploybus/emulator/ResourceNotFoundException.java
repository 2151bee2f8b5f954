package io.deploybus.emulator;

import io.micronaut.http.HttpStatus;

/** 404, worded as Render words it: {@code not found: srv-…}. */
final class ResourceNotFoundException extends RenderErrorException {

    ResourceNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "not_found", "not found: " + id);
    }
}
