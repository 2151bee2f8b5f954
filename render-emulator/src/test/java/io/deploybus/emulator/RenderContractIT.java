package io.deploybus.emulator;

import static io.deploybus.emulator.SeededServices.BILLING;
import static io.deploybus.emulator.SeededServices.CHECKOUT;
import static io.deploybus.emulator.SeededServices.STOREFRONT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.deploybus.render.DeployFilter;
import io.deploybus.render.EnvVarInput;
import io.deploybus.render.EventFilter;
import io.deploybus.render.LogQuery;
import io.deploybus.render.RenderApiConfiguration;
import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderDeploy;
import io.deploybus.render.RenderEnvVar;
import io.deploybus.render.RenderInvalidRequestException;
import io.deploybus.render.RenderNotFoundException;
import io.deploybus.render.RenderService;
import io.deploybus.render.RenderUnauthorizedException;
import io.deploybus.render.ServiceFilter;
import io.deploybus.render.ServiceUpdate;
import io.deploybus.render.TriggerDeploy;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.micronaut.serde.ObjectMapper;

/**
 * The contract suite: {@link RenderClient} runs every operation Deploybus uses against the emulator,
 * through a {@link ContractProxy} that validates each answer against Render's OpenAPI document.
 * Each test must leave zero violations, and together they must cover every operation listed.
 */
class RenderContractIT {

    private static final String KEY = "rnd_contract_key";
    private static final String OWNER = "tea-emuteam0000000000001";
    private static final String ENV_GROUP = "evg-emusharedconfig00001";
    private static final Set<String> OPERATIONS = Set.of(
            "GET /services 200", "GET /services/{serviceId} 200", "PATCH /services/{serviceId} 200",
            "POST /services/{serviceId}/suspend 202", "POST /services/{serviceId}/resume 202",
            "POST /services/{serviceId}/restart 200", "POST /services/{serviceId}/scale 202",
            "GET /services/{serviceId}/instances 200",
            "GET /services/{serviceId}/deploys 200", "POST /services/{serviceId}/deploys 201",
            "POST /services/{serviceId}/deploys 202", "GET /services/{serviceId}/deploys/{deployId} 200",
            "POST /services/{serviceId}/deploys/{deployId}/cancel 200", "POST /services/{serviceId}/rollback 201",
            "GET /services/{serviceId}/env-vars 200", "PUT /services/{serviceId}/env-vars 200",
            "GET /services/{serviceId}/env-vars/{envVarKey} 200", "PUT /services/{serviceId}/env-vars/{envVarKey} 200",
            "DELETE /services/{serviceId}/env-vars/{envVarKey} 204",
            "GET /env-groups 200", "GET /env-groups/{envGroupId} 200",
            "POST /env-groups/{envGroupId}/services/{serviceId} 200",
            "DELETE /env-groups/{envGroupId}/services/{serviceId} 204",
            "GET /services/{serviceId}/events 200", "GET /events/{eventId} 200", "GET /logs 200",
            "GET /owners 200", "GET /owners/{ownerId} 200",
            "GET /services/{serviceId} 404", "POST /services/{serviceId}/deploys 400", "GET /services 401",
            "POST /services/{serviceId}/deploys/{deployId}/cancel 400");

    private static ServiceProcess emulator;
    private static ContractProxy proxy;
    private static RenderClient render;

    @BeforeAll
    static void start() {
        emulator = Service.RENDER_EMULATOR.start(Map.of(
                "emulator.api-keys", KEY,
                "emulator.rate-limits.deploys", "1000",
                "emulator.timing.created", "50ms",
                "emulator.timing.build", "300ms",
                "emulator.timing.update", "200ms"));
        proxy = new ContractProxy(emulator.baseUri(), OpenApiContract.load());
        render = new RenderClient(RenderApiConfiguration.of(proxy.baseUrl(), KEY), ObjectMapper.getDefault());
    }

    @AfterAll
    static void stop() {
        try {
            if (proxy != null) {
                assertThat(proxy.covered()).as("operations the suite exercised").containsAll(OPERATIONS);
            }
        } finally {
            if (render != null) {
                render.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    @BeforeEach
    void backToTheSeed() throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/_emulator/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @AfterEach
    void noViolations() {
        assertThat(proxy.violations()).as("answers that break Render's OpenAPI document").isEmpty();
    }

    @Test
    void servicesAndOwnersAreListedFilteredPagedAndRead() {
        var firstPage = render.listServices(ServiceFilter.all(), null, 2);
        var secondPage = render.listServices(ServiceFilter.all(), firstPage.nextCursor(), 2);

        assertThat(firstPage.items()).extracting(RenderService::id).containsExactly(CHECKOUT, BILLING);
        assertThat(secondPage.items()).first().extracting(RenderService::id).isEqualTo(STOREFRONT);
        assertThat(render.listAllServices(ServiceFilter.all().onlySuspended(true), 10)).extracting(RenderService::id)
                .containsExactly(SeededServices.SUSPENDED);
        assertThat(render.listServices(ServiceFilter.all().withNames("billing-api"), null, 10).items())
                .extracting(RenderService::id).containsExactly(BILLING);
        assertThat(render.getService(STOREFRONT).imagePath()).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(render.listOwners(null, 10).items()).singleElement()
                .satisfies(owner -> assertThat(render.getOwner(owner.id()).type()).isEqualTo("team"));
    }

    @Test
    void serviceIsUpdatedScaledRestartedSuspendedAndResumed() {
        assertThat(render.updateService(CHECKOUT, ServiceUpdate.autoDeploy(false)).autoDeploy()).isEqualTo("no");
        render.scaleService(CHECKOUT, 3);
        assertThat(render.listInstances(CHECKOUT)).hasSize(3)
                .allSatisfy(instance -> assertThat(instance.id()).matches("^" + CHECKOUT + "-[0-9a-v]{5}$"));
        render.restartService(CHECKOUT);

        render.suspendService(CHECKOUT);
        assertThat(render.getService(CHECKOUT).isSuspended()).isTrue();
        assertThatThrownBy(() -> render.triggerDeploy(CHECKOUT, TriggerDeploy.latest()))
                .isInstanceOf(RenderInvalidRequestException.class).hasMessageContaining("suspended");

        render.resumeService(CHECKOUT);
        assertThat(render.getService(CHECKOUT).isSuspended()).isFalse();
        assertThat(render.listDeploys(CHECKOUT, 1).getFirst().trigger()).isEqualTo("service_resumed");
    }

    @Test
    void deploysAreTriggeredQueuedFilteredCanceledAndRolledBack() {
        Instant before = Instant.now().minusSeconds(1);
        RenderDeploy previous = render.listDeploys(CHECKOUT, 1).getFirst();
        RenderDeploy first = render.triggerDeploy(CHECKOUT, TriggerDeploy.latest()).orElseThrow();
        assertThat(render.triggerDeploy(CHECKOUT, TriggerDeploy.commit("a0f6c1d2e3"))).isEmpty();

        var queued = render.listDeploys(CHECKOUT, DeployFilter.withStatus("queued").createdAfter(before), null, 10);
        assertThat(queued.items()).singleElement().satisfies(deploy -> assertThat(deploy.commit().id()).isEqualTo("a0f6c1d2e3"));
        assertThat(render.cancelDeploy(CHECKOUT, first.id()).status()).isEqualTo("canceled");
        assertThatThrownBy(() -> render.cancelDeploy(CHECKOUT, first.id())).isInstanceOf(RenderInvalidRequestException.class);
        assertThat(render.getDeploy(CHECKOUT, queued.items().getFirst().id()).status()).isNotEqualTo("queued");

        RenderDeploy rollback = render.rollback(CHECKOUT, previous.id());
        assertThat(rollback.trigger()).isEqualTo("rollback");
        assertThat(rollback.commit().id()).isEqualTo(previous.commit().id());
        assertThat(render.listAllDeploys(CHECKOUT, DeployFilter.all(), 100)).hasSize(4);
    }

    @Test
    void envVarsAreSetGeneratedReadReplacedAndDeleted() {
        assertThat(render.listEnvVars(CHECKOUT)).extracting(RenderEnvVar::key).containsExactly("NODE_ENV", "LOG_LEVEL");
        render.setEnvVar(CHECKOUT, "FEATURE_X", "on");
        assertThat(render.generateEnvVar(CHECKOUT, "SESSION_SECRET").value()).hasSize(44);
        assertThat(render.getEnvVar(CHECKOUT, "FEATURE_X").value()).isEqualTo("on");

        render.deleteEnvVar(CHECKOUT, "FEATURE_X");
        assertThatThrownBy(() -> render.getEnvVar(CHECKOUT, "FEATURE_X")).isInstanceOf(RenderNotFoundException.class);

        var replaced = render.replaceEnvVars(CHECKOUT, List.of(EnvVarInput.of("ONLY", "this"), EnvVarInput.generated("TOKEN")));
        assertThat(replaced).extracting(RenderEnvVar::key).containsExactly("ONLY", "TOKEN");
        assertThat(render.listEnvVars(CHECKOUT)).extracting(RenderEnvVar::key).containsExactly("ONLY", "TOKEN");
    }

    @Test
    void envGroupsAreListedReadLinkedAndUnlinked() {
        assertThat(render.listEnvGroups(List.of("shared-config"), 10)).singleElement()
                .satisfies(group -> assertThat(group.isLinkedTo(CHECKOUT)).isTrue());
        assertThat(render.getEnvGroup(ENV_GROUP).envVars()).extracting(RenderEnvVar::key).containsExactly("SENTRY_DSN");

        assertThat(render.linkEnvGroup(ENV_GROUP, BILLING).isLinkedTo(BILLING)).isTrue();
        render.unlinkEnvGroup(ENV_GROUP, BILLING);

        assertThat(render.getEnvGroup(ENV_GROUP).isLinkedTo(BILLING)).isFalse();
    }

    @Test
    void eventsAndLogsOfADeployAreReadAsWebhooksNameThem() {
        RenderDeploy deploy = render.triggerDeploy(CHECKOUT, TriggerDeploy.latest()).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> render.getDeploy(CHECKOUT, deploy.id()).isTerminal());

        var ended = render.listEvents(CHECKOUT, EventFilter.ofTypes("deploy_ended"), null, 10).items();
        assertThat(ended).singleElement().satisfies(event -> {
            assertThat(event.deployId()).contains(deploy.id());
            assertThat(render.getEvent(event.id()).deployStatus()).contains("succeeded");
        });
        var logs = render.listAllLogs(new LogQuery(OWNER, List.of(CHECKOUT), null, null, null, List.of(), List.of(), 1), 10);
        assertThat(logs).hasSize(3).first().satisfies(line -> assertThat(line.message()).contains("live"));
    }

    @Test
    void errorsComeInRendersErrorBody() {
        assertThatThrownBy(() -> render.getService("srv-nosuchservice0000000")).isInstanceOf(RenderNotFoundException.class);
        assertThatThrownBy(() -> render.triggerDeploy(CHECKOUT, TriggerDeploy.image("docker.io/library/nginx:1")))
                .isInstanceOf(RenderInvalidRequestException.class);
        try (var wrongKey = new RenderClient(RenderApiConfiguration.of(proxy.baseUrl(), "rnd_wrong"), ObjectMapper.getDefault())) {
            assertThatThrownBy(() -> wrongKey.listServices(5)).isInstanceOf(RenderUnauthorizedException.class)
                    .hasMessageContaining("render.api.key");
        }
    }
}
