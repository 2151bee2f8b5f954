package io.deploybus.emulator;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.context.annotation.Context;

/**
 * The emulated services. Loaded from the seed at start-up ({@link Context}, so that a bad seed
 * fails the start rather than the first request).
 */
@Context
final class ServiceCatalog {

    private final SeedReader seed;
    private final Clock clock;
    private volatile Map<String, EmulatedService> services;

    ServiceCatalog(SeedReader seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
        reload();
    }

    /** Back to the seed. */
    void reload() {
        Map<String, EmulatedService> loaded = new LinkedHashMap<>();
        seed.read(clock.instant()).forEach(service -> loaded.put(service.id(), service));
        services = loaded;
    }

    /** @throws ResourceNotFoundException when there is no such service */
    EmulatedService service(String serviceId) {
        EmulatedService service = services.get(serviceId);
        if (service == null) {
            throw new ResourceNotFoundException(serviceId);
        }
        return service;
    }

    /** Newest first, as Render lists them. */
    List<EmulatedService> newestFirst() {
        return services.values().stream()
                .sorted(Comparator.comparing(EmulatedService::createdAt).reversed().thenComparing(EmulatedService::id))
                .toList();
    }
}
