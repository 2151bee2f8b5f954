package io.deploybus.api.idempotency;

/** A repeat of a request that is still running under the same {@code Idempotency-Key}. */
public final class IdempotencyKeyInProgressException extends RuntimeException {

    IdempotencyKeyInProgressException() {
        super("A request with this Idempotency-Key is still being processed.", null, false, false);
    }
}
