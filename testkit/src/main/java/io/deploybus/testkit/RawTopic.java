package io.deploybus.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on a topic right now, undecoded: for dead letters, and for proving what is not in a record. */
public final class RawTopic {

    private RawTopic() {
    }

    /** Every record of every partition, from the first to the current end. */
    public static List<ConsumerRecord<String, byte[]>> readAll(LocalKafka kafka, String topic) {
        Map<String, Object> settings = new HashMap<>(kafka.clientProperties());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            return all;
        }
    }

    /** The values as text (bytes as ISO-8859-1, so any UTF-8 text inside them shows). */
    public static List<String> valuesAsText(LocalKafka kafka, String topic) {
        return readAll(kafka, topic).stream()
                .map(r -> r.value() == null ? "" : new String(r.value(), StandardCharsets.ISO_8859_1)).toList();
    }
}
