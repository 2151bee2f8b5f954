package io.deploybus.worker.lane;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.deploybus.schemas.KafkaClients;
import io.micronaut.core.annotation.Nullable;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The transactional producer of one journal partition, {@code <prefix>.journal-<p>}: the same id
 * whichever instance owns the partition, so that the coordinator bumps its epoch when a new owner
 * opens it and refuses the old owner's writes. One transaction at a time; each write is one.
 */
final class PartitionWriter {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final int partition;
    private final KafkaProducer<String, byte[]> producer;
    private final Runnable onLost;
    private boolean lost;

    private PartitionWriter(int partition, KafkaProducer<String, byte[]> producer, Runnable onLost) {
        this.partition = partition;
        this.producer = producer;
        this.onLost = onLost;
    }

    /**
     * Opens the producer and initialises its transactions, which fences (and aborts the open
     * transaction of) any earlier owner. Only an assignment may do this: a writer that is lost
     * (fenced, or unable even to abort) is never reopened by its lanes, since a zombie reopening it
     * would fence the rightful owner; {@code onLost} hears of it, and the instance asks its group
     * for partitions again.
     */
    static PartitionWriter open(int partition, String prefix, KafkaClients clients, Runnable onLost) {
        String id = prefix + ".journal-" + partition;
        var producer = clients.producer(id, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, id,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new StringSerializer(), new ByteArraySerializer());
        return new PartitionWriter(partition, start(partition, producer), onLost);
    }

    private static KafkaProducer<String, byte[]> start(int partition, KafkaProducer<String, byte[]> producer) {
        try {
            producer.initTransactions();
            return producer;
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new WriteNotAcknowledgedException("cannot take over journal partition " + partition, e);
        }
    }

    /**
     * Writes the records (made under this writer's lock, so that snapshots land in the order they
     * were taken) and, if given, consumer offsets, in one transaction.
     *
     * @throws LaneFencedException         another instance owns the partition now
     * @throws WriteNotAcknowledgedException Kafka did not take the transaction; nothing of it is visible to read_committed readers
     */
    synchronized void write(Supplier<List<ProducerRecord<String, byte[]>>> records,
                            Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable ConsumerGroupMetadata group) {
        if (lost) {
            throw new LaneFencedException(partition, "this instance gave up writing journal partition " + partition, null);
        }
        try {
            producer.beginTransaction();
            records.get().forEach(producer::send);
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | CommitFailedException | FencedInstanceIdException e) {
            lose();
            throw new LaneFencedException(partition, "another instance took over journal partition " + partition, e);
        } catch (KafkaException e) {
            abort();
            throw new WriteNotAcknowledgedException("Kafka did not take a write to journal partition " + partition, e);
        }
    }

    int partitionsOf(String topic) {
        return producer.partitionsFor(topic).size();
    }

    synchronized void close() {
        if (!lost) {
            producer.close(CLOSE_WAIT);
        }
    }

    /** Aborts the failed transaction, so that the next write can begin one; a producer that cannot even abort is lost. */
    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            lose();
        }
    }

    private void lose() {
        lost = true;
        producer.close(Duration.ZERO);
        onLost.run();
    }
}
