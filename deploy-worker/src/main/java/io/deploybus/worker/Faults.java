package io.deploybus.worker;

import io.deploybus.render.RenderRetriableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What the worker outlives, decided here by the type of the failure and nowhere else.
 *
 * <ul>
 *   <li>Fatal: waiting cannot cure it. The JVM is in trouble ({@link Error}), or Kafka refuses this
 *       instance's credentials or configuration. A poll loop that meets one gives up at once, and
 *       the instance's liveness goes DOWN so that its orchestrator restarts it.</li>
 *   <li>Transient: it passes by itself. Render answered 429 or 5xx or did not answer, Kafka did not
 *       acknowledge in time or is electing a leader. Retried with a {@link io.deploybus.service.Backoff} for as long as
 *       the work's own bound allows (a deploy's timeout, a loop's failure budget).</li>
 *   <li>Anything else is unexpected: a bug, or a fault nobody foresaw. Retried too, but only a few
 *       times, so that it never holds a lane or a loop for ever.</li>
 * </ul>
 */
public final class Faults {

    private Faults() {
    }

    public static boolean isFatal(Throwable failure) {
        return failure instanceof Error
                || failure instanceof AuthenticationException
                || failure instanceof AuthorizationException
                || failure instanceof InvalidConfigurationException
                || failure instanceof UnsupportedVersionException;
    }

    public static boolean isTransient(Throwable failure) {
        return failure instanceof RenderRetriableException
                || failure instanceof RetriableWorkerException
                || failure instanceof RetriableException;
    }
}
