package io.deploybus.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.deploybus.schemas.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning, as a test's independent witness of what services wrote.
 * Uses no consumer group, so it never disturbs the services' offsets.
 *
 * @param <T> the topic's record class
 */
public final class TopicReader<T extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

    private TopicReader(KafkaConsumer<String, T> consumer) {
        this.consumer = consumer;
    }

    /** A reader of every partition of a topic, from the first record. */
    public static <T extends SpecificRecord> TopicReader<T> of(LocalKafka kafka, String topic, Class<T> type) {
        Map<String, Object> settings = new HashMap<>(kafka.clientProperties());
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), AvroSerde.of(type));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new TopicReader<>(consumer);
    }

    /**
     * Reads until the records read so far satisfy the condition, and returns them all.
     *
     * @throws org.awaitility.core.ConditionTimeoutException if they do not within the timeout
     */
    public List<ConsumerRecord<String, T>> readUntil(Predicate<List<ConsumerRecord<String, T>>> condition, Duration timeout) {
        await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return condition.test(seen);
        });
        return List.copyOf(seen);
    }

    /** Every record read so far, in the order read (which is topic order within a partition). */
    public List<ConsumerRecord<String, T>> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
