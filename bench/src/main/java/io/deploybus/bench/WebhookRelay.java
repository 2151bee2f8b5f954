package io.deploybus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.RenderWebhook;
import io.deploybus.testkit.LocalKafka;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays deploy-api's part for webhooks: receives the emulator's signed Render webhooks on loopback,
 * verifies the signature (Standard Webhooks, as Render signs), and publishes each as a
 * {@link RenderWebhook} keyed by service id on render.webhooks, answering once Kafka has it.
 */
final class WebhookRelay implements AutoCloseable {

    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final HttpServer server;
    private final KafkaProducer<String, RenderWebhook> producer;
    private final byte[] signingKey;
    private final ObjectMapper json = ObjectMapper.getDefault();
    private final AtomicInteger relayed = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    private WebhookRelay(HttpServer server, KafkaProducer<String, RenderWebhook> producer, String secret) {
        this.server = server;
        this.producer = producer;
        this.signingKey = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    /** Starts a relay on a free loopback port, for webhooks signed with {@code secret} ({@code whsec_…}). */
    static WebhookRelay start(LocalKafka kafka, String secret) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Map<String, Object> settings = new HashMap<>(kafka.clientProperties());
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            var producer = new KafkaProducer<>(settings, new StringSerializer(), AvroSerde.of(RenderWebhook.class));
            var relay = new WebhookRelay(server, producer, secret);
            server.createContext("/render", relay::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook relay", e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/render");
    }

    int relayed() {
        return relayed.get();
    }

    int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            if (!signedByRender(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body)) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            RenderWebhook webhook = toRecord(json.readValue(body, JSON_OBJECT));
            producer.send(new ProducerRecord<>(Topics.RENDER_WEBHOOKS, null, webhook.getServiceId(), webhook,
                    CloudEventHeaders.of(webhook, "/deploybus/bench", webhook.getServiceId()))).get(30, TimeUnit.SECONDS);
            relayed.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            exchange.sendResponseHeaders(503, -1);
        }
    }

    private static RenderWebhook toRecord(Map<String, Object> envelope) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) envelope.getOrDefault("data", Map.of());
        Object status = data.get("status");
        return RenderWebhook.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.parse(String.valueOf(envelope.get("timestamp"))))
                .setServiceId(String.valueOf(data.get("serviceId")))
                .setRenderEventId(String.valueOf(data.get("id")))
                .setType(String.valueOf(envelope.get("type")))
                .setStatus(status == null ? null : String.valueOf(status))
                .build();
    }

    private boolean signedByRender(String id, String timestamp, String signature, byte[] body) {
        if (id == null || timestamp == null || signature == null || !signature.startsWith("v1,")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
