package io.deploybus.worker.lane;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.KafkaClients;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.ServiceLane;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The lanes' durable state on the compacted {@code deploy.journal}: saved (and acknowledged by
 * every replica) before the worker acts on it, and restored when an instance takes over a
 * partition. Partition p of the journal holds the lanes of the services of partition p of
 * {@code deploy.commands}: same key, same partition count, same partitioner.
 */
@Singleton
class LaneJournal {

    static final String SOURCE = "/deploybus/deploy-worker";
    private static final long ACK_TIMEOUT_SECONDS = 30;
    private static final Duration RESTORE_POLL = Duration.ofMillis(200);

    private final Producer<String, ServiceLane> producer;
    private final KafkaClients clients;
    private final Clock clock;

    LaneJournal(@KafkaClient(id = "deploy-journal", acks = KafkaClient.Acknowledge.ALL, properties = {
                        @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
                        @Property(name = ProducerConfig.LINGER_MS_CONFIG, value = "0")})
                Producer<String, ServiceLane> producer,
                KafkaClients clients, Clock clock) {
        this.producer = producer;
        this.clients = clients;
        this.clock = clock;
    }

    /** Writes the lane as it is now and waits until Kafka has it. */
    void save(Lane lane) {
        await(saveLater(lane), lane);
    }

    /**
     * Writes the lane as it is now; the future completes when Kafka has it. The snapshot and the
     * send happen under the lane's lock, so two writers of one lane (the intake and the runner)
     * reach the journal in the order of their snapshots: the newest always lands last.
     */
    Future<RecordMetadata> saveLater(Lane lane) {
        synchronized (lane) {
            ServiceLane record = lane.toRecord(clock.instant());
            var headers = CloudEventHeaders.of(record, SOURCE, lane.serviceId());
            return producer.send(new ProducerRecord<>(Topics.DEPLOY_JOURNAL, lane.partition(), lane.serviceId(), record, headers));
        }
    }

    /** Waits for a write of {@link #saveLater}. */
    void await(Future<RecordMetadata> write, Lane lane) {
        try {
            write.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new WriteNotAcknowledgedException("cannot journal the lane of " + lane.serviceId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteNotAcknowledgedException("interrupted while journaling the lane of " + lane.serviceId(), e);
        }
    }

    /** The newest lane of every service in the given partitions of the journal. */
    List<Restored> restore(List<Integer> partitions) {
        List<TopicPartition> journal = partitions.stream().map(p -> new TopicPartition(Topics.DEPLOY_JOURNAL, p)).toList();
        Map<String, Restored> lanes = new HashMap<>();
        try (var consumer = clients.consumer("deploy-journal-restore-" + UUID.randomUUID(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), AvroSerde.of(ServiceLane.class))) {
            consumer.assign(journal);
            consumer.seekToBeginning(journal);
            Map<TopicPartition, Long> end = consumer.endOffsets(journal);
            while (journal.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(RESTORE_POLL).forEach(record -> {
                    if (record.value() == null) {
                        lanes.remove(record.key());
                    } else {
                        lanes.put(record.key(), new Restored(record.partition(), record.value()));
                    }
                });
            }
        }
        return List.copyOf(lanes.values());
    }

    /** A lane as the journal last had it, and the partition it lives in. */
    record Restored(int partition, ServiceLane lane) {
    }
}
