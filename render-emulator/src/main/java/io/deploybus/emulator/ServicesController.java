package io.deploybus.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

/** {@code /v1/services}: list, read, update, suspend, resume, restart, scale, instances. */
@Controller("/v1/services")
final class ServicesController {

    private final ServiceCatalog catalog;
    private final DeployLifecycle lifecycle;
    private final ServiceEvents events;
    private final Clock clock;

    ServicesController(ServiceCatalog catalog, DeployLifecycle lifecycle, ServiceEvents events, Clock clock) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    /** Array filters are accepted comma-joined (as Render's client sends them) and repeated. */
    @Get
    List<PageRequest.ServiceItem> list(@Nullable @QueryValue List<String> name, @Nullable @QueryValue List<String> type,
                                       @Nullable @QueryValue List<String> region,
                                       @Nullable @QueryValue List<String> suspended,
                                       @Nullable @QueryValue List<String> ownerId, @Nullable @QueryValue Instant createdAfter,
                                       @Nullable @QueryValue Instant createdBefore, @Nullable @QueryValue Instant updatedAfter,
                                       @Nullable @QueryValue Instant updatedBefore, @Nullable @QueryValue String cursor,
                                       @Nullable @QueryValue Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        Set<String> names = values(name);
        Set<String> types = values(type);
        Set<String> regions = values(region);
        Set<String> suspension = values(suspended);
        Set<String> owners = values(ownerId);
        List<EmulatedService> matching = catalog.newestFirst().stream()
                .filter(s -> names.isEmpty() || names.contains(s.name()))
                .filter(s -> types.isEmpty() || types.contains(s.type()))
                .filter(s -> regions.isEmpty() || regions.contains(s.region()))
                .filter(s -> suspension.isEmpty() || suspension.contains(s.suspended() ? "suspended" : "not_suspended"))
                .filter(s -> owners.isEmpty() || owners.contains(s.ownerId()))
                .filter(s -> TimeWindow.within(s.createdAt(), createdAfter, createdBefore))
                .filter(s -> TimeWindow.within(s.updatedAt(), updatedAfter, updatedBefore))
                .toList();
        return page.of(matching, EmulatedService::id).stream()
                .map(item -> new PageRequest.ServiceItem(item.cursor(), ServiceResource.of(item.item()))).toList();
    }

    @Get("/{serviceId}")
    ServiceResource get(String serviceId) {
        return ServiceResource.of(catalog.service(serviceId));
    }

    /** Only {@code name}, {@code branch}, {@code autoDeploy} and {@code serviceDetails.healthCheckPath} are applied. */
    @Patch("/{serviceId}")
    ServiceResource update(String serviceId, @Body ServicePatch patch) {
        if (patch.autoDeploy() != null && !Set.of("yes", "no").contains(patch.autoDeploy())) {
            throw new InvalidRequestException("autoDeploy must be one of yes, no");
        }
        Boolean autoDeploy = patch.autoDeploy() == null ? null : patch.autoDeploy().equals("yes");
        String healthCheckPath = patch.serviceDetails() == null ? null : patch.serviceDetails().healthCheckPath();
        return ServiceResource.of(catalog.update(serviceId,
                s -> s.patched(patch.name(), patch.branch(), autoDeploy, healthCheckPath, clock.instant())));
    }

    @Post("/{serviceId}/suspend")
    HttpResponse<Void> suspend(String serviceId) {
        lifecycle.suspend(serviceId);
        return HttpResponse.accepted();
    }

    @Post("/{serviceId}/resume")
    HttpResponse<Void> resume(String serviceId) {
        lifecycle.resume(serviceId);
        return HttpResponse.accepted();
    }

    @Post("/{serviceId}/restart")
    HttpResponse<Void> restart(String serviceId) {
        EmulatedService service = catalog.service(serviceId);
        events.emit(service, ServiceEvent.SERVER_RESTARTED, clock.instant(), Map.of());
        return HttpResponse.ok();
    }

    @Post("/{serviceId}/scale")
    HttpResponse<Void> scale(String serviceId, @Body Scale scale) {
        if (scale.numInstances() == null || scale.numInstances() < 0) {
            throw new InvalidRequestException("numInstances must be a number of instances");
        }
        int before = catalog.service(serviceId).numInstances();
        EmulatedService scaled = catalog.update(serviceId, s -> s.scaledTo(scale.numInstances(), clock.instant()));
        events.emit(scaled, ServiceEvent.INSTANCE_COUNT_CHANGED, clock.instant(),
                Map.of("fromInstances", before, "toInstances", scaled.numInstances()));
        return HttpResponse.accepted();
    }

    /** A bare array, no paging, as at Render; instance ids are stable per service and index. */
    @Get("/{serviceId}/instances")
    List<Resources.Instance> instances(String serviceId) {
        EmulatedService service = catalog.service(serviceId);
        if (service.suspended()) {
            return List.of();
        }
        return IntStream.range(0, service.numInstances())
                .mapToObj(i -> new Resources.Instance(service.id() + "-" + IdGenerator.stable(service.id() + i, 5),
                        RenderTimestamp.of(service.updatedAt())))
                .toList();
    }

    static Set<String> values(@Nullable List<String> raw) {
        return raw == null ? Set.of() : raw.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).collect(Collectors.toSet());
    }

    @Serdeable
    record ServicePatch(@Nullable String name, @Nullable String branch, @Nullable String autoDeploy,
                        @Nullable Details serviceDetails) {
    }

    @Serdeable
    record Details(@Nullable String healthCheckPath) {
    }

    @Serdeable
    record Scale(@Nullable Integer numInstances) {
    }
}
