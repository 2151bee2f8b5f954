package io.deploybus.emulator;

import static io.deploybus.emulator.SeededServices.CHECKOUT;
import static io.deploybus.emulator.SeededServices.STOREFRONT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The emulator's HTTP surface, byte for byte where Render's clients depend on it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderWireFormatTest {

    private static final String KEY = "rnd_local_emulator_key";
    private static final String BEARER = "Bearer " + KEY;

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    EmulatorControl control;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void backToTheSeed() {
        control.reset();
    }

    @AfterAll
    void closeClient() {
        http.close();
    }

    @Test
    void servicesAreListedInCursorWrappersAndTheCursorLeadsToTheNextPage() throws Exception {
        List<String> ids = new ArrayList<>();
        String query = "?limit=2";
        for (int page = 0; page < 5; page++) {
            JsonNode items = body(get("/v1/services" + query, BEARER));
            if (items.size() == 0) {
                break;
            }
            for (JsonNode item : items.values()) {
                ids.add(item.get("service").get("id").getStringValue());
            }
            query = "?limit=2&cursor=" + items.get(items.size() - 1).get("cursor").getStringValue();
        }

        assertThat(ids).containsExactlyElementsOf(SeededServices.ALL_NEWEST_FIRST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101"})
    void limitOutsideOneToHundredIsRefusedInRendersErrorBody(String limit) throws Exception {
        var response = get("/v1/services?limit=" + limit, BEARER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).get("message").getStringValue()).isEqualTo("limit must be between 1 and 100");
    }

    @Test
    void runningImageDeploySendsExplicitNullsForCommitAndFinishedAt() throws Exception {
        var response = post("/v1/services/" + STOREFRONT + "/deploys", "{}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode deploy = body(response);
        assertThat(deploy.get("commit").isNull()).isTrue();
        assertThat(deploy.get("finishedAt").isNull()).isTrue();
        assertThat(deploy.get("id").getStringValue()).matches("dep-[0-9a-v]{20}");
        assertThat(deploy.get("createdAt").getStringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(deploy.get("image").get("ref").getStringValue()).isEqualTo("docker.io/library/nginx:1.27");
    }

    @Test
    void gitServiceLeavesOutImagePathAndImageServiceLeavesOutRepo() throws Exception {
        JsonNode git = body(get("/v1/services/" + CHECKOUT, BEARER));
        JsonNode image = body(get("/v1/services/" + STOREFRONT, BEARER));

        assertThat(git.get("imagePath")).isNull();
        assertThat(git.get("repo").getStringValue()).isEqualTo("https://github.com/deploybus-demo/checkout-api");
        assertThat(git.get("suspenders").size()).isZero();
        assertThat(git.get("rootDir").getStringValue()).isEmpty();
        assertThat(image.get("repo")).isNull();
        assertThat(image.get("imagePath").getStringValue()).isEqualTo("docker.io/library/nginx:1.27");
    }

    @Test
    void everyApiResponseCarriesARequestIdAndRateLimitHeaders() throws Exception {
        var first = get("/v1/services/" + CHECKOUT, BEARER);
        var second = get("/v1/services/srv-nosuchservice0000000", BEARER);

        for (var response : List.of(first, second)) {
            assertThat(response.headers().firstValue("Render-Request-Id")).isPresent();
            assertThat(response.headers().firstValue("Ratelimit-Limit")).contains("400");
            assertThat(response.headers().firstValue("Ratelimit-Remaining")).isPresent();
            assertThat(response.headers().firstValue("Ratelimit-Reset")).isPresent();
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json; charset=utf-8");
        }
        assertThat(first.headers().firstValue("Render-Request-Id"))
                .isNotEqualTo(second.headers().firstValue("Render-Request-Id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer rnd_wrong", "Basic cm5kX2xvY2FsX2VtdWxhdG9yX2tleQ==", "rnd_local_emulator_key"})
    void missingOrWrongKeyIsUnauthorizedInRendersErrorBody(String authorization) throws Exception {
        var response = get("/v1/services", authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(response).get("message").getStringValue()).isNotBlank();
        assertThat(response.headers().firstValue("Render-Request-Id")).isPresent();
    }

    @Test
    void unknownServiceIsNotFoundAsRenderWordsIt() throws Exception {
        var response = get("/v1/services/srv-nosuchservice0000000/deploys", BEARER);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).get("message").getStringValue()).isEqualTo("not found: srv-nosuchservice0000000");
    }

    @Test
    void secondTriggerIsAcceptedWithAnEmptyBodyAndListedAsQueued() throws Exception {
        assertThat(post("/v1/services/" + CHECKOUT + "/deploys", "{}").statusCode()).isEqualTo(201);

        var second = post("/v1/services/" + CHECKOUT + "/deploys", "{\"clearCache\":\"do_not_clear\"}");

        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEmpty();
        JsonNode queued = body(get("/v1/services/" + CHECKOUT + "/deploys?status=queued&limit=1", BEARER));
        assertThat(queued.size()).isEqualTo(1);
        assertThat(queued.get(0).get("deploy").get("status").getStringValue()).isEqualTo("queued");
        assertThat(body(get("/v1/services/" + CHECKOUT + "/deploys?status=created,queued", BEARER)).size()).isEqualTo(2);
    }

    @Test
    void bodyThatIsNotJsonIsABadRequestInRendersErrorBody() throws Exception {
        var response = post("/v1/services/" + CHECKOUT + "/deploys", "not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).get("message").getStringValue()).isNotBlank();
    }

    @Test
    void requestLogListsApiRequestsButNeverTheirKey() throws Exception {
        get("/v1/services?limit=3", BEARER);
        get("/v1/services", "Bearer rnd_wrong");

        var log = get("/_emulator/requests", "");

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.body()).doesNotContain(KEY).doesNotContain("rnd_wrong");
        JsonNode requests = body(log);
        assertThat(requests.size()).isEqualTo(2);
        assertThat(requests.get(0).get("method").getStringValue()).isEqualTo("GET");
        assertThat(requests.get(0).get("path").getStringValue()).isEqualTo("/v1/services");
        assertThat(requests.get(0).get("query").getStringValue()).isEqualTo("limit=3");
        assertThat(requests.get(0).get("authorized").getBooleanValue()).isTrue();
        assertThat(requests.get(1).get("authorized").getBooleanValue()).isFalse();
    }

    @Test
    void resetBringsBackTheSeededDeploysOnly() throws Exception {
        post("/v1/services/" + CHECKOUT + "/deploys", "{}");

        var reset = http.send(HttpRequest.newBuilder(uri("/_emulator/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reset.statusCode()).isEqualTo(204);
        JsonNode deploys = body(get("/v1/services/" + CHECKOUT + "/deploys", BEARER));
        assertThat(deploys.size()).isEqualTo(1);
        assertThat(deploys.get(0).get("deploy").get("status").getStringValue()).isEqualTo("live");
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        request.header("Authorization", BEARER);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), JsonNode.class);
    }
}
