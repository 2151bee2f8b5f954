package io.deploybus.emulator;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.micronaut.context.annotation.Context;

/**
 * The emulated services. Loaded from the seed at start-up ({@link Context}, so that a bad seed
 * fails the start rather than the first request).
 */
@Context
final class ServiceCatalog {

    private final SeedReader seedReader;
    private final Clock clock;
    private volatile SeedFile replacement;
    private volatile SeedReader.Seed seed;
    private final Map<String, EmulatedService> services = new LinkedHashMap<>();

    ServiceCatalog(SeedReader seedReader, Clock clock) {
        this.seedReader = seedReader;
        this.clock = clock;
        reload();
    }

    /** Back to the seed: the file's, or the one last given by {@link #replaceSeed}. */
    synchronized void reload() {
        seed = replacement == null ? seedReader.read(clock.instant()) : seedReader.read(replacement, clock.instant());
        services.clear();
        seed.services().forEach(service -> services.put(service.id(), service));
    }

    /** Makes {@code file} the seed from now on and reloads; a seed that does not check out changes nothing. */
    synchronized void replaceSeed(SeedFile file) {
        seedReader.read(file, clock.instant());
        replacement = file;
        reload();
    }

    SeedReader.Seed seed() {
        return seed;
    }

    String ownerId() {
        return seed.ownerId();
    }

    /** @throws ResourceNotFoundException when there is no such service */
    synchronized EmulatedService service(String serviceId) {
        EmulatedService service = services.get(serviceId);
        if (service == null) {
            throw new ResourceNotFoundException(serviceId);
        }
        return service;
    }

    /** @throws ResourceNotFoundException when there is no such service */
    synchronized EmulatedService update(String serviceId, UnaryOperator<EmulatedService> change) {
        EmulatedService changed = change.apply(service(serviceId));
        services.put(serviceId, changed);
        return changed;
    }

    /** Newest first, as Render lists them. */
    synchronized List<EmulatedService> newestFirst() {
        return services.values().stream()
                .sorted(Comparator.comparing(EmulatedService::createdAt).reversed().thenComparing(EmulatedService::id))
                .toList();
    }
}
