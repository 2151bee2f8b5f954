package io.deploybus.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How one topic is laid out.
 *
 * @param name       the topic's name
 * @param key        what its record keys are, in words
 * @param partitions how many partitions it is created with
 * @param compacted  whether it is compacted (state) rather than deleting old records (a log)
 * @param retention  how long records are kept, for deleting topics
 */
public record TopicSpec(String name, String key, int partitions, boolean compacted, Optional<Duration> retention) {

    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);
    private static final int DEAD_LETTER_PARTITIONS = 1;

    static TopicSpec deleting(String name, String key, int partitions, Duration retention) {
        return new TopicSpec(name, key, partitions, false, Optional.of(retention));
    }

    static TopicSpec compacted(String name, String key, int partitions) {
        return new TopicSpec(name, key, partitions, true, Optional.empty());
    }

    static TopicSpec deadLetters(String name) {
        return new TopicSpec(name, "as the source topic", DEAD_LETTER_PARTITIONS, false, Optional.of(DEAD_LETTER_RETENTION));
    }

    /**
     * The Kafka admin request that creates this topic with the given replication. The minimum of
     * in-sync replicas is set on the topic rather than left to the broker's default (1 unless the
     * cluster says otherwise): it is what makes {@code acks=all} mean "on that many brokers".
     */
    public NewTopic toNewTopic(short replicationFactor, short minInsyncReplicas) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Short.toString(minInsyncReplicas));
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        retention.ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
