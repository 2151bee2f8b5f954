package io.deploybus.api.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.deploybus.api.batch.BatchView;
import io.deploybus.api.deploy.DeployView;
import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.KafkaClients;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.UndecodableRecordException;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.service.Backoff;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@link DeployView} and the {@link BatchView} of this instance from
 * {@value Topics#DEPLOY_COMMANDS}, {@value Topics#DEPLOY_EVENTS} and {@value Topics#DEPLOY_BATCHES},
 * every partition of each, from the beginning at every start: so every instance can answer for every
 * deploy and batch the topics still hold, and answers as every other does.
 *
 * <p>A plain consumer, assigned every partition, in no consumer group: there is nothing to share
 * between instances and no offset to commit (the views are rebuilt at each start). It reads
 * committed records only, so that a deploy event of a transaction deploy-worker aborted never shows.
 * The ends of the partitions as of the start are the goal of {@link #caughtUp()}, which readiness
 * waits for. A failure closes the consumer and starts over, after a backoff, with a new one from
 * where the views had got to; an undecodable record is logged and skipped (the dead-letter topics
 * belong to the topics' consumers of record).
 */
@Context
public final class TopicViews {

    static final List<String> TOPICS = List.of(Topics.DEPLOY_COMMANDS, Topics.DEPLOY_EVENTS, Topics.DEPLOY_BATCHES);

    private static final Logger LOG = LoggerFactory.getLogger(TopicViews.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final DeployView deploys;
    private final BatchView batches;
    private final Clock clock;
    private final Duration awaitTimeout;
    private final CatchUp catchUp = new CatchUp();
    private final AvroSerde<DeployCommand> commandSerde = AvroSerde.of(DeployCommand.class);
    private final AvroSerde<DeployEvent> eventSerde = AvroSerde.of(DeployEvent.class);
    private final AvroSerde<DeployBatch> batchSerde = AvroSerde.of(DeployBatch.class);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String problem = "starting";
    private volatile boolean started;
    private Instant lastSweep = Instant.MIN;

    public TopicViews(KafkaClients clients, DeployView deploys,
                      BatchView batches, ViewsConfiguration configuration, Clock clock) {
        this.clients = clients;
        this.awaitTimeout = configuration.awaitTimeout();
        this.deploys = deploys;
        this.batches = batches;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("topic-views").daemon().unstarted(this::run);
    }

    @PostConstruct
    void start() {
        started = true;
        thread.start();
    }

    /** Whether the views hold everything the topics held when this instance started. */
    public boolean caughtUp() {
        return catchUp.caughtUp();
    }

    /** Records still to read to have caught up. */
    long behind() {
        return catchUp.behind();
    }

    /** Why the views are not being fed now, or null while they are. */
    String problem() {
        return alive() ? problem : "the thread reading the topics has ended";
    }

    /** False once the thread feeding the views has ended other than by a stop: the instance must be restarted. */
    boolean alive() {
        return !started || stopping || thread.isAlive();
    }

    /**
     * Waits until the record Kafka acknowledged is in the views, so that the request that wrote it
     * answers from the views as every other instance will; false if it is not within
     * {@code deploybus.api.views.await-timeout}.
     */
    public boolean awaitApplied(RecordMetadata acknowledged) {
        try {
            return catchUp.awaitPast(new TopicPartition(acknowledged.topic(), acknowledged.partition()),
                    acknowledged.offset(), awaitTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the views hold everything Kafka had acknowledged when this was called, on every
     * instance: what a request must know before it says a deploy or an {@code Idempotency-Key} is not
     * known, so that a client who got a 202 from another instance a moment ago is not told otherwise.
     * False if that is not so within {@code deploybus.api.views.await-timeout}. Costs a lookup of the
     * partitions' ends by the reading thread, which this wakes.
     */
    public boolean awaitCurrent() {
        long ticket = catchUp.askSync();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            return catchUp.awaitSynced(ticket, awaitTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(Duration.ofSeconds(10));
    }

    private void run() {
        int failures = 0;
        while (!stopping) {
            try (KafkaConsumer<String, byte[]> connected = connect()) {
                consumer = connected;
                while (!stopping) {
                    try {
                        pollOnce(connected);
                    } catch (WakeupException e) {
                        if (stopping) {
                            throw e;
                        }
                        // Woken for a sync (awaitCurrent): the next round takes the ends at once.
                        continue;
                    }
                    failures = 0;
                    problem = null;
                }
            } catch (WakeupException e) {
                if (!stopping) {
                    failures = failed(e, failures);
                }
            } catch (RuntimeException e) {
                failures = failed(e, failures);
            } finally {
                consumer = null;
            }
            if (!stopping && failures > 0 && !pause(failures)) {
                return;
            }
        }
    }

    private KafkaConsumer<String, byte[]> connect() {
        var connected = clients.consumer("deploy-api-views-" + UUID.randomUUID(), Map.<String, Object>of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Topics are deploy-api's to create, with their partitions and retention: a lookup
                // before that must not make the broker create one with its defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitionsOf(connected);
            connected.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long position = catchUp.position(partition);
                if (position == null) {
                    connected.seekToBeginning(List.of(partition));
                } else {
                    connected.seek(partition, position);
                }
            }
            catchUp.target(connected.endOffsets(partitions));
            return connected;
        } catch (RuntimeException e) {
            connected.close(Duration.ZERO);
            throw e;
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> connected) {
        var partitions = new ArrayList<TopicPartition>();
        for (String topic : TOPICS) {
            var infos = connected.partitionsFor(topic, METADATA_WAIT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (yet)");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private void pollOnce(KafkaConsumer<String, byte[]> connected) {
        long ticket = catchUp.pendingSync();
        if (ticket > 0) {
            catchUp.synced(ticket, connected.endOffsets(connected.assignment()));
        }
        for (ConsumerRecord<String, byte[]> record : connected.poll(POLL)) {
            apply(record);
        }
        for (TopicPartition partition : connected.assignment()) {
            catchUp.advance(partition, connected.position(partition));
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastSweep.plus(SWEEP_EVERY))) {
            deploys.forgetExpired(now);
            batches.forgetExpired(now);
            lastSweep = now;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            switch (record.topic()) {
                case Topics.DEPLOY_COMMANDS -> deploys.accepted(commandSerde.deserialize(record.topic(), record.value()));
                case Topics.DEPLOY_EVENTS -> deploys.apply(eventSerde.deserialize(record.topic(), record.value()));
                case Topics.DEPLOY_BATCHES -> batches.apply(batchSerde.deserialize(record.topic(), record.value()));
                default -> throw new IllegalStateException("not a topic of the views: " + record.topic());
            }
        } catch (UndecodableRecordException e) {
            LOG.warn("Skipped the undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private int failed(RuntimeException failure, int failuresBefore) {
        problem = failure.toString();
        LOG.warn("Reading the topics into the views failed ({} in a row); starting over with a new consumer: {}",
                failuresBefore + 1, failure.toString());
        return failuresBefore + 1;
    }

    /** Waits out the backoff before the next try; false when interrupted. */
    private boolean pause(int failures) {
        try {
            Thread.sleep(BACKOFF.after(failures));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
