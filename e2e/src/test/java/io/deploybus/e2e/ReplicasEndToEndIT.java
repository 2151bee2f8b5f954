package io.deploybus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.EmulatorControl;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two deploy-api instances behind one imagined load balancer, a worker and Render (the emulator): a
 * client's request under one {@code Idempotency-Key} that reaches both instances at the same moment
 * is one deploy on Render.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplicasEndToEndIT {

    private static final String API_KEY = "e2e-replicas-key-not-a-secret";
    private static final String RENDER_KEY = "rnd_e2e_replicas_emulator_key";
    private static final String SERVICE = EmulatorSeed.SECOND_HEALTHY_SERVICE;
    private static final int REQUESTS = 4;

    private static List<ServiceProcess> services;
    private static EmulatorControl render;
    private static DeploybusApi one;
    private static DeploybusApi other;

    @BeforeAll
    static void startTheSuite(LocalKafka kafka) {
        ServiceProcess emulator = Service.RENDER_EMULATOR.start(Map.of("emulator.api-keys", RENDER_KEY));
        render = new EmulatorControl(emulator.baseUri());
        String secretsKey = SecretBox.newKey();
        Map<String, String> api = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "deploybus.api.keys.e2e", API_KEY, "deploybus.secrets.keys.local", secretsKey,
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(), "render.api.key", RENDER_KEY);
        var first = CompletableFuture.supplyAsync(() -> Service.DEPLOY_API.start(api));
        var second = CompletableFuture.supplyAsync(() -> Service.DEPLOY_API.start(api));
        var worker = CompletableFuture.supplyAsync(() -> Service.DEPLOY_WORKER.start(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(),
                "render.api.key", RENDER_KEY, "deploybus.secrets.keys.local", secretsKey)));
        services = List.of(emulator, first.join(), second.join(), worker.join());
        one = new DeploybusApi(services.get(1).baseUri(), API_KEY);
        other = new DeploybusApi(services.get(2).baseUri(), API_KEY);
    }

    @AfterAll
    static void stopTheSuite() {
        if (services != null) {
            services.reversed().forEach(ServiceProcess::close);
        }
    }

    @Test
    void requestsReachingBothInstancesAtOnceAreOneRenderDeployEach() {
        long triggersBefore = render.triggers(SERVICE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String key = UUID.randomUUID().toString();
            String body = "{\"serviceId\": \"" + SERVICE + "\", \"labels\": {\"attempt\": \"" + i + "\"}}";
            var together = new CyclicBarrier(2);
            var onOne = CompletableFuture.supplyAsync(() -> postTogether(together, one, body, key));
            var onOther = CompletableFuture.supplyAsync(() -> postTogether(together, other, body, key));
            var first = onOne.join();
            var second = onOther.join();
            assertThat(first.status()).isEqualTo(202);
            assertThat(second.status()).isEqualTo(202);
            assertThat(second.field("id")).isEqualTo(first.field("id"));
            ids.add(first.field("id"));
        }

        for (String id : ids) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(other.get("/v1/deploys/" + id).field("status")).isEqualTo("SUCCEEDED"));
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(render.triggers(SERVICE) - triggersBefore).isEqualTo(REQUESTS));
        assertThat(one.get("/v1/services/" + SERVICE + "/deploys").body().get("queue")).isEqualTo(List.of());
    }

    private static DeploybusApi.Response postTogether(CyclicBarrier together, DeploybusApi instance, String body,
                                                      String key) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return instance.post("/v1/deploys", body, key);
    }
}
