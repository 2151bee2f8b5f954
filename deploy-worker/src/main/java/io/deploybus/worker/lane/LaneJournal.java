package io.deploybus.worker.lane;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.KafkaClients;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.ServiceLane;
import io.deploybus.worker.WorkerConfiguration;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lanes' durable state on the compacted {@code deploy.journal}, and their deploys' events on
 * {@code deploy.events}: every write a partition's owner makes, each in a Kafka transaction of that
 * partition's own producer ({@link PartitionWriter}). Partition p of the journal holds the lanes of
 * the services of partition p of {@code deploy.commands}: same key, same partition count, same
 * partitioner.
 *
 * <p>Taking a partition over ({@link #open}) fences its previous owner: an instance that lost it
 * during a GC pause or a network partition, and has not noticed yet, has its next write refused
 * with {@link LaneFencedException} and stands down, so it neither journals nor publishes nor goes
 * on to act on Render. Commands are journaled in one transaction with their offsets, so a command
 * is in the journal exactly when its offset is committed.
 */
@Singleton
class LaneJournal {

    static final String SOURCE = "/deploybus/deploy-worker";
    private static final Logger LOG = LoggerFactory.getLogger(LaneJournal.class);
    private static final Duration RESTORE_POLL = Duration.ofMillis(200);

    private final Map<Integer, PartitionWriter> writers = new ConcurrentHashMap<>();
    private final KafkaClients clients;
    private final String transactionalIdPrefix;
    private final Clock clock;
    private final AvroSerde<ServiceLane> lanes = AvroSerde.of(ServiceLane.class);
    private final AvroSerde<DeployEvent> events = AvroSerde.of(DeployEvent.class);
    private volatile int partitionCount;
    private volatile boolean writerLost;

    LaneJournal(KafkaClients clients, WorkerConfiguration configuration, Clock clock) {
        this.clients = clients;
        this.transactionalIdPrefix = configuration.transactionalIdPrefix();
        this.clock = clock;
    }

    /** Becomes the only writer of these partitions, fencing whoever wrote them before. */
    void open(Collection<Integer> partitions) {
        for (int partition : partitions) {
            writers.computeIfAbsent(partition, p -> PartitionWriter.open(p, transactionalIdPrefix, clients, () -> writerLost = true));
        }
        if (partitionCount == 0 && !partitions.isEmpty()) {
            partitionCount = writers.get(partitions.iterator().next()).partitionsOf(Topics.DEPLOY_JOURNAL);
        }
    }

    boolean owns(int partition) {
        return writers.containsKey(partition);
    }

    /** Gives up writing these partitions (they were revoked, and their runners have stopped). */
    void close(Collection<Integer> partitions) {
        partitions.forEach(p -> {
            PartitionWriter writer = writers.remove(p);
            if (writer != null) {
                writer.close();
            }
        });
    }

    /**
     * Whether a writer was lost since the last call: its partition's lanes stand down, and the
     * intake gives its partitions back and asks its group again, so that the partition is opened
     * afresh by whichever instance the group gives it to.
     */
    boolean takeWriterLost() {
        boolean lost = writerLost;
        writerLost = false;
        return lost;
    }

    @PreDestroy
    void closeAll() {
        close(List.copyOf(writers.keySet()));
    }

    /** Writes the lane as it is now and returns once the transaction is committed. */
    void save(Lane lane) {
        save(lane, List.of());
    }

    /** Publishes the deploy events and writes the lane as it is now, in one transaction. */
    void save(Lane lane, List<DeployEvent> published) {
        writer(lane.partition()).write(() -> {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(published.stream().map(this::record).toList());
            records.add(record(lane));
            return records;
        }, Map.of(), null);
        published.forEach(LaneJournal::log);
    }

    /**
     * Journals the lanes that took new commands from a partition, together with the consumer's
     * offset in it: both or neither.
     */
    void accept(int partition, Collection<Lane> accepted, long nextOffset, ConsumerGroupMetadata group) {
        var offsets = Map.of(new TopicPartition(Topics.DEPLOY_COMMANDS, partition), new OffsetAndMetadata(nextOffset));
        writer(partition).write(() -> accepted.stream().map(this::record).toList(), offsets, group);
    }

    /** Publishes a deploy event and returns once the transaction is committed. */
    void publish(DeployEvent event) {
        var record = record(event);
        writer(partitionOf(event.getServiceId())).write(() -> List.of(record), Map.of(), null);
        log(event);
    }

    private ProducerRecord<String, byte[]> record(DeployEvent event) {
        String serviceId = event.getServiceId();
        return new ProducerRecord<>(Topics.DEPLOY_EVENTS, null, serviceId, events.serialize(Topics.DEPLOY_EVENTS, event),
                CloudEventHeaders.of(event, SOURCE, serviceId));
    }

    private static void log(DeployEvent event) {
        LOG.info("Deploy {} of {}: {} -> {}{}", event.getDeployId(), event.getServiceId(), event.getType(), event.getStatus(),
                event.getReason() == null ? "" : " (" + event.getReason() + ")");
    }

    /** The newest lane of every service in the given partitions of the journal, as committed. */
    List<Restored> restore(List<Integer> partitions) {
        List<TopicPartition> journal = partitions.stream().map(p -> new TopicPartition(Topics.DEPLOY_JOURNAL, p)).toList();
        Map<String, Restored> restored = new HashMap<>();
        try (var consumer = clients.consumer("deploy-journal-restore-" + UUID.randomUUID(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), lanes.deserializer())) {
            consumer.assign(journal);
            consumer.seekToBeginning(journal);
            Map<TopicPartition, Long> end = consumer.endOffsets(journal);
            while (journal.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(RESTORE_POLL).forEach(record -> {
                    if (record.value() == null) {
                        restored.remove(record.key());
                    } else {
                        restored.put(record.key(), new Restored(record.partition(), record.value()));
                    }
                });
            }
        }
        return List.copyOf(restored.values());
    }

    /** A lane as the journal last had it, and the partition it lives in. */
    record Restored(int partition, ServiceLane lane) {
    }

    /** The lane's record, snapshot under its lock, so two writers of one lane land in the order of their snapshots. */
    private ProducerRecord<String, byte[]> record(Lane lane) {
        synchronized (lane) {
            ServiceLane value = lane.toRecord(clock.instant());
            return new ProducerRecord<>(Topics.DEPLOY_JOURNAL, lane.partition(), lane.serviceId(),
                    lanes.serialize(Topics.DEPLOY_JOURNAL, value), CloudEventHeaders.of(value, SOURCE, lane.serviceId()));
        }
    }

    private PartitionWriter writer(int partition) {
        PartitionWriter writer = writers.get(partition);
        if (writer == null) {
            throw new LaneFencedException(partition, "this instance does not own partition " + partition + " (any more)", null);
        }
        return writer;
    }

    /** The partition of deploy.journal (and deploy.commands) a service's lane lives in, as Kafka's partitioner puts it. */
    private int partitionOf(String serviceId) {
        return BuiltInPartitioner.partitionForKey(serviceId.getBytes(StandardCharsets.UTF_8), partitionCount);
    }
}
