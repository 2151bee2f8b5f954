package io.deploybus.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.deploybus.schemas.KafkaClients;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The worker's own consumers (plain Kafka clients: their poll loops and rebalance callbacks carry
 * its guarantees): values as bytes, decoded by the caller so that an undecodable one can be
 * dead-lettered as it was; offsets committed by hand; a dead instance's partitions moved within
 * {@code deploybus.worker.session-timeout}. Every other setting (security included) is the one all
 * of the service's clients share, from {@link KafkaClients}.
 */
@Singleton
public class GroupConsumers {

    private final KafkaClients clients;
    private final WorkerConfiguration configuration;

    GroupConsumers(KafkaClients clients, WorkerConfiguration configuration) {
        this.clients = clients;
        this.configuration = configuration;
    }

    /** A consumer in the given group, with {@code extra} settings on top of the worker's. */
    public KafkaConsumer<String, byte[]> create(String group, Map<String, Object> extra) {
        int sessionTimeout = (int) configuration.sessionTimeout().toMillis();
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeout,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, sessionTimeout / 4));
        settings.putAll(extra);
        return clients.consumer(group + "-" + UUID.randomUUID(), settings, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
