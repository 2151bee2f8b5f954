package io.deploybus.render;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

/**
 * The exchanges of {@link RenderClient} with Render: authentication, pacing, retries, error
 * decoding and debug logging (method, path and query, status, time, {@code Render-Request-Id};
 * never a header, so never the key).
 */
final class RenderHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenderClient.class);

    private final RenderApiConfiguration configuration;
    private final ObjectMapper objectMapper;
    private final RenderErrorDecoder errors;
    private final RetryPolicy retryPolicy;
    private final RatePacer pacer;
    private final RenderClient.Sleeper sleeper;
    private final HttpClient http;
    private final String root;

    RenderHttp(RenderApiConfiguration configuration, ObjectMapper objectMapper, RenderClient.Sleeper sleeper, Clock clock) {
        this.configuration = configuration;
        this.objectMapper = objectMapper;
        this.errors = new RenderErrorDecoder(objectMapper, clock);
        this.retryPolicy = RetryPolicy.from(configuration);
        this.pacer = new RatePacer(clock, configuration.pacing(), configuration.budgetPerMinute());
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
     * Sends a request, retrying as {@link RetryPolicy} allows.
     *
     * @param body       JSON to send, or {@code null} for none
     * @param idempotent whether sending it twice is harmless
     */
    HttpResponse<byte[]> send(String method, String pathAndQuery, @Nullable Object body, boolean idempotent) {
        var builder = HttpRequest.newBuilder(URI.create(root + pathAndQuery))
                .timeout(configuration.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "deploybus-render-client");
        if (configuration.key() != null && !configuration.key().isBlank()) {
            builder.header("Authorization", "Bearer " + configuration.key());
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        return exchange(builder.build(), idempotent);
    }

    <T> T read(HttpResponse<byte[]> response, Argument<T> type) {
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

    @Override
    public void close() {
        http.close();
    }

    private byte[] write(Object body) {
        try {
            return objectMapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, boolean idempotent) {
        String bucket = RatePacer.bucketOf(request.method(), request.uri(), root);
        for (int attempt = 1; ; attempt++) {
            try {
                awaitPace(request, bucket);
                return exchangeOnce(request, bucket);
            } catch (RenderRetriableException failure) {
                Optional<Duration> delay = retryPolicy.delayAfter(attempt, failure, idempotent);
                if (delay.isEmpty()) {
                    throw failure;
                }
                LOG.debug("{} failed on attempt {} ({}), retrying in {} ms", describe(request), attempt,
                        failure.getClass().getSimpleName(), delay.get().toMillis());
                pause(delay.get(), failure);
            }
        }
    }

    /** Waits for a slot of the request's rate-limit window, or refuses at once if that takes too long. */
    private void awaitPace(HttpRequest request, String bucket) {
        Duration wait = pacer.reserve(bucket);
        if (wait.isZero()) {
            return;
        }
        var limited = new RenderRateLimitedException("the client's own pacing: the " + bucket
                + " window of Render's rate limit is used up", null, wait);
        if (wait.compareTo(configuration.maxBackoff()) > 0) {
            throw limited;
        }
        LOG.debug("{} paced: waiting {} ms for Render's {} window", describe(request), wait.toMillis(), bucket);
        pause(wait, limited);
    }

    private HttpResponse<byte[]> exchangeOnce(HttpRequest request, String bucket) {
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
        pacer.update(bucket, response.headers());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {} in {} ms (Render-Request-Id {}, Ratelimit-Remaining {})", describe(request),
                    response.statusCode(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    response.headers().firstValue("Render-Request-Id").orElse("-"),
                    response.headers().firstValue("Ratelimit-Remaining").orElse("-"));
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

    private static String describe(HttpRequest request) {
        URI uri = request.uri();
        return request.method() + " " + (uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery());
    }
}
