package io.deploybus.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The worker's own consumers (plain Kafka clients: their poll loops and rebalance callbacks carry
 * its guarantees): values as bytes, decoded by the caller so that an undecodable one can be
 * dead-lettered as it was; offsets committed by hand; a dead instance's partitions moved within
 * {@code deploybus.worker.session-timeout}.
 */
@Singleton
public class GroupConsumers {

    private final String bootstrapServers;
    private final WorkerConfiguration configuration;

    GroupConsumers(@Value("${kafka.bootstrap.servers}") String bootstrapServers, WorkerConfiguration configuration) {
        this.bootstrapServers = bootstrapServers;
        this.configuration = configuration;
    }

    /** A consumer in the given group, with {@code extra} settings on top of the worker's. */
    public KafkaConsumer<String, byte[]> create(String group, Map<String, Object> extra) {
        int sessionTimeout = (int) configuration.sessionTimeout().toMillis();
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeout,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, sessionTimeout / 4));
        settings.putAll(extra);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
