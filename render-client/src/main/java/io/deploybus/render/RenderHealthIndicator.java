package io.deploybus.render;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The {@code render} entry of {@code /health} and {@code /health/readiness}: whether Render answers
 * at {@code render.api.base-url} and accepts {@code render.api.key}, by the cheapest authenticated
 * read there is ({@code GET /owners?limit=1}, Render's own "validate connection"). One answer stands
 * for {@code render.api.health.interval}, however often readiness is polled.
 *
 * <p>On in a service with {@code render.api.health.enabled: true} (deploy-api and deploy-worker).
 * It is created at start-up, so such a service with an empty {@code render.api.key} does not start.
 */
@Context
@Requires(classes = HealthIndicator.class)
@Requires(property = "render.api.health.enabled", value = StringUtils.TRUE)
final class RenderHealthIndicator implements HealthIndicator {

    static final String NAME = "render";
    private static final Logger LOG = LoggerFactory.getLogger(RenderHealthIndicator.class);

    private final RenderClient probe;
    private final URI baseUrl;
    private final String key;
    private final Duration interval;
    private final ExecutorService executor;
    private final Clock clock;
    private volatile Checked last;

    @Inject
    RenderHealthIndicator(RenderApiConfiguration api, RenderHealthConfiguration health, ObjectMapper objectMapper,
                          @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this(api, health, objectMapper, executor, Clock.systemUTC());
    }

    RenderHealthIndicator(RenderApiConfiguration api, RenderHealthConfiguration health, ObjectMapper objectMapper,
                          ExecutorService executor, Clock clock) {
        // A client of its own with one attempt and no pacing: the shared client's retries, backoff
        // and rate-limit waits (each up to max-backoff) would hold a readiness probe far past its timeout.
        this.probe = new RenderClient(api.withRequestTimeout(health.timeout())
                .withRetries(1, api.initialBackoff(), Duration.ZERO).withPacing(false).withBudgetPerMinute(0), objectMapper);
        this.baseUrl = api.baseUrl();
        this.key = api.key();
        this.interval = health.interval();
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Checked checked = last;
        if (checked != null && checked.standsAt(clock.instant(), interval)) {
            return Publishers.just(checked.result());
        }
        return new AsyncSingleResultPublisher<>(executor, this::current);
    }

    /** Synchronized, so that readiness polled by many at once still asks Render once. */
    synchronized HealthResult current() {
        Checked checked = last;
        Instant now = clock.instant();
        if (checked == null || !checked.standsAt(now, interval)) {
            HealthResult result = check(now);
            if (checked == null || !checked.result().getStatus().equals(result.getStatus())) {
                if (HealthStatus.UP.equals(result.getStatus())) {
                    LOG.info("Render is UP: {}", result.getDetails());
                } else {
                    LOG.warn("Render is DOWN: {}", result.getDetails());
                }
            }
            checked = new Checked(now, result);
            last = checked;
        }
        return checked.result();
    }

    @PreDestroy
    void close() {
        probe.close();
    }

    private HealthResult check(Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", baseUrl.toString());
        details.put("checkedAt", now.toString());
        HealthStatus status = HealthStatus.DOWN;
        try {
            probe.listOwners(null, 1);
            status = HealthStatus.UP;
        } catch (RenderRateLimitedException limited) {
            // Render counts its limits per user, so a 429 means it knew the key; being out of the
            // load balancer would not bring the budget back sooner.
            status = HealthStatus.UP;
            details.put("note", "Render accepted the key but rate-limits it just now (429)");
        } catch (RenderUnauthorizedException rejected) {
            details.put("error", "Render rejected the API key (render.api.key / RENDER_API_KEY): 401");
        } catch (RenderConnectionException | RenderTimeoutException unreachable) {
            details.put("error", "Render unreachable at " + baseUrl + ": " + describe(unreachable));
        } catch (RenderApiException failed) {
            details.put("error", "Render at " + baseUrl + " failed the check: " + describe(failed));
        }
        return HealthResult.builder(NAME, status).details(details).build();
    }

    /** The failure and its cause, as an operator reads it; the key blanked should Render ever echo it. */
    private String describe(RenderApiException failure) {
        String text = failure.getMessage();
        Throwable cause = failure.getCause();
        if (cause != null) {
            text += " (" + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        }
        return key.isBlank() ? text : text.replace(key, "****");
    }

    private record Checked(Instant at, HealthResult result) {
        boolean standsAt(Instant now, Duration interval) {
            return now.isBefore(at.plus(interval));
        }
    }
}
