package io.deploybus.worker.batch;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.DeadLetterPublisher;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.UndecodableRecordException;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchProgress;
import io.deploybus.schemas.avro.BatchStepResult;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.worker.GroupConsumers;
import io.deploybus.worker.PollLoop;
import io.deploybus.worker.PollLoops;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs batches: sends each step's command when its dependencies allow, within the batch's
 * parallelism, and records the batch's progress, the last of which is its summary.
 *
 * <p>A batch belongs to the instance that owns its partition of {@code deploy.batches}. On
 * assignment the coordinator reads the partition from the start (it is compacted: plans, the
 * newest progress and each step's result) and only acts once it has caught up, so it never sends
 * a step whose result it has not read yet. It commits no offsets: the topic is its state. Sending
 * a step twice is harmless, since a step's deploy id is fixed and the worker's lanes know it.
 */
@Singleton
class BatchCoordinator implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCoordinator.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final BatchLog log;
    private final DeadLetterPublisher deadLetters;
    private final Clock clock;
    private final GroupConsumers consumers;
    /** The loop's current consumer: made, used and closed on the loop's thread only. */
    private KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<DeployBatch> serde = AvroSerde.of(DeployBatch.class);
    private final Map<String, BatchState> batches = new HashMap<>();
    private final Map<String, Integer> partitionOf = new HashMap<>();
    private final Map<TopicPartition, Long> catchingUp = new HashMap<>();
    private final PollLoop loop;

    BatchCoordinator(BatchLog log, DeadLetterPublisher deadLetters, Clock clock, GroupConsumers consumers,
                     PollLoops loops) {
        this.log = log;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.consumers = consumers;
        this.loop = loops.create("deploy-batch-coordinator", "no batch makes progress on this instance", this::connect,
                this::pollOnce);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        loop.start();
    }

    /** A new consumer; closing the old one after a failure forgot its batches, and assignment reads them again. */
    private KafkaConsumer<String, byte[]> connect() {
        consumer = consumers.create("deploy-batch-coordinator", Map.of());
        consumer.subscribe(List.of(Topics.DEPLOY_BATCHES), new Ownership());
        return consumer;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        loop.stop();
    }

    /** Reads a poll's entries, then drives the batches they touched, once their partition has caught up. */
    private void pollOnce() {
        Set<BatchState> touched = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            read(record).ifPresent(touched::add);
        }
        Set<Integer> caughtUp = catchUp();
        caughtUp.forEach(partition -> batchesOf(partition).forEach(this::resume));
        touched.stream().filter(b -> !caughtUp.contains(partitionOf.get(b.batchId())) && isLive(b)).forEach(this::drive);
    }

    private Optional<BatchState> read(ConsumerRecord<String, byte[]> record) {
        DeployBatch batch;
        try {
            batch = serde.deserialize(record.topic(), record.value());
        } catch (UndecodableRecordException e) {
            deadLetters.publishRaw(record, e);
            return Optional.empty();
        }
        if (batch == null) {
            return Optional.empty();
        }
        String batchId = batch.getBatchId();
        switch (batch.getEntry()) {
            case BatchPlan plan -> {
                batches.putIfAbsent(batchId, new BatchState(batchId, plan));
                partitionOf.put(batchId, record.partition());
            }
            case BatchStepResult result -> {
                BatchState state = batches.get(batchId);
                if (state == null || !state.recordResult(result.getRef(), result.getOutcome())) {
                    return Optional.empty();
                }
            }
            case BatchProgress progress -> {
                BatchState state = batches.get(batchId);
                if (state != null) {
                    state.recordProgress(progress);
                }
                return Optional.empty();
            }
            default -> throw new IllegalStateException("unknown batch entry " + batch.getEntry().getClass());
        }
        return Optional.ofNullable(batches.get(batchId));
    }

    /** Partitions that just reached the end they had when assigned. */
    private Set<Integer> catchUp() {
        Set<Integer> caughtUp = new HashSet<>();
        catchingUp.entrySet().removeIf(entry -> {
            boolean done = consumer.position(entry.getKey()) >= entry.getValue();
            if (done) {
                caughtUp.add(entry.getKey().partition());
            }
            return done;
        });
        return caughtUp;
    }

    /** After a restart or a rebalance: send again what was in flight (harmless), then go on. */
    private void resume(BatchState batch) {
        if (batch.isFinished()) {
            return;
        }
        batch.inFlight().forEach(log::dispatch);
        drive(batch);
    }

    private void drive(BatchState batch) {
        List<DeployCommand> next = batch.next();
        next.forEach(log::dispatch);
        BatchProgress progress = batch.progress(clock.instant());
        if (batch.isRecorded(progress)) {
            return;
        }
        log.progress(batch.batchId(), progress);
        batch.recordProgress(progress);
        if (progress.getFinishedAt() != null) {
            LOG.info("Batch {} ended {}", batch.batchId(), progress.getStatus());
        } else if (!next.isEmpty()) {
            LOG.info("Batch {}: sent {}", batch.batchId(), next.stream().map(DeployCommand::getDeployId).toList());
        }
    }

    private boolean isLive(BatchState batch) {
        Integer partition = partitionOf.get(batch.batchId());
        return partition != null && catchingUp.keySet().stream().noneMatch(tp -> tp.partition() == partition);
    }

    private List<BatchState> batchesOf(int partition) {
        return batches.values().stream().filter(b -> partitionOf.get(b.batchId()) == partition).toList();
    }

    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.seekToBeginning(partitions);
            consumer.endOffsets(partitions).forEach(catchingUp::put);
        }

        private void forget(Collection<TopicPartition> partitions) {
            Set<Integer> leaving = new HashSet<>();
            partitions.forEach(tp -> leaving.add(tp.partition()));
            batches.keySet().removeIf(id -> leaving.contains(partitionOf.get(id)));
            partitionOf.values().removeIf(leaving::contains);
            catchingUp.keySet().removeIf(partitions::contains);
        }
    }
}
