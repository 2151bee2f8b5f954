package io.deploybus.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that is not a valid single-object encoding of a known version of the expected
 * schema: the wrong marker bytes, an unknown fingerprint, or a body that does not parse. It will
 * never decode, however often it is retried, so it belongs on the topic's dead-letter topic.
 */
public final class UndecodableRecordException extends SerializationException {

    UndecodableRecordException(String topic, Class<?> expected, Throwable cause) {
        super("cannot decode a " + expected.getSimpleName() + " from " + (topic.isEmpty() ? "bytes" : topic)
                + ": " + cause.getMessage(), cause);
    }
}
