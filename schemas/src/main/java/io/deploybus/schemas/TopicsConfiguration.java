package io.deploybus.schemas;

import java.time.Duration;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/**
 * {@code deploybus.topics.*}: which catalogue topics a service creates at start-up, and how.
 *
 * @param provision         the names of the topics to create if missing
 * @param replicationFactor replicas of each created topic (1 for a single broker)
 * @param timeout           how long start-up waits for Kafka to create them
 */
@ConfigurationProperties("deploybus.topics")
public record TopicsConfiguration(
        @NotEmpty List<String> provision,
        @Bindable(defaultValue = "1") @Min(1) @Max(Short.MAX_VALUE) short replicationFactor,
        @Bindable(defaultValue = "30s") Duration timeout) {
}
