package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.deploybus.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.micronaut.serde.ObjectMapper;

class RenderClientErrorsTest {

    private static final String SERVICE_ID = "srv-cq1lk0qj1k4c73e0abcd";
    private static final String DEPLOY = "{\"id\":\"dep-ct6vmk5j0q5s700ckeeg\",\"status\":\"created\"}";

    private final RenderStub render = new RenderStub();
    private final List<Duration> pauses = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private RenderClient client = clientOf(RenderApiConfiguration.of(render.baseUrl(), "rnd_test_key"));

    @AfterEach
    void stop() {
        client.close();
        render.close();
    }

    @ParameterizedTest
    @CsvSource({
            "400, io.deploybus.render.RenderInvalidRequestException",
            "401, io.deploybus.render.RenderUnauthorizedException",
            "403, io.deploybus.render.RenderForbiddenException",
            "404, io.deploybus.render.RenderNotFoundException",
            "409, io.deploybus.render.RenderConflictException",
            "410, io.deploybus.render.RenderApiException",
            "422, io.deploybus.render.RenderInvalidRequestException"})
    void clientErrorIsTheExceptionNamedAfterItsCondition(int status, Class<?> expected) {
        render.answer(status, "{\"id\":\"some_id\",\"message\":\"what Render said\"}");

        var failure = catchThrowableOfType(RenderApiException.class, () -> client.getService(SERVICE_ID));

        assertThat(failure).isExactlyInstanceOf(expected).isNotInstanceOf(RenderRetriableException.class);
        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.renderMessage()).contains("what Render said");
        assertThat(failure.requestId()).contains("stub-request-" + status);
        assertThat(failure.getMessage()).contains("what Render said").contains("stub-request-" + status);
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void unauthorizedNamesTheApiKeyAndNeverShowsIt() {
        render.answer(401, "{\"message\":\"unauthorized\"}");

        assertThatThrownBy(() -> client.getService(SERVICE_ID))
                .isInstanceOf(RenderUnauthorizedException.class)
                .hasMessageContaining("API key")
                .hasMessageContaining("render.api.key")
                .hasMessageNotContaining("rnd_test_key");
    }

    @Test
    void errorBodyThatIsNotRendersJsonIsKeptAsTheMessage() {
        render.answer(404, "not found\n");

        var failure = catchThrowableOfType(RenderNotFoundException.class, () -> client.getService(SERVICE_ID));

        assertThat(failure.renderMessage()).contains("not found");
    }

    @Test
    void readIsRetriedAfterAServerErrorAndSucceeds() {
        render.answer(503, "").answer(200, "{\"id\":\"" + SERVICE_ID + "\"}");

        RenderService service = client.getService(SERVICE_ID);

        assertThat(service.id()).isEqualTo(SERVICE_ID);
        assertThat(render.received()).hasSize(2);
        assertThat(pauses).singleElement().satisfies(pause ->
                assertThat(pause).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
    }

    @Test
    void readGivesUpAfterTheConfiguredAttemptsWithTheLastFailure() {
        render.answer(500, "{\"message\":\"a\"}").answer(502, "{\"message\":\"b\"}").answer(503, "{\"message\":\"c\"}")
                .answer(200, "{\"id\":\"" + SERVICE_ID + "\"}");

        var failure = catchThrowableOfType(RenderServerException.class, () -> client.getService(SERVICE_ID));

        assertThat(failure.status()).isEqualTo(503);
        assertThat(render.received()).hasSize(3);
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void triggerIsNotSentAgainAfterAServerErrorBecauseRenderMayHaveActed() {
        render.answer(500, "{\"message\":\"oops\"}").answer(201, DEPLOY);

        assertThatThrownBy(() -> client.triggerDeploy(SERVICE_ID, TriggerDeploy.latest()))
                .isInstanceOf(RenderServerException.class);
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void rateLimitedTriggerIsSentAgainAfterRetryAfter() {
        render.answer(429, "{\"message\":\"Rate limit has been surpassed.\"}", Map.of("Retry-After", "2"))
                .answer(201, DEPLOY);

        var deploy = client.triggerDeploy(SERVICE_ID, TriggerDeploy.latest());

        assertThat(deploy).isPresent();
        assertThat(render.received()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void rateLimitWithoutRetryAfterWaitsForRatelimitReset() {
        render.answer(429, "{}", Map.of("Ratelimit-Reset", "3", "Ratelimit-Remaining", "0")).answer(200, "[]");

        client.listServices(10);

        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void rateLimitLongerThanMaxBackoffIsLeftToTheCaller() {
        render.answer(429, "{}", Map.of("Retry-After", "45")).answer(200, "[]");

        var failure = catchThrowableOfType(RenderRateLimitedException.class, () -> client.listServices(10));

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(45));
        assertThat(render.received()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        client.close();
        client = clientOf(RenderApiConfiguration.of(render.baseUrl(), "rnd_test_key")
                .withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(1)));
        render.answer(503, "").answer(200, "[]");

        assertThatThrownBy(() -> client.listServices(10)).isInstanceOf(RenderServerException.class);
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void noAnswerInTimeIsATimeoutAndATriggerIsNotSentAgain() {
        client.close();
        var configuration = RenderApiConfiguration.of(render.baseUrl(), "rnd_test_key");
        client = clientOf(new RenderApiConfiguration(configuration.baseUrl(), configuration.key(),
                Duration.ofMillis(300), configuration.connectTimeout(), 3, Duration.ofMillis(10), Duration.ofSeconds(1), true, 0));
        render.hang();

        assertThatThrownBy(() -> client.triggerDeploy(SERVICE_ID, TriggerDeploy.latest()))
                .isInstanceOf(RenderTimeoutException.class)
                .isInstanceOf(RenderRetriableException.class);
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void renderThatCannotBeReachedIsRetriableAndATriggerIsTriedAgain() throws IOException {
        client.close();
        client = clientOf(RenderApiConfiguration.of(URI.create("http://127.0.0.1:" + unusedPort() + "/v1"), "k"));

        var failure = catchThrowableOfType(RenderConnectionException.class,
                () -> client.triggerDeploy(SERVICE_ID, TriggerDeploy.latest()));

        assertThat(failure.mayHaveReachedRender()).isFalse();
        assertThat(pauses).hasSize(2);
    }

    private RenderClient clientOf(RenderApiConfiguration configuration) {
        return new RenderClient(configuration, ObjectMapper.getDefault(), pause -> {
            pauses.add(pause);
            clock.advance(pause);
        }, clock);
    }

    private static int unusedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
