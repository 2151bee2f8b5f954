package io.deploybus.emulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Every service event the emulator emitted, and the webhooks it owes for them. Events are kept
 * until {@code /_emulator/reset}.
 */
@Singleton
final class ServiceEvents {

    private final IdGenerator ids;
    private final WebhookSender webhooks;
    private final List<ServiceEvent> events = new ArrayList<>();
    private Instant last;

    ServiceEvents(IdGenerator ids, WebhookSender webhooks) {
        this.ids = ids;
        this.webhooks = webhooks;
    }

    /** Records an event and sends it to the webhooks. */
    ServiceEvent emit(EmulatedService service, String type, Instant at, Map<String, Object> details) {
        // Microseconds, as Render writes timestamps: a time read back from JSON then names the same instant.
        ServiceEvent event;
        synchronized (this) {
            // Strictly increasing, so that paging logs by time never has two lines at one boundary.
            Instant stamp = at.truncatedTo(ChronoUnit.MICROS);
            if (last != null && !stamp.isAfter(last)) {
                stamp = last.plus(1, ChronoUnit.MICROS);
            }
            last = stamp;
            event = new ServiceEvent(ids.eventId(), service.id(), stamp, type, details);
            events.add(event);
        }
        webhooks.send(event, service);
        return event;
    }

    /** @throws ResourceNotFoundException when there is no such event */
    synchronized ServiceEvent event(String id) {
        return events.stream().filter(event -> event.id().equals(id)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /** Newest first, within {@code [start, end]}, of the given types (all when empty). */
    synchronized List<ServiceEvent> newestFirst(String serviceId, Set<String> types, @Nullable Instant start,
                                                @Nullable Instant end) {
        List<ServiceEvent> matching = new ArrayList<>(events.stream()
                .filter(event -> event.serviceId().equals(serviceId))
                .filter(event -> types.isEmpty() || types.contains(event.type()))
                .filter(event -> start == null || !event.timestamp().isBefore(start))
                .filter(event -> end == null || !event.timestamp().isAfter(end))
                .toList());
        Collections.reverse(matching);
        return matching;
    }

    synchronized void clear() {
        events.clear();
    }
}
