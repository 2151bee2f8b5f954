package io.deploybus.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * Sends Render's thin webhook envelope, {@code {"type", "timestamp", "data": {"id": <event id>,
 * "serviceId", "serviceName", "status"?}}}, signed per Standard Webhooks: {@code webhook-id} (the
 * event id), {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * ({@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}). One attempt per delivery, recorded.
 */
@Singleton
final class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookConfiguration configuration;
    private final ObjectMapper objectMapper;
    private final HttpClient http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> urls = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookSender(WebhookConfiguration configuration, ObjectMapper objectMapper) {
        this.configuration = configuration;
        this.objectMapper = objectMapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(configuration.timeout())
                .executor(executor).build();
        reset();
    }

    void addUrl(String url) {
        URI.create(url);
        urls.add(url);
    }

    List<String> urls() {
        return List.copyOf(urls);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Back to the configured URLs, with no deliveries recorded. */
    void reset() {
        urls.clear();
        urls.addAll(configuration.urls());
        deliveries.clear();
    }

    void send(ServiceEvent event, EmulatedService service) {
        if (urls.isEmpty()) {
            return;
        }
        byte[] body = envelope(event, service);
        long timestamp = event.timestamp().getEpochSecond();
        String signature = "v1," + sign(event.id() + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8));
        for (String url : urls) {
            executor.execute(() -> deliver(url, event, body, timestamp, signature));
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
        http.close();
    }

    private void deliver(String url, ServiceEvent event, byte[] body, long timestamp, String signature) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(configuration.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Render-Webhooks (deploybus render-emulator)")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            deliveries.add(new Delivery(url, event.id(), event.type(), status, null));
        } catch (IOException e) {
            LOG.info("webhook {} for {} to {} failed: {}", event.type(), event.id(), url, e.toString());
            deliveries.add(new Delivery(url, event.id(), event.type(), 0, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] envelope(ServiceEvent event, EmulatedService service) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", event.id());
        data.put("serviceId", service.id());
        data.put("serviceName", service.name());
        Object status = event.details().get("deployStatus");
        if (status != null) {
            data.put("status", status);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", event.type());
        envelope.put("timestamp", RenderTimestamp.of(event.timestamp()));
        envelope.put("data", data);
        try {
            return objectMapper.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a webhook for " + event.id(), e);
        }
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(configuration.key(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** One attempt to deliver a webhook; {@code status} 0 when no answer came. */
    @Serdeable
    record Delivery(String url, String eventId, String type, int status, @io.micronaut.core.annotation.Nullable String error) {
    }

}
