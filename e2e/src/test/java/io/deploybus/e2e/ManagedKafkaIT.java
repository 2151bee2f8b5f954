package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.CallbackReceiver;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ScramUser;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.ServiceStartException;
import io.deploybus.testkit.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite on a broker that, like a managed cluster, takes clients only over SASL/SCRAM and
 * enforces ACLs. Every service logs in as its own user, allowed only what docs/operations.md
 * lists for it ({@link ServiceAcls}), and gets the security settings as a user gives them:
 * {@code KAFKA_*} environment variables.
 */
class ManagedKafkaIT {

    private static final String API_KEY = "managed-kafka-key-not-a-secret";
    private static final String RENDER_KEY = "rnd_managed_kafka_emulator_key";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REFUSED_START = Duration.ofSeconds(30);
    private static final List<Service> SERVICES =
            List.of(Service.DEPLOY_API, Service.DEPLOY_WORKER, Service.HEALTH_MONITOR, Service.ALERT_NOTIFIER);

    private static LocalKafka kafka;
    private static CallbackReceiver callbacks;
    private static List<ServiceProcess> services;
    private static DeploybusApi api;

    @BeforeAll
    static void startTheSuiteOnAScramOnlyBroker() {
        kafka = LocalKafka.startScramForTests(SERVICES.stream().map(ServiceAcls::user).toArray(String[]::new));
        grant(ServiceAcls.all());
        callbacks = CallbackReceiver.start();
        ServiceProcess emulator = Service.RENDER_EMULATOR.start(Map.of("emulator.api-keys", RENDER_KEY));
        String secretsKey = SecretBox.newKey();
        var apiStart = CompletableFuture.supplyAsync(() -> Service.DEPLOY_API.start(Map.of(
                "deploybus.api.keys.e2e", API_KEY, "deploybus.secrets.keys.local", secretsKey,
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(), "render.api.key", RENDER_KEY),
                kafkaEnvironment(userOf(Service.DEPLOY_API))));
        var worker = CompletableFuture.supplyAsync(() -> Service.DEPLOY_WORKER.start(Map.of(
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(),
                "render.api.key", RENDER_KEY, "deploybus.secrets.keys.local", secretsKey),
                kafkaEnvironment(userOf(Service.DEPLOY_WORKER))));
        var health = CompletableFuture.supplyAsync(() -> Service.HEALTH_MONITOR.start(Map.of(),
                kafkaEnvironment(userOf(Service.HEALTH_MONITOR))));
        var notifier = CompletableFuture.supplyAsync(() -> Service.ALERT_NOTIFIER.start(Map.of(
                "deploybus.notifier.callback-urls", callbacks.url("/alerts").toString()),
                kafkaEnvironment(userOf(Service.ALERT_NOTIFIER))));
        services = List.of(emulator, apiStart.join(), worker.join(), health.join(), notifier.join());
        api = new DeploybusApi(services.get(1).baseUri(), API_KEY);
    }

    @AfterAll
    static void stopTheSuite() {
        if (services != null) {
            services.reversed().forEach(ServiceProcess::close);
        }
        if (callbacks != null) {
            callbacks.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void deploysRunToTheirOutcomesAndAlertsGoOutWithEachServiceAllowedOnlyItsDocumentedAcls() throws IOException {
        String succeeding = accept("{\"serviceId\": \"" + EmulatorSeed.HEALTHY_SERVICE + "\"}");
        String failing = accept("{\"serviceId\": \"" + EmulatorSeed.FAILING_BUILD_SERVICE + "\", \"rollback\": {\"enabled\": false}}");

        awaitStatus(succeeding, "SUCCEEDED");
        awaitStatus(failing, "FAILED");
        assertThat(eventsOf(succeeding)).extracting(DeployEvent::getType)
                .containsSubsequence(DeployEventType.DeployAccepted, DeployEventType.DeployTriggered, DeployEventType.DeploySucceeded);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(callbacks.received())
                .anySatisfy(callback -> assertThat(callback.body()).contains("\"deployId\":\"" + failing + "\"")));
        for (ServiceProcess service : services) {
            String log = Files.readString(service.log());
            for (Service other : SERVICES) {
                assertThat(log).as("%s's log", service.service()).doesNotContain(userOf(other).password());
            }
        }
    }

    @Test
    void serviceWithAWrongPasswordFailsItsStartNamingTheSettingAndNotThePassword() throws IOException {
        ScramUser right = userOf(Service.HEALTH_MONITOR);
        ScramUser wrong = right.withPassword("wrong-" + UUID.randomUUID());
        long started = System.nanoTime();

        var failure = catchThrowableOfType(ServiceStartException.class,
                () -> Service.HEALTH_MONITOR.start(Map.of(), kafkaEnvironment(wrong)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REFUSED_START);
        assertThat(failure).isNotNull().hasMessageContaining("exited during start-up")
                .hasMessageContaining("kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG)");
        assertThat(Files.readString(failure.log())).doesNotContain(wrong.password()).doesNotContain(right.password());
    }

    private static ScramUser userOf(Service service) {
        return kafka.scramUser(ServiceAcls.user(service));
    }

    private static void grant(List<AclBinding> acls) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the services' ACLs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a user configures a service for a managed cluster. */
    private static Map<String, String> kafkaEnvironment(ScramUser login) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", LocalKafka.SCRAM_MECHANISM,
                "KAFKA_SASL_JAAS_CONFIG", login.jaasConfig());
    }

    private static String accept(String body) {
        var accepted = api.post("/v1/deploys", body);
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.field("id");
    }

    private static void awaitStatus(String deployId, String status) {
        await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(api.get("/v1/deploys/" + deployId).field("status")).isEqualTo(status));
    }

    /** Read by testkit's reader, over SCRAM with the broker's client properties. */
    private static List<DeployEvent> eventsOf(String deployId) {
        try (var reader = TopicReader.of(kafka, Topics.DEPLOY_EVENTS, DeployEvent.class)) {
            return reader.readUntil(rs -> rs.stream().anyMatch(r -> r.value().getDeployId().equals(deployId)
                            && r.value().getFinishedAt() != null), DEPLOY_TIMEOUT)
                    .stream().map(ConsumerRecord::value).filter(e -> e.getDeployId().equals(deployId)).toList();
        }
    }
}
