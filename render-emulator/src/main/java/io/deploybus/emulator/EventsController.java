package io.deploybus.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/** {@code /v1/services/{serviceId}/events} (the last hour unless told otherwise) and {@code /v1/events/{eventId}}. */
@Controller("/v1")
final class EventsController {

    private final ServiceEvents events;
    private final ServiceCatalog catalog;
    private final Clock clock;

    EventsController(ServiceEvents events, ServiceCatalog catalog, Clock clock) {
        this.events = events;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Get("/services/{serviceId}/events")
    List<Resources.EventItem> list(String serviceId, @Nullable @QueryValue List<String> type,
                                   @Nullable @QueryValue Instant startTime, @Nullable @QueryValue Instant endTime,
                                   @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        catalog.service(serviceId);
        PageRequest page = PageRequest.of(cursor, limit);
        Instant end = endTime == null ? clock.instant() : endTime;
        Instant start = startTime == null ? end.minus(Duration.ofHours(1)) : startTime;
        return page.of(events.newestFirst(serviceId, ServicesController.values(type), start, end), ServiceEvent::id)
                .stream().map(item -> new Resources.EventItem(item.cursor(), Resources.Event.of(item.item()))).toList();
    }

    @Get("/events/{eventId}")
    Resources.Event get(String eventId) {
        return Resources.Event.of(events.event(eventId));
    }
}
