package io.deploybus.emulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One request to {@code /v1}, as {@code GET /_emulator/requests} lists it. Headers are not kept,
 * so no API key can leak through the log; {@code authorized} says whether the key was accepted.
 *
 * @param status the status answered; 0 while unanswered, or when the connection was dropped
 * @param fault  what an injected fault did to it ({@code status}, {@code latency}, {@code drop}), if anything
 */
@Serdeable
record RecordedRequest(String time, String method, String path, @Nullable String query, String requestId,
                       boolean authorized, int status, @Nullable String fault) {

    RecordedRequest answered(int answeredStatus) {
        return new RecordedRequest(time, method, path, query, requestId, authorized, answeredStatus, fault);
    }
}
