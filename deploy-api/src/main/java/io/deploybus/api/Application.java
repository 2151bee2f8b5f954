package io.deploybus.api;

import io.micronaut.runtime.Micronaut;

/** Starts deploy-api. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        // Eager configuration: a bad deploybus.api.* value fails the start, not the first request.
        Micronaut.build(args).mainClass(Application.class).banner(false).eagerInitConfiguration(true).start();
    }
}
