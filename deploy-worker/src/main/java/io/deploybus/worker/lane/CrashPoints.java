package io.deploybus.worker.lane;

import io.deploybus.worker.WorkerConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for the crash tests: when {@code deploybus.worker.crash-at} names a point, the
 * worker halts there at once, with no shutdown hooks, exactly as a killed process would. Unset
 * (the default) it does nothing. The points are the step boundaries of a deploy, and
 * {@code intake-accepted}, where the command intake fails (fatally) instead of halting, once it
 * has taken a command into its lane.
 */
@Singleton
class CrashPoints {

    private static final Logger LOG = LoggerFactory.getLogger(CrashPoints.class);
    private static final int KILLED = 137;

    private final String crashAt;

    CrashPoints(WorkerConfiguration configuration) {
        this.crashAt = configuration.crashAt().orElse(null);
        if (crashAt != null) {
            LOG.warn("Fault injection on: this worker halts at '{}'", crashAt);
        }
    }

    /**
     * For the fault tests: when {@code crash-at} names this point, throws an {@link Error}, which
     * {@link io.deploybus.worker.Faults} holds fatal, instead of halting.
     */
    void failIfAsked(String point) {
        if (point.equals(crashAt)) {
            LOG.warn("Failing at fault point '{}'", point);
            throw new InjectedFault(point);
        }
    }

    void reached(String point) {
        if (point.equals(crashAt)) {
            LOG.warn("Halting at crash point '{}'", point);
            Runtime.getRuntime().halt(KILLED);
        }
    }

    /** A failure made on purpose by a fault test. */
    static final class InjectedFault extends Error {
        InjectedFault(String point) {
            super("fault injected at " + point + " (deploybus.worker.crash-at)");
        }
    }
}
