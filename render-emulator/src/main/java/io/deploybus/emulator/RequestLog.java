package io.deploybus.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

/** The last {@code emulator.request-log-capacity} requests to {@code /v1}, oldest first. */
@Singleton
final class RequestLog {

    private final int capacity;
    private final Map<String, RecordedRequest> requests = new LinkedHashMap<>();

    RequestLog(EmulatorConfiguration configuration) {
        this.capacity = configuration.requestLogCapacity();
    }

    synchronized void add(RecordedRequest request) {
        if (requests.size() == capacity) {
            requests.remove(requests.keySet().iterator().next());
        }
        requests.put(request.requestId(), request);
    }

    /** Notes the status a recorded request was answered with. */
    synchronized void answered(String requestId, int status) {
        requests.computeIfPresent(requestId, (id, request) -> request.answered(status));
    }

    synchronized List<RecordedRequest> matching(Predicate<RecordedRequest> filter) {
        return requests.values().stream().filter(filter).toList();
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests.values());
    }

    synchronized void clear() {
        requests.clear();
    }
}
