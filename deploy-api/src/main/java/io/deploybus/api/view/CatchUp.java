package io.deploybus.api.view;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * How far the views have read each partition, against the end each partition had when this
 * instance started: the views have caught up once every partition is read that far. Thread-safe:
 * the reading thread advances it, requests and health ask it.
 */
final class CatchUp {

    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private boolean targeted;
    /** Syncs asked for, and the last one the reader has taken the ends for. */
    private long syncsAsked;
    private long syncsTaken;
    private Map<TopicPartition, Long> syncEnds = Map.of();

    /** The ends as of the start; only the first call counts, so that a reconnect does not move the goal. */
    synchronized void target(Map<TopicPartition, Long> endOffsets) {
        if (!targeted) {
            targets.putAll(endOffsets);
            targeted = true;
        }
    }

    synchronized boolean targeted() {
        return targeted;
    }

    /** Everything before {@code position} in the partition is in the views. */
    synchronized void advance(TopicPartition partition, long position) {
        positions.merge(partition, position, Math::max);
        notifyAll();
    }

    /** Where to go on reading the partition after a reconnect; null for the beginning. */
    synchronized Long position(TopicPartition partition) {
        return positions.get(partition);
    }

    synchronized boolean caughtUp() {
        return targeted && behind() == 0;
    }

    /** Records between what the views have read and the ends as of the start. */
    synchronized long behind() {
        return targets.entrySet().stream()
                .mapToLong(target -> Math.max(0, target.getValue() - positions.getOrDefault(target.getKey(), 0L)))
                .sum();
    }

    /** Asks the reader for the ends of the partitions as they are now; returns the ticket to await. */
    synchronized long askSync() {
        return ++syncsAsked;
    }

    /** The last ticket asked for, if the reader has not taken the ends for it yet; else 0. */
    synchronized long pendingSync() {
        return syncsAsked > syncsTaken ? syncsAsked : 0;
    }

    /** The reader took the ends of every partition, for every ticket up to {@code ticket}. */
    synchronized void synced(long ticket, Map<TopicPartition, Long> ends) {
        syncsTaken = Math.max(syncsTaken, ticket);
        syncEnds = Map.copyOf(ends);
        notifyAll();
    }

    /**
     * Waits until the reader has taken the ends for the ticket and the views have read that far:
     * then everything Kafka had acknowledged when the ticket was asked for is in the views.
     */
    synchronized boolean awaitSynced(long ticket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (syncsTaken < ticket || syncEnds.entrySet().stream()
                .anyMatch(end -> positions.getOrDefault(end.getKey(), 0L) < end.getValue())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits until the record at {@code offset} of the partition is in the views; false if not within the timeout. */
    synchronized boolean awaitPast(TopicPartition partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.getOrDefault(partition, 0L) <= offset) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
