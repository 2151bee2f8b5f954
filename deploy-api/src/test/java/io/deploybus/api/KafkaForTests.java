package io.deploybus.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.testkit.LocalKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the integration tests read from and write to the broker, as deploy-api's neighbours would. */
final class KafkaForTests {

    private KafkaForTests() {
    }

    /** Every record on the topic up to its end now: a 202 promises its record is among them. */
    static <V> List<ConsumerRecord<String, V>> recordsOn(LocalKafka kafka, String topic, Deserializer<V> values) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            var records = new ArrayList<ConsumerRecord<String, V>>();
            await().atMost(Duration.ofSeconds(20)).pollInSameThread().pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
        }
    }

    /** Deploy events as deploy-worker publishes them: keyed by service id, with CloudEvents headers. */
    static void publishEvents(LocalKafka kafka, DeployEvent... events) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), AvroSerde.of(DeployEvent.class))) {
            for (DeployEvent event : events) {
                var headers = CloudEventHeaders.of(event, "/deploybus/deploy-worker", event.getServiceId());
                producer.send(new ProducerRecord<>(Topics.DEPLOY_EVENTS, null, event.getServiceId(), event, headers))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }
}
