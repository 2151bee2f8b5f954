package io.deploybus.emulator;

import static io.deploybus.emulator.SeededServices.BROKEN_BUILD;
import static io.deploybus.emulator.SeededServices.CHECKOUT;
import static io.deploybus.emulator.SeededServices.STOREFRONT;
import static io.deploybus.emulator.SeededServices.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.deploybus.render.RenderApiConfiguration;
import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderDeploy;
import io.deploybus.render.RenderInvalidRequestException;
import io.deploybus.render.RenderNotFoundException;
import io.deploybus.render.RenderService;
import io.deploybus.render.RenderUnauthorizedException;
import io.deploybus.render.TriggerDeploy;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.micronaut.serde.ObjectMapper;

/** The emulator as a process, as the other services meet it: through {@link RenderClient}. */
class RenderEmulatorIT {

    private static final String KEY = "rnd_it_key";
    private static final List<String> SUCCESSFUL_PATH = List.of("created", "build_in_progress", "update_in_progress", "live");

    private static ServiceProcess emulator;
    private static RenderClient render;

    @BeforeAll
    static void startEmulator() {
        emulator = Service.RENDER_EMULATOR.start(Map.of(
                "emulator.api-keys", KEY,
                "emulator.timing.created", "100ms",
                "emulator.timing.build", "600ms",
                "emulator.timing.update", "400ms"));
        render = clientWithKey(KEY);
    }

    @AfterAll
    static void stopEmulator() {
        if (render != null) {
            render.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void backToTheSeed() throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            var reset = http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/_emulator/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(reset.statusCode()).isEqualTo(204);
        }
    }

    @Test
    void seededServicesAreListedNewestFirst() {
        assertThat(render.listServices(20)).extracting(RenderService::id)
                .containsExactlyElementsOf(SeededServices.ALL_NEWEST_FIRST);
        assertThat(render.listServices(2)).extracting(RenderService::id).containsExactly(CHECKOUT,
                SeededServices.BILLING);
    }

    @Test
    void serviceIsReadWithWhatTheHealthMonitorNeeds() {
        RenderService checkout = render.getService(CHECKOUT);

        assertThat(checkout.name()).isEqualTo("checkout-api");
        assertThat(checkout.type()).isEqualTo("web_service");
        assertThat(checkout.isSuspended()).isFalse();
        assertThat(checkout.url()).contains("https://checkout-api.onrender.com");
        assertThat(checkout.healthCheckPath()).contains("/healthz");
        assertThat(checkout.branch()).isEqualTo("main");
        assertThat(render.getService(SUSPENDED).isSuspended()).isTrue();
    }

    @Test
    void triggeredDeployGoesLiveAndThePreviousLiveIsDeactivated() {
        RenderDeploy previous = render.listDeploys(CHECKOUT, 1).getFirst();
        assertThat(previous.status()).isEqualTo("live");

        RenderDeploy deploy = render.triggerDeploy(CHECKOUT, TriggerDeploy.latest()).orElseThrow();
        assertThat(deploy.finishedAt()).isNull();
        assertThat(deploy.commit()).isNotNull();

        assertThat(statusesUntilTerminal(CHECKOUT, deploy.id())).isSubsetOf(SUCCESSFUL_PATH).endsWith("live");
        assertThat(render.getDeploy(CHECKOUT, deploy.id()).finishedAt()).isNotNull();
        assertThat(render.getDeploy(CHECKOUT, previous.id()).status()).isEqualTo("deactivated");
    }

    @Test
    void riggedServiceFailsItsBuildAndKeepsThePreviousDeployLive() {
        RenderDeploy previous = render.listDeploys(BROKEN_BUILD, 1).getFirst();

        RenderDeploy deploy = render.triggerDeploy(BROKEN_BUILD, TriggerDeploy.latest()).orElseThrow();

        assertThat(statusesUntilTerminal(BROKEN_BUILD, deploy.id())).endsWith("build_failed")
                .doesNotContain("update_in_progress");
        assertThat(render.getDeploy(BROKEN_BUILD, previous.id()).status()).isEqualTo("live");
    }

    @Test
    void secondTriggerWhileOneRunsIsQueuedAndRunsAfterIt() {
        RenderDeploy first = render.triggerDeploy(CHECKOUT, TriggerDeploy.latest()).orElseThrow();

        var second = render.triggerDeploy(CHECKOUT, TriggerDeploy.commit("a0f6c1d2e3"));

        assertThat(second).as("Render answers 202 without a deploy").isEmpty();
        RenderDeploy queued = render.listDeploys(CHECKOUT, 1).getFirst();
        assertThat(queued.status()).isEqualTo("queued");
        assertThat(queued.commit().id()).isEqualTo("a0f6c1d2e3");

        assertThat(statusesUntilTerminal(CHECKOUT, queued.id())).endsWith("live");
        RenderDeploy firstNow = render.getDeploy(CHECKOUT, first.id());
        assertThat(firstNow.status()).isEqualTo("deactivated");
        assertThat(render.getDeploy(CHECKOUT, queued.id()).startedAt()).isAfterOrEqualTo(firstNow.finishedAt());
    }

    @Test
    void imageBackedServiceDeploysWithoutACommit() {
        RenderDeploy deploy = render.triggerDeploy(STOREFRONT, TriggerDeploy.image("docker.io/library/nginx:1.28"))
                .orElseThrow();

        assertThat(deploy.commit()).isNull();
        assertThat(deploy.image().ref()).isEqualTo("docker.io/library/nginx:1.28");
        assertThat(statusesUntilTerminal(STOREFRONT, deploy.id())).doesNotContain("build_in_progress").endsWith("live");
    }

    @Test
    void wrongKeyIsUnauthorized() {
        try (var wrongKey = clientWithKey("rnd_not_the_key")) {
            assertThatThrownBy(() -> wrongKey.listServices(20)).isInstanceOf(RenderUnauthorizedException.class);
        }
    }

    @Test
    void unknownServiceOrDeployIsNotFound() {
        assertThatThrownBy(() -> render.getService("srv-nosuchservice0000000"))
                .isInstanceOf(RenderNotFoundException.class).hasMessageContaining("not found: srv-nosuchservice0000000");
        assertThatThrownBy(() -> render.triggerDeploy("srv-nosuchservice0000000", TriggerDeploy.latest()))
                .isInstanceOf(RenderNotFoundException.class);
        assertThatThrownBy(() -> render.getDeploy(CHECKOUT, "dep-nosuchdeploy00000000"))
                .isInstanceOf(RenderNotFoundException.class);
    }

    @Test
    void imageForAGitServiceIsAnInvalidRequest() {
        assertThatThrownBy(() -> render.triggerDeploy(CHECKOUT, TriggerDeploy.image("docker.io/library/nginx:1")))
                .isInstanceOf(RenderInvalidRequestException.class)
                .satisfies(e -> assertThat(((RenderInvalidRequestException) e).requestId()).isPresent());
    }

    /** Follows a deploy as the deploy worker would, and returns each status seen, in order. */
    private static List<String> statusesUntilTerminal(String serviceId, String deployId) {
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            RenderDeploy deploy = render.getDeploy(serviceId, deployId);
            if (seen.isEmpty() || !seen.getLast().equals(deploy.status())) {
                seen.add(deploy.status());
            }
            return deploy.isTerminal();
        });
        return seen;
    }

    private static RenderClient clientWithKey(String key) {
        URI api = emulator.baseUri().resolve("/v1");
        return new RenderClient(RenderApiConfiguration.of(api, key), ObjectMapper.getDefault());
    }
}
