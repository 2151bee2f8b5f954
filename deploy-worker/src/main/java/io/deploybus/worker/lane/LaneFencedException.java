package io.deploybus.worker.lane;

/**
 * This instance no longer owns a partition of the journal: another took it over (and fenced this
 * one's producer) while this one was paused or cut off, or it was revoked. Not a fault to retry:
 * the lanes of the partition stand down, and their new owner carries on from the journal.
 */
final class LaneFencedException extends RuntimeException {

    private final int partition;

    LaneFencedException(int partition, String message, Throwable cause) {
        super(message, cause);
        this.partition = partition;
    }

    int partition() {
        return partition;
    }
}
