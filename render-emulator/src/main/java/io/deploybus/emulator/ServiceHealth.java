package io.deploybus.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * How each emulated web service answers its health check path on the emulator, switchable at run
 * time. Switching to failing emits {@code server_failed}, and back to healthy {@code server_available},
 * as Render reports an instance that fails its checks and recovers.
 */
@Singleton
final class ServiceHealth {

    /** {@code healthy} answers 200; {@code failing} 503; {@code slow} 200 after a delay; {@code flapping} alternates. */
    enum Mode {
        HEALTHY, FAILING, SLOW, FLAPPING;

        static Mode parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("mode must be one of healthy, failing, slow, flapping");
            }
        }
    }

    /** The body of {@code PUT /_emulator/services/{id}/health}; {@code delay} is for {@code slow} (default 3 s). */
    @Serdeable
    record Setting(String mode, @Nullable String delay) {
    }

    /** How one probe is answered. */
    record Answer(int status, Duration delay) {
    }

    private static final Duration DEFAULT_SLOW = Duration.ofSeconds(3);

    private final ServiceCatalog catalog;
    private final ServiceEvents events;
    private final IdGenerator ids;
    private final Clock clock;
    private final Map<String, Setting> settings = new HashMap<>();
    private final AtomicLong probes = new AtomicLong();

    ServiceHealth(ServiceCatalog catalog, ServiceEvents events, IdGenerator ids, Clock clock) {
        this.catalog = catalog;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    synchronized Setting set(String serviceId, Setting setting) {
        EmulatedService service = catalog.service(serviceId);
        Mode mode = Mode.parse(setting.mode());
        Durations.parse(setting.delay());
        Mode before = mode(serviceId);
        settings.put(serviceId, setting);
        if (mode == Mode.FAILING && before != Mode.FAILING) {
            events.emit(service, ServiceEvent.SERVER_FAILED, clock.instant(), Map.of("instanceID",
                    ids.instanceId(serviceId), "reason", Map.of("evicted", false, "unhealthy", "health check failed")));
        } else if (mode == Mode.HEALTHY && before == Mode.FAILING) {
            events.emit(service, ServiceEvent.SERVER_AVAILABLE, clock.instant(), Map.of());
        }
        return setting;
    }

    synchronized Setting setting(String serviceId) {
        catalog.service(serviceId);
        return settings.getOrDefault(serviceId, new Setting("healthy", null));
    }

    synchronized void reset() {
        settings.clear();
    }

    /** How a probe is answered now; {@code deployFailing} when a deploy in progress is scripted to fail the checks. */
    Answer probe(EmulatedService service, boolean deployFailing) {
        if (service.suspended() || deployFailing) {
            return new Answer(503, Duration.ZERO);
        }
        Setting setting;
        synchronized (this) {
            setting = settings.get(service.id());
        }
        Mode mode = setting == null ? Mode.HEALTHY : Mode.parse(setting.mode());
        return switch (mode) {
            case HEALTHY -> new Answer(200, Duration.ZERO);
            case FAILING -> new Answer(503, Duration.ZERO);
            case SLOW -> new Answer(200, setting.delay() == null ? DEFAULT_SLOW : Durations.parse(setting.delay()));
            case FLAPPING -> new Answer(probes.incrementAndGet() % 2 == 0 ? 503 : 200, Duration.ZERO);
        };
    }

    private Mode mode(String serviceId) {
        Setting setting = settings.get(serviceId);
        return setting == null ? Mode.HEALTHY : Mode.parse(setting.mode());
    }
}
