package io.deploybus.testkit;

import java.nio.file.Path;

/** A service did not become ready: it exited during start-up, or took too long. */
public final class ServiceStartException extends IllegalStateException {

    private final transient Path log;

    ServiceStartException(String message, Path log, Throwable cause) {
        super(message, cause);
        this.log = log;
    }

    /** The service's whole log, for tests that look at more than the tail in the message. */
    public Path log() {
        return log;
    }
}
