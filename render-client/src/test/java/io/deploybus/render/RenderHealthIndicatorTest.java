package io.deploybus.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.deploybus.testkit.ManualClock;
import io.deploybus.testkit.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.serde.ObjectMapper;

class RenderHealthIndicatorTest {

    private static final String KEY = "rnd_health_check_key";
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final RenderStub render = new RenderStub();
    private final ManualClock clock = new ManualClock();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private RenderHealthIndicator indicator = indicatorFor(render.baseUrl(), Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        indicator.close();
        render.close();
        executor.shutdownNow();
    }

    @Test
    void renderThatAcceptsTheKeyIsUpAfterOneCheapAuthenticatedRead() {
        render.answer(200, "[]");

        HealthResult result = Mono.from(indicator.getResult()).block(Duration.ofSeconds(10));

        assertThat(result.getName()).isEqualTo("render");
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("url", render.baseUrl().toString());
        assertThat(render.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.pathAndQuery()).isEqualTo("/v1/owners?limit=1");
            assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
        });
    }

    @Test
    void rejectedKeyIsDownNamingThePropertyAndTheVariableButNeverTheKey() {
        render.answer(401, "{\"message\":\"unauthorized " + KEY + "\"}");

        HealthResult result = indicator.current();

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result).get("error")).asString()
                .isEqualTo("Render rejected the API key (render.api.key / RENDER_API_KEY): 401");
        assertThat(details(result).toString()).doesNotContain(KEY);
    }

    @Test
    void renderThatCannotBeReachedIsDownNamingTheUrl() {
        URI nowhere = URI.create("http://127.0.0.1:" + Ports.free() + "/v1");
        indicator.close();
        indicator = indicatorFor(nowhere, Duration.ofSeconds(5));

        HealthResult result = indicator.current();

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result).get("error")).asString().startsWith("Render unreachable at " + nowhere + ": ");
    }

    @Test
    void renderThatDoesNotAnswerIsDownWithinTheCheckTimeoutWithoutRetrying() {
        indicator.close();
        indicator = indicatorFor(render.baseUrl(), Duration.ofMillis(300));
        render.hang();

        long started = System.nanoTime();
        HealthResult result = indicator.current();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result).get("error")).asString().startsWith("Render unreachable at ");
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void serverErrorIsDownAfterOneAttempt() {
        render.answer(503, "{\"message\":\"maintenance\"}");

        HealthResult result = indicator.current();

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result).get("error")).asString().contains("503").contains("maintenance");
        assertThat(render.received()).hasSize(1);
    }

    @Test
    void rateLimitedKeyIsStillUpBecauseRenderKnewIt() {
        render.answer(429, "{\"message\":\"rate limited\"}", Map.of("Retry-After", "30"));

        assertThat(indicator.current().getStatus()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void renderIsAskedAtMostOncePerInterval() {
        render.answer(200, "[]").answer(401, "{}");

        assertThat(indicator.current().getStatus()).isEqualTo(HealthStatus.UP);
        clock.advance(INTERVAL.minusSeconds(1));
        assertThat(Mono.from(indicator.getResult()).block(Duration.ofSeconds(10)).getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(render.received()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(indicator.current().getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(render.received()).hasSize(2);
    }

    @Test
    void serviceThatEnablesTheCheckWithAnEmptyKeyDoesNotStartAndSaysWhichKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("render.api.health.enabled", "true", "render.api.key", "")).close())
                .hasStackTraceContaining("render.api.key").hasStackTraceContaining("RENDER_API_KEY");
    }

    @Test
    void withoutTheSwitchThereIsNoRenderCheck() {
        try (var context = ApplicationContext.run(Map.of("render.api.key", KEY))) {
            assertThat(context.getBeansOfType(HealthIndicator.class)).noneMatch(RenderHealthIndicator.class::isInstance);
        }
    }

    private RenderHealthIndicator indicatorFor(URI baseUrl, Duration timeout) {
        return new RenderHealthIndicator(RenderApiConfiguration.of(baseUrl, KEY), new RenderHealthConfiguration(INTERVAL, timeout),
                ObjectMapper.getDefault(), executor, clock);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }
}
