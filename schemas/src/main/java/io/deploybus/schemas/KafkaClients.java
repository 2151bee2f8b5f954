package io.deploybus.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one way a service builds a Kafka client by hand (where a poll loop of its own carries a
 * guarantee). Such a client starts from exactly the settings Micronaut gives its own
 * {@code @KafkaClient}, {@code @KafkaListener} and {@code AdminClient}: every {@code kafka.*} key
 * outside {@code kafka.consumers}, {@code producers}, {@code streams} and {@code embedded}, from
 * application.yml, system properties or {@code KAFKA_*} environment variables. So a cluster that
 * needs SASL, TLS or any other client setting is reached by every client or by none.
 *
 * <p>That set also holds keys that are no client's ({@code health.restricted}) and, for each
 * {@code KAFKA_*} variable, the spellings Micronaut derives from it besides the dotted one
 * ({@code sasl.jaas-config}, {@code sasl-jaas-config}, ...). Kafka ignores keys it does not know
 * (naming them, never their values, in a log line), and passes them on to plugins such as login
 * modules, which may need them; so they are kept, as they are for Micronaut's clients.
 */
@Singleton
public class KafkaClients {

    private final Supplier<Map<?, ?>> shared;

    @Inject
    public KafkaClients(KafkaDefaultConfiguration defaults) {
        this(defaults::getConfig);
    }

    private KafkaClients(Supplier<Map<?, ?>> shared) {
        this.shared = shared;
    }

    /** Clients on the given settings alone, outside a Micronaut context: for unit tests and tools. */
    public static KafkaClients of(Map<String, Object> settings) {
        Map<String, Object> copy = Map.copyOf(settings);
        return new KafkaClients(() -> copy);
    }

    /**
     * A consumer with the shared settings and {@code own} on top.
     *
     * @param name its {@code client.id}, unless {@code kafka.client.id} is configured: then that one,
     *             as Micronaut's named clients do
     * @param own  the settings this consumer's correctness depends on (group, commits, isolation);
     *             they win over configuration
     */
    public <K, V> KafkaConsumer<K, V> consumer(String name, Map<String, Object> own,
                                               Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(settings(name, own), keys, values);
    }

    /** A producer with the shared settings and {@code own} on top; see {@link #consumer}. */
    public <K, V> KafkaProducer<K, V> producer(String name, Map<String, Object> own,
                                               Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(settings(name, own), keys, values);
    }

    Map<String, Object> settings(String name, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>();
        shared.get().forEach((key, value) -> settings.put(key.toString(), value));
        settings.putAll(own);
        settings.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, name);
        return settings;
    }
}
