package io.deploybus.emulator;

import static io.deploybus.emulator.SeededServices.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.deploybus.render.RenderApiConfiguration;
import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderNotFoundException;
import io.deploybus.render.TriggerDeploy;
import io.deploybus.testkit.CallbackReceiver;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.micronaut.serde.ObjectMapper;

/**
 * The control API as tests use it, and the client under the faults it injects. The examples in
 * docs/render-emulator.md are these requests.
 */
class EmulatorFaultsIT {

    private static final String KEY = "rnd_faults_key";
    private static final String SECRET = "whsec_ZGVwbG95YnVzLWxvY2FsLXdlYmhvb2stc2VjcmV0ISE=";

    private static CallbackReceiver receiver;
    private static ServiceProcess emulator;
    private static RenderClient render;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        receiver = CallbackReceiver.start();
        emulator = Service.RENDER_EMULATOR.start(Map.of(
                "emulator.api-keys", KEY,
                "emulator.webhooks.urls", receiver.url("/render-webhooks").toString(),
                "emulator.webhooks.secret", SECRET,
                "emulator.rate-limits.writes", "5",
                "emulator.rate-limits.window", "3s",
                "emulator.timing.created", "50ms",
                "emulator.timing.build", "200ms",
                "emulator.timing.update", "200ms"));
        render = new RenderClient(RenderApiConfiguration.of(emulator.baseUri().resolve("/v1"), KEY)
                .withRetries(4, Duration.ofMillis(50), Duration.ofSeconds(5)).withRequestTimeout(Duration.ofMillis(700)),
                ObjectMapper.getDefault());
    }

    @AfterAll
    static void stop() {
        if (render != null) {
            render.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        control("POST", "/_emulator/reset", null);
    }

    @Test
    void rateLimitedAnswerWithRetryAfterIsWaitedOutThenSucceeds() throws Exception {
        control("POST", "/_emulator/faults", "{\"status\":429,\"retryAfter\":1,\"count\":1,\"path\":\"/v1/services\"}");

        assertThat(render.listServices(5)).isNotEmpty();

        assertThat(statusesOf("GET", "/v1/services")).containsExactly(429, 200);
    }

    @Test
    void burstOf503IsRetriedThenSucceeds() throws Exception {
        control("POST", "/_emulator/faults", "{\"status\":503,\"count\":3}");

        assertThat(render.getService(CHECKOUT).id()).isEqualTo(CHECKOUT);

        assertThat(statusesOf("GET", "/v1/services/.*")).containsExactly(503, 503, 503, 200);
    }

    @Test
    void answerSlowerThanTheRequestTimeoutIsRetried() throws Exception {
        control("POST", "/_emulator/faults", "{\"latency\":\"2s\",\"count\":1}");

        assertThat(render.getService(CHECKOUT).id()).isEqualTo(CHECKOUT);

        assertThat(statusesOf("GET", "/v1/services/.*")).hasSize(2).endsWith(200);
    }

    @Test
    void droppedConnectionOfAReadIsRetried() throws Exception {
        control("POST", "/_emulator/faults", "{\"drop\":true,\"count\":1,\"method\":\"GET\"}");

        assertThat(render.listServices(5)).isNotEmpty();

        assertThat(statusesOf("GET", "/v1/services")).containsExactly(0, 200);
    }

    @Test
    void notFoundIsTypedAndNotRetried() throws Exception {
        assertThatThrownBy(() -> render.getService("srv-nosuchservice0000000")).isInstanceOf(RenderNotFoundException.class);

        assertThat(statusesOf("GET", "/v1/services/.*")).containsExactly(404);
    }

    @Test
    void deployIsAnnouncedBySignedWebhooksWhoseEventsCanBeRead() throws Exception {
        var deploy = render.triggerDeploy(CHECKOUT, TriggerDeploy.latest()).orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().stream()
                .anyMatch(RenderWebhooks::succeededDeploy));
        var ended = receiver.received().stream().filter(RenderWebhooks::succeededDeploy).reduce((a, b) -> b).orElseThrow();
        String id = ended.headers().get("Webhook-id").getFirst();
        String timestamp = ended.headers().get("Webhook-timestamp").getFirst();
        assertThat(ended.headers().get("Webhook-signature").getFirst()).isEqualTo("v1," + sign(id + "." + timestamp + "." + ended.body()));
        assertThat(ended.body()).contains("\"status\":\"succeeded\"").contains("\"serviceName\":\"checkout-api\"");
        assertThat(render.getEvent(id).deployId()).contains(deploy.id());
    }

    @Test
    void scriptedDeployFailsAtBuildAndHealthCheckCanBeSwitched() throws Exception {
        control("POST", "/_emulator/services/" + CHECKOUT + "/deploy-script", "{\"outcome\":\"build_failed\",\"answer\":202}");
        assertThat(render.triggerDeploy(CHECKOUT, TriggerDeploy.latest())).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> render.listDeploys(CHECKOUT, 1).getFirst().status().equals("build_failed"));

        assertThat(probe()).isEqualTo(200);
        control("PUT", "/_emulator/services/" + CHECKOUT + "/health", "{\"mode\":\"failing\"}");
        assertThat(probe()).isEqualTo(503);
    }

    /** What a receiver tells apart by the body alone. */
    private static final class RenderWebhooks {
        static boolean succeededDeploy(CallbackReceiver.Received hook) {
            return hook.body().contains("\"deploy_ended\"") && hook.body().contains("\"succeeded\"");
        }
    }

    private static int probe() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/apps/" + CHECKOUT + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<Integer> statusesOf(String method, String pathPattern) throws Exception {
        String log = control("GET", "/_emulator/requests?method=" + method + "&path="
                + java.net.URLEncoder.encode(pathPattern, StandardCharsets.UTF_8), null);
        return java.util.regex.Pattern.compile("\"status\":(\\d+)").matcher(log).results()
                .map(match -> Integer.parseInt(match.group(1))).toList();
    }

    private static String control(String method, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(emulator.baseUri() + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response.body();
    }

    private static String sign(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
