package io.deploybus.emulator;

import io.micronaut.serde.annotation.Serdeable;

/** Render's error body. */
@Serdeable
record RenderError(String id, String message) {
}
