package io.deploybus.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/**
 * {@code GET /v1/logs}, paged by time as at Render. The lines are made from the services' events
 * (a deploy's start and end as {@code build} lines, the rest as {@code app} lines): enough for a
 * client to page through, not a copy of what Render's builds print.
 */
@Controller("/v1/logs")
final class LogsController {

    private static final Duration TICK = Duration.ofNanos(1000);

    private final ServiceEvents events;
    private final ServiceCatalog catalog;
    private final Clock clock;

    LogsController(ServiceEvents events, ServiceCatalog catalog, Clock clock) {
        this.events = events;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Get
    Resources.Logs list(@Nullable @QueryValue String ownerId, @Nullable @QueryValue List<String> resource,
                        @Nullable @QueryValue Instant startTime, @Nullable @QueryValue Instant endTime,
                        @Nullable @QueryValue String direction, @Nullable @QueryValue List<String> type,
                        @Nullable @QueryValue List<String> text, @Nullable @QueryValue Integer limit) {
        Set<String> resources = ServicesController.values(resource);
        if (ownerId == null || resources.isEmpty()) {
            throw new InvalidRequestException("ownerId and resource are required");
        }
        boolean forward = "forward".equals(direction);
        if (direction != null && !forward && !"backward".equals(direction)) {
            throw new InvalidRequestException("direction must be one of forward, backward");
        }
        int size = PageRequest.of(null, limit).limit();
        Instant end = endTime == null ? clock.instant() : endTime;
        Instant start = startTime == null ? end.minus(Duration.ofHours(1)) : startTime;
        Set<String> types = ServicesController.values(type);
        Set<String> texts = ServicesController.values(text);
        List<Resources.Log> lines = new ArrayList<>();
        for (String serviceId : resources) {
            if (catalog.ownerId().equals(ownerId)) {
                events.newestFirst(serviceId, Set.of(), start, end).stream().map(LogsController::line)
                        .filter(line -> types.isEmpty() || types.contains(label(line, "type")))
                        .filter(line -> texts.isEmpty() || texts.stream().anyMatch(line.message()::contains))
                        .forEach(lines::add);
            }
        }
        lines.sort((a, b) -> b.timestamp().compareTo(a.timestamp()));
        if (forward) {
            Collections.reverse(lines);
        }
        List<Resources.Log> page = lines.subList(0, Math.min(size, lines.size()));
        boolean hasMore = lines.size() > size;
        if (!hasMore || page.isEmpty()) {
            return new Resources.Logs(false, RenderTimestamp.of(start), RenderTimestamp.of(end), page);
        }
        Instant boundary = Instant.parse(page.getLast().timestamp());
        return forward
                ? new Resources.Logs(true, RenderTimestamp.of(boundary.plus(TICK)), RenderTimestamp.of(end), page)
                : new Resources.Logs(true, RenderTimestamp.of(start), RenderTimestamp.of(boundary.minus(TICK)), page);
    }

    private static Resources.Log line(ServiceEvent event) {
        boolean build = event.type().startsWith("deploy_");
        boolean failed = event.type().equals(ServiceEvent.SERVER_FAILED)
                || "failed".equals(event.details().get("deployStatus"));
        String message = switch (event.type()) {
            case ServiceEvent.DEPLOY_STARTED -> "==> Deploying " + event.details().get("deployId");
            case ServiceEvent.DEPLOY_ENDED -> "==> Deploy " + event.details().get("deployId") + " "
                    + event.details().get("deployStatus");
            case ServiceEvent.SERVER_AVAILABLE -> "==> Your service is live";
            case ServiceEvent.SERVER_FAILED -> "==> Health check failed";
            default -> "==> " + event.type().replace('_', ' ');
        };
        return new Resources.Log(event.id().replace("evt-", "log-"), RenderTimestamp.of(event.timestamp()), message,
                List.of(new Resources.Label("resource", event.serviceId()),
                        new Resources.Label("type", build ? "build" : "app"),
                        new Resources.Label("level", failed ? "error" : "info")));
    }

    private static String label(Resources.Log line, String name) {
        return line.labels().stream().filter(label -> label.name().equals(name)).map(Resources.Label::value)
                .findFirst().orElse("").toLowerCase(Locale.ROOT);
    }
}
