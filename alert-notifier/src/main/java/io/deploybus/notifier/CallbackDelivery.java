package io.deploybus.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs an alert as JSON to a callback URL, retrying with doubling waits on failure. Only the
 * callback's scheme, host and port are ever logged: the URL may carry credentials.
 */
@Singleton
class CallbackDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDelivery.class);

    private final HttpClient http;
    private final JsonMapper json;
    private final NotifierConfiguration configuration;
    private final TaskScheduler scheduler;

    CallbackDelivery(JsonMapper json, NotifierConfiguration configuration,
                     @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.http = HttpClient.newBuilder().connectTimeout(configuration.deliveryTimeout()).build();
        this.json = json;
        this.configuration = configuration;
        this.scheduler = scheduler;
    }

    /** Delivers in the background; the future completes with whether the callback took it. */
    CompletableFuture<Boolean> deliver(URI callback, AlertPayload alert) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(alert);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        var request = HttpRequest.newBuilder(callback)
                .timeout(configuration.deliveryTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Deploybus-Notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        var delivered = new CompletableFuture<Boolean>();
        attempt(request, alert.alertKey(), 1, configuration.firstRetry(), delivered);
        return delivered;
    }

    private void attempt(HttpRequest request, String alertKey, int attempt, Duration nextWait, CompletableFuture<Boolean> delivered) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean ok = error == null && response.statusCode() / 100 == 2;
            if (ok) {
                LOG.info("Alert {} delivered to {} (attempt {})", alertKey, safe(request.uri()), attempt);
                delivered.complete(true);
            } else if (attempt >= configuration.attempts()) {
                LOG.warn("Alert {} not delivered to {} after {} attempts: {}", alertKey, safe(request.uri()), attempt, why(response, error));
                delivered.complete(false);
            } else {
                LOG.info("Alert {} to {} failed ({}), retrying in {}", alertKey, safe(request.uri()), why(response, error), nextWait);
                scheduler.schedule(nextWait, () -> attempt(request, alertKey, attempt + 1, nextWait.multipliedBy(2), delivered));
            }
        });
    }

    private static String why(HttpResponse<?> response, Throwable error) {
        return error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode();
    }

    /** Scheme, host and port: never the user info, path or query, which may hold secrets. */
    static String safe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
