package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.ServiceStartException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What docs/operations.md ("Run a service on its own") tells a user: every service is one
 * {@code java -jar <module>/target/<module>.jar}, configured only by the environment variables that
 * page lists. Each process here gets exactly those variables and nothing of the test's environment
 * (no PATH, no HOME, no system properties), and the suite deploys end to end.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RunnableArtifactIT {

    private static final String API_KEY = "artifact-test-key-0001";
    private static final String RENDER_KEY = "rnd_artifact_test_key";

    private static List<ServiceProcess> services;
    private static DeploybusApi api;

    @BeforeAll
    static void startEveryServiceFromItsArtifact(LocalKafka kafka) {
        ServiceProcess emulator = Service.RENDER_EMULATOR.startArtifact(Map.of("RENDER_API_KEY", RENDER_KEY));
        String renderUrl = emulator.baseUri().resolve("/v1").toString();
        String kafkaServers = kafka.bootstrapServers();
        String secretsKey = SecretBox.newKey();
        var deployApi = CompletableFuture.supplyAsync(() -> Service.DEPLOY_API.startArtifact(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                "DEPLOYBUS_API_KEY", API_KEY,
                "DEPLOYBUS_SECRETS_KEY", secretsKey,
                "RENDER_API_URL", renderUrl,
                "RENDER_API_KEY", RENDER_KEY)));
        var worker = CompletableFuture.supplyAsync(() -> Service.DEPLOY_WORKER.startArtifact(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers,
                "DEPLOYBUS_SECRETS_KEY", secretsKey,
                "RENDER_API_URL", renderUrl,
                "RENDER_API_KEY", RENDER_KEY)));
        var monitor = CompletableFuture.supplyAsync(() -> Service.HEALTH_MONITOR.startArtifact(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers)));
        var notifier = CompletableFuture.supplyAsync(() -> Service.ALERT_NOTIFIER.startArtifact(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaServers)));
        services = List.of(emulator, deployApi.join(), worker.join(), monitor.join(), notifier.join());
        api = new DeploybusApi(services.get(1).baseUri(), API_KEY);
    }

    @AfterAll
    static void stopTheSuite() {
        if (services != null) {
            services.reversed().forEach(ServiceProcess::close);
        }
    }

    @Test
    void servicesStartedFromTheirArtifactsWithOnlyTheDocumentedVariablesDeployEndToEnd() {
        var accepted = api.post("/v1/deploys", "{\"serviceId\": \"" + EmulatorSeed.HEALTHY_SERVICE + "\"}");
        assertThat(accepted.status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(api.get(accepted.location()).field("status")).isEqualTo("SUCCEEDED"));
    }

    /**
     * The default of {@code KAFKA_BOOTSTRAP_SERVERS} is read as one address: given no Kafka setting
     * at all, a service looks for Kafka at localhost:9092 (and, with none there, says so and exits)
     * rather than failing on "Invalid url in bootstrap.servers: 9092".
     */
    @Test
    void aServiceGivenNoKafkaSettingLooksForKafkaOnLocalhost9092() throws Exception {
        try (ServiceProcess started = Service.HEALTH_MONITOR.startArtifact(Map.of("DEPLOYBUS_TOPICS_TIMEOUT", "3s"))) {
            assertThat(started.isAlive()).as("a Kafka answers on this machine's default port, and the default found it").isTrue();
        } catch (ServiceStartException notStarted) {
            assertThat(Files.readString(notStarted.log()))
                    .contains("localhost/127.0.0.1:9092")
                    .contains("is Kafka reachable at kafka.bootstrap.servers")
                    .doesNotContain("Invalid url");
        }
    }

    @Test
    void noServiceStartedFromItsArtifactLogsAnError() throws Exception {
        for (ServiceProcess service : services) {
            assertThat(service.isAlive()).as("%s alive", service.service().module()).isTrue();
            String log = Files.readString(service.log());
            assertThat(log).as("%s log", service.service().module()).doesNotContain(" ERROR ");
        }
    }
}
