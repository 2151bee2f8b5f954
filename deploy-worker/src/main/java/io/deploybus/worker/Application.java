package io.deploybus.worker;

import io.micronaut.runtime.Micronaut;

/** Starts deploy-worker. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
