package io.deploybus.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micronaut.context.ApplicationContext;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"deploybus\" password=\"s3cret\";";
    private static final Map<String, Object> MANAGED_CLUSTER = Map.of(
            "kafka.bootstrap.servers", "broker-1.example.net:9096",
            "kafka.security.protocol", "SASL_SSL",
            "kafka.sasl.mechanism", "SCRAM-SHA-512",
            "kafka.sasl.jaas.config", JAAS,
            "kafka.ssl.truststore.location", "/etc/kafka/truststore.p12",
            "kafka.ssl.truststore.type", "PKCS12",
            "kafka.metadata.max.age.ms", "60000");

    @Test
    void aHandMadeClientTakesEverySettingMicronautsOwnClientsTake() {
        try (var context = ApplicationContext.run(MANAGED_CLUSTER)) {
            Map<String, Object> settings = context.getBean(KafkaClients.class).settings("restore-1", Map.of());

            assertThat(settings)
                    .containsEntry("bootstrap.servers", "broker-1.example.net:9096")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS)
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                    .containsEntry("ssl.truststore.type", "PKCS12")
                    .containsEntry("metadata.max.age.ms", "60000")
                    .containsEntry("client.id", "restore-1");
        }
    }

    @Test
    void settingsOfMicronautsPerClientTreesStayOutOfHandMadeClients() {
        var properties = new HashMap<>(MANAGED_CLUSTER);
        properties.put("kafka.consumers.deploy-api-view.max.poll.records", "7");
        properties.put("kafka.producers.deploy-commands.linger.ms", "5");
        try (var context = ApplicationContext.run(properties)) {
            Map<String, Object> settings = context.getBean(KafkaClients.class).settings("restore-1", Map.of());

            assertThat(settings.keySet()).noneMatch(key -> key.contains("poll.records") || key.contains("linger"));
        }
    }

    @Test
    void aConfiguredClientIdNamesTheClientAndTheClientsOwnSettingsWin() {
        var properties = new HashMap<>(MANAGED_CLUSTER);
        properties.put("kafka.client.id", "acme-deploybus");
        properties.put("kafka.enable.auto.commit", "true");
        try (var context = ApplicationContext.run(properties)) {
            Map<String, Object> settings = context.getBean(KafkaClients.class)
                    .settings("restore-1", Map.of("enable.auto.commit", false));

            assertThat(settings).containsEntry("client.id", "acme-deploybus").containsEntry("enable.auto.commit", false);
        }
    }

    @Test
    void keysThatAreNoClientsSettingDoNotStopAClientBeingBuilt() {
        var properties = new HashMap<>(MANAGED_CLUSTER);
        properties.put("kafka.bootstrap.servers", "127.0.0.1:9092");
        properties.put("kafka.security.protocol", "SASL_PLAINTEXT");
        properties.put("kafka.health.restricted", "true");
        // As Micronaut derives them from KAFKA_SASL_JAAS_CONFIG, besides kafka.sasl.jaas.config.
        properties.put("kafka.sasl.jaas-config", JAAS);
        properties.put("kafka.sasl-jaas-config", JAAS);
        try (var context = ApplicationContext.run(properties)) {
            var clients = context.getBean(KafkaClients.class);

            assertThatCode(() -> clients.consumer("probe", Map.of(), new StringDeserializer(), new StringDeserializer())
                    .close(Duration.ZERO)).doesNotThrowAnyException();
        }
    }
}
