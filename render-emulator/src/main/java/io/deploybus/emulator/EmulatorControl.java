package io.deploybus.emulator;

import jakarta.inject.Singleton;

/** What {@code /_emulator} can do to the emulator's state. */
@Singleton
final class EmulatorControl {

    private final ServiceCatalog catalog;
    private final EnvVars envVars;
    private final EnvGroups envGroups;
    private final DeployLifecycle lifecycle;
    private final ServiceEvents events;
    private final ServiceHealth health;
    private final FaultInjector faults;
    private final RateLimiter rateLimiter;
    private final WebhookSender webhooks;
    private final RequestLog requests;

    EmulatorControl(ServiceCatalog catalog, EnvVars envVars, EnvGroups envGroups, DeployLifecycle lifecycle,
                    ServiceEvents events, ServiceHealth health, FaultInjector faults, RateLimiter rateLimiter,
                    WebhookSender webhooks, RequestLog requests) {
        this.catalog = catalog;
        this.envVars = envVars;
        this.envGroups = envGroups;
        this.lifecycle = lifecycle;
        this.events = events;
        this.health = health;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
        this.webhooks = webhooks;
        this.requests = requests;
    }

    /**
     * Back to the seed: services, env vars and groups re-read, each service with its one live deploy;
     * events, scripts, health settings, faults, rate-limit windows, added webhook URLs and the request log forgotten.
     */
    void reset() {
        catalog.reload();
        resetAllButCatalog();
    }

    /** Starts again from another seed. */
    void seed(SeedFile seed) {
        catalog.replaceSeed(seed);
        resetAllButCatalog();
    }

    private void resetAllButCatalog() {
        envVars.reset();
        envGroups.reset();
        lifecycle.reset();
        events.clear();
        health.reset();
        faults.clear();
        rateLimiter.reset();
        webhooks.reset();
        requests.clear();
    }
}
