package io.deploybus.schemas;

import java.time.Duration;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * {@code deploybus.topics.*}: which catalogue topics a service creates at start-up, and how.
 *
 * @param provision         the names of the topics to create if missing
 * @param replicationFactor replicas of each created topic (1 for a single broker, 3 on a cluster)
 * @param minInsyncReplicas the replicas that must have a write before Kafka acknowledges it. Unset,
 *                          one less than the replication factor, at least 1 and at most 2: a topic
 *                          keeps taking writes while one replica is down (a broker restarting), and
 *                          with three replicas an acknowledged write is on two brokers
 * @param timeout           how long start-up waits for Kafka to create them
 */
@ConfigurationProperties("deploybus.topics")
public record TopicsConfiguration(
        @NotEmpty List<String> provision,
        @Bindable(defaultValue = "1") @Min(1) @Max(Short.MAX_VALUE) short replicationFactor,
        @Nullable @Min(1) Short minInsyncReplicas,
        @Bindable(defaultValue = "30s") Duration timeout) {

    public TopicsConfiguration {
        if (minInsyncReplicas == null) {
            minInsyncReplicas = (short) Math.max(1, Math.min(2, replicationFactor - 1));
        } else if (minInsyncReplicas > replicationFactor) {
            throw new ConfigurationException("deploybus.topics.min-insync-replicas (" + minInsyncReplicas
                    + ") is more than deploybus.topics.replication-factor (" + replicationFactor
                    + "): Kafka would refuse every write to the topics");
        }
    }
}
