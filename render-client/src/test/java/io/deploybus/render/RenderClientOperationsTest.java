package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deploybus.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micronaut.serde.ObjectMapper;

class RenderClientOperationsTest {

    private static final String SERVICE_ID = "srv-cq1lk0qj1k4c73e0abcd";

    private final RenderStub render = new RenderStub();
    private final List<Duration> pauses = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final RenderClient client = new RenderClient(RenderApiConfiguration.of(render.baseUrl(), "rnd_test_key"),
            ObjectMapper.getDefault(), pause -> {
                pauses.add(pause);
                clock.advance(pause);
            }, clock);

    @AfterEach
    void stop() {
        client.close();
        render.close();
    }

    @Test
    void deployFiltersAreSentAsRepeatedKeysAndServiceFiltersCommaJoined() {
        render.answer(200, "[]").answer(200, "[]");

        client.listDeploys(SERVICE_ID, DeployFilter.withStatus("queued", "build_in_progress")
                .createdAfter(Instant.parse("2026-03-02T10:00:00Z")), null, 5);
        client.listServices(ServiceFilter.all().withTypes("web_service", "static_site").onlySuspended(false), "abc", 7);

        assertThat(render.received()).extracting(RenderStub.Received::pathAndQuery).containsExactly(
                "/v1/services/" + SERVICE_ID + "/deploys?status=queued&status=build_in_progress"
                        + "&createdAfter=2026-03-02T10%3A00%3A00Z&limit=5",
                "/v1/services?type=web_service%2Cstatic_site&suspended=not_suspended&cursor=abc&limit=7");
    }

    @Test
    void listAllFollowsCursorsUntilAPageIsNotFull() {
        render.answer(200, deploys(100, 0)).answer(200, deploys(3, 100));

        List<RenderDeploy> all = client.listAllDeploys(SERVICE_ID, DeployFilter.all(), 1000);

        assertThat(all).hasSize(103);
        assertThat(render.received().get(1).pathAndQuery()).contains("cursor=cursor-99");
    }

    @Test
    void listAllStopsAtItsCapWithoutAskingForMore() {
        render.answer(200, deploys(100, 0)).answer(200, deploys(100, 100));

        assertThat(client.listAllDeploys(SERVICE_ID, DeployFilter.all(), 150)).hasSize(150);
        assertThat(render.received()).hasSize(2);
    }

    @Test
    void rollbackPostsTheDeployToReturnToAndReadsTheNewDeploy() {
        render.answer(201, "{\"id\":\"dep-new00000000000000000\",\"status\":\"created\",\"trigger\":\"rollback\"}");

        RenderDeploy deploy = client.rollback(SERVICE_ID, "dep-old00000000000000000");

        assertThat(deploy.trigger()).isEqualTo("rollback");
        assertThat(render.received().getFirst().pathAndQuery()).isEqualTo("/v1/services/" + SERVICE_ID + "/rollback");
        assertThat(render.received().getFirst().body()).isEqualTo("{\"deployId\":\"dep-old00000000000000000\"}");
    }

    @Test
    void generatedEnvVarIsAskedForWithoutAValue() {
        render.answer(200, "{\"key\":\"SECRET\",\"value\":\"AvPmamLYqoETjPfT8luXZipSxsMpXSXlw7cXlUAx4Qw=\"}");

        RenderEnvVar generated = client.generateEnvVar(SERVICE_ID, "SECRET");

        assertThat(generated.value()).hasSize(44);
        assertThat(generated.toString()).doesNotContain(generated.value());
        assertThat(render.received().getFirst().body()).isEqualTo("{\"generateValue\":true}");
        assertThat(render.received().getFirst().method()).isEqualTo("PUT");
    }

    @Test
    void envGroupsAreReadFromABareArrayWithNullLists() {
        render.answer(200, "[{\"id\":\"evg-cq1lk0qj1k4c73e0eeee\",\"name\":\"shared\",\"ownerId\":\"tea-x\","
                + "\"createdAt\":\"2026-03-02T10:20:00Z\",\"updatedAt\":\"2026-03-02T10:20:00.1Z\",\"serviceLinks\":null}]");

        List<RenderEnvGroup> groups = client.listEnvGroups(List.of(), 20);

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.serviceLinks()).isEmpty();
            assertThat(group.envVars()).isEmpty();
        });
    }

    @Test
    void timestampsWithZeroToNineFractionDigitsAreRead() {
        render.answer(200, "[{\"id\":\"srv-1\",\"createdAt\":\"2024-11-11T18:49:36Z\"},"
                + "{\"id\":\"srv-2\",\"createdAt\":\"2024-09-03T23:38:57.548501021Z\"},"
                + "{\"id\":\"srv-3\",\"createdAt\":\"2024-09-03T23:38:57.5Z\"}]");

        var instances = client.listInstances(SERVICE_ID);

        assertThat(instances).extracting(RenderInstance::createdAt).containsExactly(
                Instant.parse("2024-11-11T18:49:36Z"), Instant.parse("2024-09-03T23:38:57.548501021Z"),
                Instant.parse("2024-09-03T23:38:57.500Z"));
    }

    @Test
    void clientWaitsForItsWindowToResetWhenRenderSaidNoneIsLeft() {
        render.answer(200, "[]", Map.of("Ratelimit-Remaining", "0", "Ratelimit-Reset", "4")).answer(200, "[]");

        client.listServices(10);
        client.listServices(10);

        assertThat(pauses).containsExactly(Duration.ofSeconds(4));
        assertThat(render.received()).hasSize(2);
    }

    @Test
    void pacingWaitLongerThanMaxBackoffIsLeftToTheCallerWithoutSending() {
        render.answer(200, "[]", Map.of("Ratelimit-Remaining", "0", "Ratelimit-Reset", "50"));
        client.listServices(10);

        var failure = catchThrowableOfType(RenderRateLimitedException.class, () -> client.listServices(10));

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(50));
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void anExhaustedReadWindowDoesNotHoldBackADeploy() {
        render.answer(200, "[]", Map.of("Ratelimit-Remaining", "0", "Ratelimit-Reset", "50"))
                .answer(202, "");
        client.listServices(10);

        assertThat(client.triggerDeploy(SERVICE_ID, TriggerDeploy.latest())).isEmpty();
        assertThat(pauses).isEmpty();
    }

    private static String deploys(int count, int from) {
        var items = new ArrayList<String>();
        for (int i = from; i < from + count; i++) {
            items.add("{\"cursor\":\"cursor-" + i + "\",\"deploy\":{\"id\":\"dep-" + i + "\",\"status\":\"live\"}}");
        }
        return "[" + String.join(",", items) + "]";
    }
}
