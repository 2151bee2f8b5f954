package io.deploybus.emulator;

import jakarta.inject.Singleton;

/** What {@code /_emulator} can do to the emulator's state. */
@Singleton
final class EmulatorControl {

    private final ServiceCatalog catalog;
    private final DeployLifecycle lifecycle;
    private final RequestLog requests;

    EmulatorControl(ServiceCatalog catalog, DeployLifecycle lifecycle, RequestLog requests) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.requests = requests;
    }

    /** Back to the seed: services re-read, each with its one live deploy; the request log emptied. */
    void reset() {
        catalog.reload();
        lifecycle.reset();
        requests.clear();
    }
}
