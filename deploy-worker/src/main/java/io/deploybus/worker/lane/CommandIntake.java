package io.deploybus.worker.lane;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.DeadLetterPublisher;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.UndecodableRecordException;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.worker.GroupConsumers;
import io.deploybus.worker.PollLoop;
import io.deploybus.worker.PollLoops;
import io.deploybus.worker.RetriableWorkerException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's inbox. It accepts each deploy command into its service's lane, and journals the
 * lane in one transaction with the command's offset, so a command is never lost and never taken
 * twice. A record that cannot be decoded, or a command that can never run, goes to the topic's
 * dead-letter topic and the partition moves on.
 *
 * <p>The instance that owns partition p of {@code deploy.commands} owns partition p of the journal.
 * The group rebalances cooperatively: an instance joining or leaving moves only the partitions that
 * change hands, and the runners of every other lane go on undisturbed. The poll loop only
 * accepts; deploys run on the lanes' runners, so polling never waits for a deploy.
 */
@Singleton
class CommandIntake implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Lanes lanes;
    private final DeadLetterPublisher deadLetters;
    private final CrashPoints crashPoints;
    private final GroupConsumers consumers;
    private final LaneJournal journal;
    /** The loop's current consumer: made, used and closed on the loop's thread only. */
    private KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<DeployCommand> commands = AvroSerde.of(DeployCommand.class);
    private final PollLoop loop;

    CommandIntake(Lanes lanes, LaneJournal journal, DeadLetterPublisher deadLetters, CrashPoints crashPoints,
                  GroupConsumers consumers, PollLoops loops) {
        this.lanes = lanes;
        this.journal = journal;
        this.deadLetters = deadLetters;
        this.crashPoints = crashPoints;
        this.consumers = consumers;
        this.loop = loops.create("deploy-command-intake", "this worker takes no more commands", this::connect, this::pollOnce);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        loop.start();
    }

    /**
     * A new consumer in the worker's group. After a failure the loop closes the old one first, which
     * gives up its lanes; this one's assignment restores them from the journal, and commands whose
     * offsets were not committed come again, to be recognised by their lanes.
     */
    private KafkaConsumer<String, byte[]> connect() {
        consumer = consumers.create("deploy-worker", Map.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200));
        consumer.subscribe(List.of(Topics.DEPLOY_COMMANDS), new Ownership());
        return consumer;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        loop.stop();
    }

    /**
     * Takes a poll's commands into their lanes, then journals each partition's lanes in one
     * transaction with the partition's offset, and only then lets their runners go.
     */
    private void pollOnce() {
        if (journal.takeWriterLost()) {
            throw new JournalWriterLostException();
        }
        var records = consumer.poll(POLL);
        Map<Integer, Set<Lane>> accepted = new TreeMap<>();
        Map<Integer, Long> nextOffsets = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            accept(record).ifPresent(lane -> accepted.computeIfAbsent(record.partition(), p -> new LinkedHashSet<>()).add(lane));
            nextOffsets.put(record.partition(), record.offset() + 1);
        }
        nextOffsets.forEach((partition, next) ->
                journal.accept(partition, accepted.getOrDefault(partition, Set.of()), next, consumer.groupMetadata()));
        if (!accepted.isEmpty()) {
            crashPoints.failIfAsked("intake-accepted");
            crashPoints.reached("after-accept");
        }
        accepted.values().forEach(lanes::start);
    }

    /** Takes a command into its lane; the lane is journaled with the rest of its partition's. */
    private Optional<Lane> accept(ConsumerRecord<String, byte[]> record) {
        DeployCommand command;
        try {
            command = commands.deserialize(record.topic(), record.value());
            checkRunnable(record.key(), command);
        } catch (UndecodableRecordException | UnrunnableCommandException e) {
            deadLetters.publishRaw(record, e);
            return Optional.empty();
        }
        Optional<Lane> accepted = lanes.accept(command, record.partition());
        accepted.ifPresent(a -> LOG.info("Accepted deploy {} of {}", command.getDeployId(), command.getServiceId()));
        return accepted;
    }

    private static void checkRunnable(String key, DeployCommand command) {
        if (command == null) {
            throw new UnrunnableCommandException("a tombstone is not a deploy command");
        }
        if (command.getServiceId().isBlank() || command.getDeployId().isBlank()) {
            throw new UnrunnableCommandException("the command has no serviceId or deployId");
        }
        if (!command.getServiceId().equals(key)) {
            throw new UnrunnableCommandException("the command for " + command.getServiceId() + " is keyed " + key
                    + ": it would run outside its service's order");
        }
    }

    /** Follows partition ownership: lanes move with the partitions of deploy.commands. */
    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            lanes.revoke(commandPartitions(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            lanes.assign(commandPartitions(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lanes.revoke(commandPartitions(partitions));
        }

        private static List<Integer> commandPartitions(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::partition).toList();
        }
    }

    /** A journal partition's writer was lost (fenced, or broken): give the partitions back and ask the group again. */
    static final class JournalWriterLostException extends RetriableWorkerException {
        JournalWriterLostException() {
            super("a journal partition's writer was lost; rejoining the group to be given partitions afresh", null);
        }
    }

    /** A command that decodes but can never run. */
    static final class UnrunnableCommandException extends RuntimeException {
        UnrunnableCommandException(String message) {
            super(message);
        }
    }
}
