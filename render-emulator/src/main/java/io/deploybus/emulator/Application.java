package io.deploybus.emulator;

import io.micronaut.runtime.Micronaut;

/** Starts render-emulator. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
