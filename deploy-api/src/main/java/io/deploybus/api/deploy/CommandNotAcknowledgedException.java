package io.deploybus.api.deploy;

/**
 * Kafka did not acknowledge a deploy command in time, or failed it in a way that may pass. The
 * deploy is not accepted; the client may retry (with the same {@code Idempotency-Key}).
 */
final class CommandNotAcknowledgedException extends RuntimeException {

    CommandNotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
