package io.deploybus.render;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When {@link RenderClient} tries a failed call again, and after how long.
 *
 * <p>Reads are retried on every {@link RenderRetriableException}. A trigger is not idempotent, so it
 * is retried only where Render certainly did not act on it: a 429, or a connection never made. A
 * 5xx or a timeout on a trigger goes to the caller, which must look at the service's deploys before
 * it triggers again.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    static RetryPolicy from(RenderApiConfiguration configuration) {
        return new RetryPolicy(configuration.maxAttempts(), configuration.initialBackoff(), configuration.maxBackoff());
    }

    /**
     * The wait before the next attempt, or empty to give up.
     *
     * @param attemptsMade attempts already made, at least 1
     * @param idempotent   whether sending the request twice is harmless
     */
    Optional<Duration> delayAfter(int attemptsMade, RenderRetriableException failure, boolean idempotent) {
        if (attemptsMade >= maxAttempts || !(idempotent || certainlyNotActedOn(failure))) {
            return Optional.empty();
        }
        Duration delay = jittered(exponential(attemptsMade));
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(delay) > 0) {
            delay = asked;
        }
        // Waiting longer in place would hold the caller's thread; the caller can schedule it instead.
        return delay.compareTo(maxBackoff) > 0 ? Optional.empty() : Optional.of(delay);
    }

    private static boolean certainlyNotActedOn(RenderRetriableException failure) {
        return failure instanceof RenderRateLimitedException
                || failure instanceof RenderConnectionException connection && !connection.mayHaveReachedRender();
    }

    private Duration exponential(int attemptsMade) {
        Duration delay = initialBackoff.multipliedBy(1L << Math.min(attemptsMade - 1, 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /** Between half and all of the delay, so that clients failing together do not retry together. */
    private static Duration jittered(Duration delay) {
        long nanos = delay.toNanos();
        return nanos < 2 ? delay : Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }
}
