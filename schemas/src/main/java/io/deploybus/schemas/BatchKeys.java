package io.deploybus.schemas;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * The keys of a batch's entries on {@code deploy.batches}, and the one partition they all share:
 * the plan under the batch id, the coordinator's progress and each step's result under keys of
 * their own (so compaction keeps each), all in the partition Kafka's default partitioner gives the
 * batch id, so that the batch's owner reads them all.
 */
public final class BatchKeys {

    private BatchKeys() {
    }

    public static String plan(String batchId) {
        return batchId;
    }

    public static String progress(String batchId) {
        return batchId + "#progress";
    }

    public static String stepResult(String batchId, String ref) {
        return batchId + "#step#" + ref;
    }

    /** The deploy id of a step: the same every time, so that sending its command again is harmless. */
    public static String deployId(String batchId, String ref) {
        return batchId + "." + ref;
    }

    /** The partition of every entry of the batch, as the default partitioner places the batch id. */
    public static int partition(String batchId, int partitions) {
        return Utils.toPositive(Utils.murmur2(batchId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
