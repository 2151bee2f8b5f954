package io.deploybus.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.inject.Singleton;

/** The last {@code emulator.request-log-capacity} requests to {@code /v1}, oldest first. */
@Singleton
final class RequestLog {

    private final int capacity;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

    RequestLog(EmulatorConfiguration configuration) {
        this.capacity = configuration.requestLogCapacity();
    }

    synchronized void add(RecordedRequest request) {
        if (requests.size() == capacity) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
