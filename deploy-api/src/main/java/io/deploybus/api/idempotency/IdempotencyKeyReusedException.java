package io.deploybus.api.idempotency;

/** An {@code Idempotency-Key} the client already used for a different request. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used for a different request.", null, false, false);
    }
}
