package io.deploybus.schemas;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter contract: a record a consumer can never handle goes, byte for byte, to
 * {@code <topic>.dlq} with the same key, its original headers, and these headers saying where it
 * came from and what went wrong. Operators read them; nothing is lost.
 */
public final class DeadLetters {

    public static final String SOURCE_TOPIC = "deploybus.dlq.topic";
    public static final String SOURCE_PARTITION = "deploybus.dlq.partition";
    public static final String SOURCE_OFFSET = "deploybus.dlq.offset";
    public static final String ERROR_CLASS = "deploybus.dlq.error.class";
    public static final String ERROR_MESSAGE = "deploybus.dlq.error.message";
    public static final String CONSUMER = "deploybus.dlq.consumer";

    private static final int MAX_MESSAGE_LENGTH = 2_000;

    private DeadLetters() {
    }

    /**
     * The dead-letter record of a record that failed.
     *
     * @param consumer who gave up on it, such as {@code deploy-worker}
     * @param error    why; its message must not carry secrets (the serde's and the services' never do)
     */
    public static ProducerRecord<byte[], byte[]> of(String topic, int partition, long offset, byte[] key, byte[] value,
                                                    Headers original, String consumer, Throwable error) {
        var headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        add(headers, SOURCE_TOPIC, topic);
        add(headers, SOURCE_PARTITION, Integer.toString(partition));
        add(headers, SOURCE_OFFSET, Long.toString(offset));
        add(headers, ERROR_CLASS, error.getClass().getName());
        add(headers, ERROR_MESSAGE, truncate(String.valueOf(error.getMessage())));
        add(headers, CONSUMER, consumer);
        return new ProducerRecord<>(topic + Topics.DLQ_SUFFIX, null, key, value, headers);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
