package io.deploybus.render;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * A typed client of the Render REST API v1 ({@code render.api.*}, see {@link RenderApiConfiguration}).
 *
 * <p>Every method blocks until Render answers and either returns what Render sent or throws a
 * {@link RenderApiException} subtype named after what went wrong. Failures that may pass
 * ({@link RenderRetriableException}) are retried a few times with exponential backoff and jitter,
 * honouring {@code Retry-After}; see {@link RenderApiConfiguration#maxAttempts()}. A trigger is
 * retried only when Render certainly did not act on it.
 *
 * <p>Outside a Micronaut context: {@code new RenderClient(RenderApiConfiguration.of(url, key),
 * ObjectMapper.getDefault())}, and {@link #close()} it when done.
 */
@Singleton
public class RenderClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenderClient.class);
    private static final int MAX_LIMIT = 100;

    private final RenderApiConfiguration configuration;
    private final ObjectMapper objectMapper;
    private final RenderErrorDecoder errors;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final String root;

    @Inject
    public RenderClient(RenderApiConfiguration configuration, ObjectMapper objectMapper) {
        this(configuration, objectMapper, Sleeper.THREAD);
    }

    RenderClient(RenderApiConfiguration configuration, ObjectMapper objectMapper, Sleeper sleeper) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
        this.errors = new RenderErrorDecoder(objectMapper, Clock.systemUTC());
        this.retryPolicy = RetryPolicy.from(configuration);
        this.sleeper = sleeper;
        this.root = configuration.baseUrl().toString().replaceAll("/+$", "");
        // HTTP/1.1: over plain http (the emulator) the JDK would otherwise try an h2c upgrade on every
        // connection, and Render's rate limits keep traffic far below where HTTP/2 would matter.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(configuration.connectTimeout())
                .build();
    }

    /**
     * {@code GET /services/{serviceId}}.
     *
     * @throws RenderNotFoundException when there is no such service
     */
    public RenderService getService(String serviceId) {
        return read(get("/services/" + segment(serviceId, "serviceId")), Argument.of(RenderService.class));
    }

    /** {@code GET /services?limit=}: the newest services, one page, without Render's cursor wrappers. */
    public List<RenderService> listServices(int limit) {
        var items = read(get("/services?limit=" + checkLimit(limit)), Argument.listOf(ListItems.ServiceItem.class));
        return items.stream().filter(Objects::nonNull).map(ListItems.ServiceItem::service)
                .filter(Objects::nonNull).toList();
    }

    /**
     * {@code POST /services/{serviceId}/deploys}.
     *
     * @return the deploy Render created (201), or empty when Render accepted the request without
     *         creating the deploy yet (202, for example behind a deploy in progress); it then appears
     *         in {@link #listDeploys} with status {@code queued}
     */
    public Optional<RenderDeploy> triggerDeploy(String serviceId, TriggerDeploy request) {
        Objects.requireNonNull(request, "request");
        var response = post("/services/" + segment(serviceId, "serviceId") + "/deploys", write(request));
        if (response.statusCode() == 202 || response.body().length == 0) {
            return Optional.empty();
        }
        return Optional.of(read(response, Argument.of(RenderDeploy.class)));
    }

    /**
     * {@code GET /services/{serviceId}/deploys/{deployId}}.
     *
     * @throws RenderNotFoundException when there is no such service or deploy
     */
    public RenderDeploy getDeploy(String serviceId, String deployId) {
        return read(get("/services/" + segment(serviceId, "serviceId") + "/deploys/" + segment(deployId, "deployId")),
                Argument.of(RenderDeploy.class));
    }

    /** {@code GET /services/{serviceId}/deploys?limit=}: the newest deploys first, one page. */
    public List<RenderDeploy> listDeploys(String serviceId, int limit) {
        var items = read(get("/services/" + segment(serviceId, "serviceId") + "/deploys?limit=" + checkLimit(limit)),
                Argument.listOf(ListItems.DeployItem.class));
        return items.stream().filter(Objects::nonNull).map(ListItems.DeployItem::deploy)
                .filter(Objects::nonNull).toList();
    }

    /** Releases the HTTP client's connections and threads. */
    @PreDestroy
    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<byte[]> get(String pathAndQuery) {
        return exchange(request(pathAndQuery).GET().build(), true);
    }

    private HttpResponse<byte[]> post(String path, byte[] body) {
        var request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return exchange(request, false);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        var builder = HttpRequest.newBuilder(URI.create(root + pathAndQuery))
                .timeout(configuration.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "deploybus-render-client");
        if (configuration.key() != null && !configuration.key().isBlank()) {
            builder.header("Authorization", "Bearer " + configuration.key());
        }
        return builder;
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return exchangeOnce(request);
            } catch (RenderRetriableException failure) {
                Optional<Duration> delay = retryPolicy.delayAfter(attempt, failure, idempotent);
                if (delay.isEmpty()) {
                    throw failure;
                }
                LOG.debug("{} {} failed on attempt {} ({}), retrying in {} ms", request.method(), pathOf(request),
                        attempt, failure.getClass().getSimpleName(), delay.get().toMillis());
                pause(delay.get(), failure);
            }
        }
    }

    private HttpResponse<byte[]> exchangeOnce(HttpRequest request) {
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException notConnected) {
            throw new RenderConnectionException(describe(request), notConnected, false);
        } catch (HttpTimeoutException timeout) {
            throw new RenderTimeoutException(describe(request), timeout);
        } catch (IOException broken) {
            throw new RenderConnectionException(describe(request), broken, true);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            // Not retriable: whoever interrupted the thread wants it to stop, not to try again.
            throw new RenderApiException("Interrupted while waiting for Render to " + describe(request),
                    RenderApiException.NO_RESPONSE, null, null, interrupted);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms (Render-Request-Id {})", request.method(), pathOf(request),
                    response.statusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    response.headers().firstValue("Render-Request-Id").orElse("-"));
        }
        if (response.statusCode() >= 300) {
            throw errors.decode(response.statusCode(), response.headers(), response.body());
        }
        return response;
    }

    private void pause(Duration delay, RenderRetriableException failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private <T> T read(HttpResponse<byte[]> response, Argument<T> type) {
        String requestId = response.headers().firstValue("Render-Request-Id").orElse(null);
        try {
            T value = objectMapper.readValue(response.body(), type);
            if (value == null) {
                throw new IOException("empty body");
            }
            return value;
        } catch (IOException | RuntimeException unreadable) {
            throw new RenderApiException("Render answered with a body that is not the expected " + type.getTypeName(),
                    response.statusCode(), null, requestId, unreadable);
        }
    }

    private byte[] write(Object body) {
        try {
            return objectMapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    private static String segment(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + pathOf(request);
    }

    private static String pathOf(HttpRequest request) {
        URI uri = request.uri();
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** How the client waits between attempts; tests replace it to not wait. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD = delay -> TimeUnit.NANOSECONDS.sleep(delay.toNanos());

        void sleep(Duration delay) throws InterruptedException;
    }
}
