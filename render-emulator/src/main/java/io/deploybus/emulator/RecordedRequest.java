package io.deploybus.emulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One request to {@code /v1}, as {@code GET /_emulator/requests} lists it. Headers are not kept,
 * so no API key can leak through the log; {@code authorized} says whether the key was accepted.
 */
@Serdeable
record RecordedRequest(String time, String method, String path, @Nullable String query, String requestId,
                       boolean authorized) {
}
