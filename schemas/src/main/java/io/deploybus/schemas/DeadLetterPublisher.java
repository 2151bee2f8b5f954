package io.deploybus.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that can never be handled to their topic's dead-letter topic, and waits for
 * Kafka's acknowledgement, so that the caller may move past the record knowing it is kept.
 */
@Singleton
public class DeadLetterPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<byte[], byte[]> producer;
    private final String consumer;

    public DeadLetterPublisher(
            @KafkaClient(id = "dead-letters", acks = KafkaClient.Acknowledge.ALL, properties = {
                    @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
                    @Property(name = ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, value = "org.apache.kafka.common.serialization.ByteArraySerializer"),
                    @Property(name = ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, value = "org.apache.kafka.common.serialization.ByteArraySerializer")})
            Producer<byte[], byte[]> producer,
            @Value("${micronaut.application.name}") String consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    /** Dead-letters a record whose value could not be decoded: the bytes as they were on the topic. */
    public void publish(RecordDeserializationException error) {
        var partition = error.topicPartition();
        send(DeadLetters.of(partition.topic(), partition.partition(), error.offset(), bytes(error.keyBuffer()),
                bytes(error.valueBuffer()), error.headers(), consumer, error.getCause() == null ? error : error.getCause()));
    }

    /** Dead-letters a record read as bytes, exactly as it was on the topic. */
    public void publishRaw(ConsumerRecord<String, byte[]> record, Throwable error) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        send(DeadLetters.of(record.topic(), record.partition(), record.offset(), key, record.value(), record.headers(),
                consumer, error));
    }

    /** Dead-letters a decoded record that its consumer cannot handle, encoded as it was on the topic. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> void publish(ConsumerRecord<String, T> record, Throwable error) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? null
                : AvroSerde.of((Class<T>) record.value().getClass()).serialize(record.topic(), record.value());
        send(DeadLetters.of(record.topic(), record.partition(), record.offset(), key, value, record.headers(), consumer, error));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.warn("Dead-lettered {} offset {} to {}: {}", headerText(record, DeadLetters.SOURCE_TOPIC),
                    headerText(record, DeadLetters.SOURCE_OFFSET), record.topic(), headerText(record, DeadLetters.ERROR_MESSAGE));
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException("cannot dead-letter a record to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while dead-lettering to " + record.topic(), e);
        }
    }

    private static String headerText(ProducerRecord<byte[], byte[]> record, String name) {
        return CloudEventHeaders.text(record.headers(), name);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Kafka did not take a dead letter; the record must not be skipped. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
