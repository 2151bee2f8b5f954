package io.deploybus.service;

import java.time.Duration;

/**
 * The one backoff of every service: the wait before the n-th retry in a row doubles from {@code initial}
 * up to {@code max}. Stateless, so a caller counts its own failures and nothing is shared.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
    }

    /** The wait before retry number {@code failures} (1 after the first failure). */
    public Duration after(int failures) {
        Duration wait = initial;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
