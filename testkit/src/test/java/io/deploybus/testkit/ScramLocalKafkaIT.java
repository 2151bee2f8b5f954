package io.deploybus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.deploybus.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScramLocalKafkaIT {

    private static LocalKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.startScramForTests("no-acls");
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void clientWithTheBrokersClientPropertiesCreatesTopicsAndReadsThem() {
        kafka.createCatalogueTopics();

        assertThat(RawTopic.readAll(kafka, Topics.DEPLOY_COMMANDS)).isEmpty();
    }

    @Test
    void clientWithAWrongPasswordIsRefused() {
        var settings = new HashMap<>(kafka.clientProperties());
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, kafka.scramUser(LocalKafka.ADMIN).withPassword("wrong").jaasConfig());
        try (Admin admin = Admin.create(settings)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void userWithoutAclsMayNotReadATopic() {
        kafka.createCatalogueTopics();
        var settings = new HashMap<>(kafka.clientProperties());
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, kafka.scramUser("no-acls").jaasConfig());
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.DEPLOY_COMMANDS, 0)));

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void clientWithoutCredentialsGetsNothing() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }
}
