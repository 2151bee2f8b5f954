package io.deploybus.notifier;

import io.micronaut.runtime.Micronaut;

/** Starts alert-notifier. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
