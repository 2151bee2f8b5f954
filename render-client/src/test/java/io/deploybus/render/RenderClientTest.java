package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.micronaut.serde.ObjectMapper;

class RenderClientTest {

    private static final String SERVICE = """
            {
              "id": "srv-cq1lk0qj1k4c73e0abcd",
              "name": "billing-api",
              "ownerId": "tea-cq1lk0qj1k4c73e0tttt",
              "type": "web_service",
              "repo": "https://github.com/acme/billing-api",
              "branch": "main",
              "autoDeploy": "yes",
              "autoDeployTrigger": "commit",
              "rootDir": "",
              "slug": "billing-api",
              "suspended": "not_suspended",
              "suspenders": [],
              "notifyOnFail": "default",
              "dashboardUrl": "https://dashboard.render.com/web/srv-cq1lk0qj1k4c73e0abcd",
              "createdAt": "2026-03-02T10:15:04.112233Z",
              "updatedAt": "2026-03-02T10:15:05.001122Z",
              "registryCredential": null,
              "someFieldRenderAddsLater": {"nested": [1, 2, 3]},
              "serviceDetails": {
                "env": "node", "runtime": "node", "buildPlan": "starter", "plan": "starter",
                "region": "oregon", "numInstances": 1, "healthCheckPath": "/healthz",
                "openPorts": [{"port": 10000, "protocol": "TCP"}],
                "url": "https://billing-api.onrender.com",
                "envSpecificDetails": {"buildCommand": "npm ci", "startCommand": "npm start"},
                "maintenanceMode": {"enabled": false, "uri": ""}
              }
            }""";

    private static final String IMAGE_DEPLOY = """
            {"id":"dep-ct6vmk5j0q5s700ckeeg","commit":null,
             "image":{"ref":"docker.io/library/nginx:latest","sha":"sha256:abc"},
             "status":"update_in_progress","trigger":"api",
             "createdAt":"2024-09-03T23:38:57.548501021Z","updatedAt":"2024-09-03T23:38:57.548501021Z",
             "finishedAt":null}""";

    private final RenderStub render = new RenderStub();
    private final List<Duration> pauses = new ArrayList<>();
    private final RenderClient client = new RenderClient(RenderApiConfiguration.of(render.baseUrl(), "rnd_test_key"),
            ObjectMapper.getDefault(), pauses::add);

    @AfterEach
    void stop() {
        client.close();
        render.close();
    }

    @Test
    void serviceIsReadWithUnknownFieldsIgnoredAndNullsAccepted() {
        render.answer(200, SERVICE);

        RenderService service = client.getService("srv-cq1lk0qj1k4c73e0abcd");

        assertThat(service.id()).isEqualTo("srv-cq1lk0qj1k4c73e0abcd");
        assertThat(service.name()).isEqualTo("billing-api");
        assertThat(service.type()).isEqualTo("web_service");
        assertThat(service.isSuspended()).isFalse();
        assertThat(service.url()).contains("https://billing-api.onrender.com");
        assertThat(service.healthCheckPath()).contains("/healthz");
        assertThat(service.createdAt()).isEqualTo(Instant.parse("2026-03-02T10:15:04.112233Z"));
        assertThat(render.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.pathAndQuery()).isEqualTo("/v1/services/srv-cq1lk0qj1k4c73e0abcd");
            assertThat(request.authorization()).isEqualTo("Bearer rnd_test_key");
        });
    }

    @Test
    void suspendedServiceWithoutRepoOrHealthCheckIsRead() {
        render.answer(200, """
                {"id":"srv-ct6vmjtj0q5s700ckea0","name":"worker","type":"background_worker",
                 "imagePath":"docker.io/library/nginx:latest","suspended":"suspended","suspenders":["user"],
                 "serviceDetails":{"healthCheckPath":"","url":null}}""");

        RenderService service = client.getService("srv-ct6vmjtj0q5s700ckea0");

        assertThat(service.isSuspended()).isTrue();
        assertThat(service.suspenders()).containsExactly("user");
        assertThat(service.repo()).isNull();
        assertThat(service.imagePath()).isEqualTo("docker.io/library/nginx:latest");
        assertThat(service.healthCheckPath()).isEmpty();
        assertThat(service.url()).isEmpty();
    }

    @Test
    void listOfServicesIsUnwrappedFromCursorItems() {
        render.answer(200, "[{\"cursor\":\"LLUBv6QtETNs\",\"service\":" + SERVICE + "},"
                + "{\"cursor\":\"MMUBv6QtETNs\",\"service\":{\"id\":\"srv-ct6vmjtj0q5s700ckea0\",\"name\":\"other\"}}]");

        List<RenderService> services = client.listServices(20);

        assertThat(services).extracting(RenderService::id)
                .containsExactly("srv-cq1lk0qj1k4c73e0abcd", "srv-ct6vmjtj0q5s700ckea0");
        assertThat(render.received().getFirst().pathAndQuery()).isEqualTo("/v1/services?limit=20");
    }

    @Test
    void limitOutsideRendersRangeIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.listServices(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listDeploys("srv-cq1lk0qj1k4c73e0abcd", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(render.received()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "2024-11-11T18:49:36Z",
            "2024-11-11T18:49:36.5Z",
            "2024-11-11T18:49:36.548Z",
            "2024-11-11T18:49:36.548501Z",
            "2024-11-11T18:49:36.548501021Z"})
    void timestampsWithZeroToNineFractionalDigitsAreRead(String timestamp) {
        render.answer(200, "{\"id\":\"dep-ct6vmk5j0q5s700ckeeg\",\"status\":\"live\",\"createdAt\":\"" + timestamp
                + "\",\"commit\":{\"id\":\"a0f6\",\"message\":\"fix\",\"createdAt\":\"" + timestamp + "\"}}");

        RenderDeploy deploy = client.getDeploy("srv-cq1lk0qj1k4c73e0abcd", "dep-ct6vmk5j0q5s700ckeeg");

        assertThat(deploy.createdAt()).isEqualTo(Instant.parse(timestamp));
        assertThat(deploy.commit().createdAt()).isEqualTo(Instant.parse(timestamp));
    }

    @Test
    void imageDeployHasNoCommitAndIsNotFinished() {
        render.answer(200, IMAGE_DEPLOY);

        RenderDeploy deploy = client.getDeploy("srv-cq1lk0qj1k4c73e0abcd", "dep-ct6vmk5j0q5s700ckeeg");

        assertThat(deploy.commit()).isNull();
        assertThat(deploy.finishedAt()).isNull();
        assertThat(deploy.image().ref()).isEqualTo("docker.io/library/nginx:latest");
        assertThat(deploy.isTerminal()).isFalse();
        assertThat(render.received().getFirst().pathAndQuery())
                .isEqualTo("/v1/services/srv-cq1lk0qj1k4c73e0abcd/deploys/dep-ct6vmk5j0q5s700ckeeg");
    }

    @Test
    void deployStatusRenderHasNotInventedYetIsKeptAsIs() {
        render.answer(200, "{\"id\":\"dep-ct6vmk5j0q5s700ckeeg\",\"status\":\"teleport_in_progress\","
                + "\"trigger\":\"something_new\"}");

        RenderDeploy deploy = client.getDeploy("srv-cq1lk0qj1k4c73e0abcd", "dep-ct6vmk5j0q5s700ckeeg");

        assertThat(deploy.status()).isEqualTo("teleport_in_progress");
        assertThat(deploy.trigger()).isEqualTo("something_new");
        assertThat(deploy.isTerminal()).isFalse();
    }

    @Test
    void listOfDeploysIsUnwrappedInRendersOrder() {
        render.answer(200, "[{\"cursor\":\"a\",\"deploy\":" + IMAGE_DEPLOY + "},"
                + "{\"cursor\":\"b\",\"deploy\":{\"id\":\"dep-older000000000000000\",\"status\":\"deactivated\"}}]");

        List<RenderDeploy> deploys = client.listDeploys("srv-cq1lk0qj1k4c73e0abcd", 5);

        assertThat(deploys).extracting(RenderDeploy::id)
                .containsExactly("dep-ct6vmk5j0q5s700ckeeg", "dep-older000000000000000");
        assertThat(deploys.get(1).isTerminal()).isTrue();
        assertThat(render.received().getFirst().pathAndQuery())
                .isEqualTo("/v1/services/srv-cq1lk0qj1k4c73e0abcd/deploys?limit=5");
    }

    @Test
    void triggerReturnsTheDeployRenderCreated() {
        render.answer(201, IMAGE_DEPLOY);

        var deploy = client.triggerDeploy("srv-cq1lk0qj1k4c73e0abcd", TriggerDeploy.latest());

        assertThat(deploy).get().extracting(RenderDeploy::id).isEqualTo("dep-ct6vmk5j0q5s700ckeeg");
        assertThat(render.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.pathAndQuery()).isEqualTo("/v1/services/srv-cq1lk0qj1k4c73e0abcd/deploys");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo("{}");
        });
    }

    @Test
    void triggerSendsOnlyTheFieldsThatAreSet() {
        render.answer(201, IMAGE_DEPLOY);

        client.triggerDeploy("srv-cq1lk0qj1k4c73e0abcd", TriggerDeploy.commit("a0f6c1").clearingCache());

        assertThat(render.received().getFirst().body()).isEqualTo("{\"clearCache\":\"clear\",\"commitId\":\"a0f6c1\"}");
    }

    @Test
    void triggerAcceptedWithoutADeployYetReturnsEmpty() {
        render.answer(202, "");

        var deploy = client.triggerDeploy("srv-cq1lk0qj1k4c73e0abcd", TriggerDeploy.latest());

        assertThat(deploy).isEmpty();
    }

    @Test
    void bodyThatIsNotTheExpectedJsonIsAnApiException() {
        render.answer(200, "<html>gateway</html>");

        assertThatThrownBy(() -> client.getService("srv-cq1lk0qj1k4c73e0abcd"))
                .isExactlyInstanceOf(RenderApiException.class)
                .hasMessageContaining("not the expected");
    }
}
