package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.CallbackReceiver;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One deploy the whole way: HTTP request → deploy.commands → worker → Render (the emulator) →
 * deploy.events → alert callback, with every service as its own process on a real broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeployEndToEndIT {

    private static final String API_KEY = "e2e-key-not-a-secret";
    private static final String RENDER_KEY = "rnd_e2e_emulator_key";
    private static final String HEALTHY_SERVICE = EmulatorSeed.HEALTHY_SERVICE;
    private static final String FAILING_SERVICE = EmulatorSeed.FAILING_BUILD_SERVICE;
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

    private static LocalKafka kafka;
    private static CallbackReceiver callbacks;
    private static List<ServiceProcess> services;
    private static DeploybusApi api;

    @BeforeAll
    static void startTheSuite(LocalKafka broker) {
        kafka = broker;
        callbacks = CallbackReceiver.start();
        ServiceProcess emulator = Service.RENDER_EMULATOR.start(Map.of("emulator.api-keys", RENDER_KEY));
        Map<String, String> onKafka = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
        String secretsKey = SecretBox.newKey();
        var apiStart = CompletableFuture.supplyAsync(() -> Service.DEPLOY_API.start(with(onKafka,
                "deploybus.api.keys.e2e", API_KEY, "deploybus.secrets.keys.local", secretsKey,
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(), "render.api.key", RENDER_KEY)));
        var worker = CompletableFuture.supplyAsync(() -> Service.DEPLOY_WORKER.start(with(onKafka,
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(),
                "render.api.key", RENDER_KEY, "deploybus.secrets.keys.local", secretsKey)));
        var health = CompletableFuture.supplyAsync(() -> Service.HEALTH_MONITOR.start(onKafka));
        var notifier = CompletableFuture.supplyAsync(() -> Service.ALERT_NOTIFIER.start(with(onKafka,
                "deploybus.notifier.callback-urls", callbacks.url("/alerts").toString())));
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
    }

    @Test
    void deployToAHealthyServiceSucceedsWithItsEventsInOrder() {
        var accepted = api.post("/v1/deploys", "{\"serviceId\": \"" + HEALTHY_SERVICE + "\", \"commitId\": \"a1b2c3d4e5f6\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.field("status")).isEqualTo("QUEUED");
        String deployId = accepted.field("id");
        assertThat(accepted.location()).isEqualTo("/v1/deploys/" + deployId);

        awaitStatus(deployId, "SUCCEEDED");
        List<DeployEvent> events = eventsOf(deployId);
        assertThat(events).extracting(DeployEvent::getSequence)
                .isEqualTo(IntStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.getFirst().getType()).isEqualTo(DeployEventType.DeployAccepted);
        assertThat(events).extracting(DeployEvent::getType)
                .containsSubsequence(DeployEventType.DeployAccepted, DeployEventType.DeployValidated,
                        DeployEventType.DeployTriggered, DeployEventType.DeploySucceeded);
        assertThat(events.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(events.getLast().getRenderStatus()).isEqualTo("live");
        assertThat(events).allSatisfy(e -> assertThat(e.getServiceId()).isEqualTo(HEALTHY_SERVICE));
    }

    @Test
    void deployThatFailsToBuildEndsFailedAndTheCallbackGetsTheAlert() {
        var accepted = api.post("/v1/deploys", "{\"serviceId\": \"" + FAILING_SERVICE + "\", \"rollback\": {\"enabled\": false}}");
        assertThat(accepted.status()).isEqualTo(202);
        String deployId = accepted.field("id");

        awaitStatus(deployId, "FAILED");
        assertThat(eventsOf(deployId).getLast().getRenderStatus()).isEqualTo("build_failed");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(callbacks.received())
                .anySatisfy(alert -> {
                    assertThat(alert.path()).isEqualTo("/alerts");
                    assertThat(alert.body()).contains("\"rule\":\"DEPLOY_FAILED\"")
                            .contains("\"serviceId\":\"" + FAILING_SERVICE + "\"")
                            .contains("\"deployId\":\"" + deployId + "\"");
                }));
    }

    @Test
    void failedDeployWithRollbackIsRolledBackAndTheCallbackGetsAWarning() {
        var accepted = api.post("/v1/deploys", "{\"serviceId\": \"" + FAILING_SERVICE + "\"}");
        String deployId = accepted.field("id");

        awaitStatus(deployId, "ROLLED_BACK");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(callbacks.received())
                .anySatisfy(alert -> assertThat(alert.body()).contains("\"rule\":\"DEPLOY_ROLLED_BACK\"")
                        .contains("\"severity\":\"WARNING\"").contains("\"deployId\":\"" + deployId + "\"")));
    }

    @Test
    void everyDeployEventCarriesCloudEventsHeaders() {
        var accepted = api.post("/v1/deploys", "{\"serviceId\": \"" + HEALTHY_SERVICE + "\"}");
        String deployId = accepted.field("id");
        awaitStatus(deployId, "SUCCEEDED");

        try (var reader = TopicReader.of(kafka, Topics.DEPLOY_EVENTS, DeployEvent.class)) {
            List<ConsumerRecord<String, DeployEvent>> records = reader.readUntil(
                    rs -> rs.stream().anyMatch(r -> isTerminalOf(r.value(), deployId)), DEPLOY_TIMEOUT);
            assertThat(records.stream().filter(r -> r.value().getDeployId().equals(deployId)))
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.key()).isEqualTo(HEALTHY_SERVICE);
                        assertThat(CloudEventHeaders.text(r.headers(), "ce_id")).isEqualTo(r.value().getEventId());
                        assertThat(CloudEventHeaders.text(r.headers(), "ce_type")).startsWith("io.deploybus.DeployEvent.");
                        assertThat(CloudEventHeaders.text(r.headers(), "ce_subject")).isEqualTo(HEALTHY_SERVICE);
                        assertThat(CloudEventHeaders.text(r.headers(), "ce_specversion")).isEqualTo("1.0");
                    });
        }
    }

    @Test
    void batchRunsItsStepsInDependencyOrderThroughTheWholeSuite() {
        var accepted = api.post("/v1/batches", """
                {"steps": [
                   {"ref": "billing", "deploy": {"serviceId": "%s"}},
                   {"ref": "checkout", "deploy": {"serviceId": "%s"}, "dependsOn": ["billing"]}],
                 "parallelism": 2}""".formatted(EmulatorSeed.SECOND_HEALTHY_SERVICE, HEALTHY_SERVICE));
        assertThat(accepted.status()).isEqualTo(202);
        String batchId = accepted.field("id");

        await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/v1/batches/" + batchId).field("status")).isEqualTo("SUCCEEDED"));
        List<DeployEvent> billing = eventsOf(batchId + ".billing");
        List<DeployEvent> checkout = eventsOf(batchId + ".checkout");
        assertThat(checkout.getFirst().getOccurredAt()).isAfterOrEqualTo(billing.getLast().getOccurredAt());
        assertThat(checkout).allSatisfy(e -> assertThat(e.getBatchId()).isEqualTo(batchId));
    }

    @Test
    void everyServiceServesItsHealthAndPrometheusMetrics() throws Exception {
        var http = HttpClient.newHttpClient();
        for (ServiceProcess service : services) {
            for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
                var response = http.send(HttpRequest.newBuilder(service.baseUri().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("%s %s", service.service(), path).isEqualTo(200);
                assertThat(response.body()).as("%s %s", service.service(), path).contains("\"status\":\"UP\"");
            }
            var metrics = http.send(HttpRequest.newBuilder(service.baseUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as("%s /metrics", service.service()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
            assertThat(metrics.body()).as("%s /metrics", service.service()).contains("# TYPE jvm_memory_used_bytes gauge");
            if (service.service() == Service.DEPLOY_WORKER) {
                assertThat(metrics.body()).contains("deploybus_worker_deploys_running").contains("deploybus_worker_lanes");
            }
        }
    }

    private static void awaitStatus(String deployId, String status) {
        await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(api.get("/v1/deploys/" + deployId).field("status")).isEqualTo(status));
    }

    private static List<DeployEvent> eventsOf(String deployId) {
        try (var reader = TopicReader.of(kafka, Topics.DEPLOY_EVENTS, DeployEvent.class)) {
            return reader.readUntil(rs -> rs.stream().anyMatch(r -> isTerminalOf(r.value(), deployId)), DEPLOY_TIMEOUT)
                    .stream().map(ConsumerRecord::value).filter(e -> e.getDeployId().equals(deployId)).toList();
        }
    }

    private static boolean isTerminalOf(DeployEvent event, String deployId) {
        return event.getDeployId().equals(deployId) && event.getFinishedAt() != null;
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        var all = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            all.put(keyValues[i], keyValues[i + 1]);
        }
        return all;
    }
}
