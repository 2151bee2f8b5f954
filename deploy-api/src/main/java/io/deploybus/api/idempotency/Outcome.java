package io.deploybus.api.idempotency;

/**
 * What a request that may carry an {@code Idempotency-Key} is answered with.
 *
 * @param value    the deploy or batch, as it is now
 * @param replayed whether the request repeated an earlier one under its key and was answered without running it
 */
public record Outcome<R>(R value, boolean replayed) {
}
