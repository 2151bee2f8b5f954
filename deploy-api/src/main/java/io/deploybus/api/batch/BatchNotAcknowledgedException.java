package io.deploybus.api.batch;

/**
 * Kafka did not acknowledge a batch's plan in time, or failed it in a way that may pass. The batch
 * is not accepted; the client may retry (with the same {@code Idempotency-Key}).
 */
final class BatchNotAcknowledgedException extends RuntimeException {

    BatchNotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
