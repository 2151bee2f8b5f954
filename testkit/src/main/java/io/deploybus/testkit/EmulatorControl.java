package io.deploybus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

/** The render-emulator's control API ({@code /_emulator}), as tests use it. */
public final class EmulatorControl {

    private static final Argument<List<Map<String, Object>>> JSON_LIST =
            Argument.listOf(Argument.mapOf(String.class, Object.class));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = ObjectMapper.getDefault();
    private final URI base;

    public EmulatorControl(URI emulator) {
        this.base = emulator.resolve("/_emulator/");
    }

    /** Back to the seed, request log and faults emptied. */
    public void reset() {
        send(HttpRequest.newBuilder(base.resolve("reset")).POST(HttpRequest.BodyPublishers.noBody()), 204);
    }

    /**
     * Scripts the next deploys of a service, such as {@code {"outcome": "build_failed"}},
     * {@code {"duration": "30s", "count": 2}} or {@code {"answer": 202}}.
     */
    public void script(String serviceId, String scriptJson) {
        send(HttpRequest.newBuilder(base.resolve("services/" + serviceId + "/deploy-script"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(scriptJson)), 204);
    }

    /** Adds a fault rule (see docs/render-emulator.md), such as {@code {"status": 503, "count": 3}}. */
    public void fault(String ruleJson) {
        send(HttpRequest.newBuilder(base.resolve("faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ruleJson)), 201);
    }

    /** Makes the emulator send its signed Render webhooks to this URL too. */
    public void webhooks(String url) {
        send(HttpRequest.newBuilder(base.resolve("webhooks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url + "\"}")), 204);
    }

    /**
     * The requests the emulator's Render API received whose method matches {@code methodPattern}
     * and whose path matches {@code pathPattern} (both regular expressions).
     */
    public List<Map<String, Object>> requests(String methodPattern, String pathPattern) {
        String query = "?path=" + URLEncoder.encode(pathPattern, StandardCharsets.UTF_8);
        String body = send(HttpRequest.newBuilder(base.resolve("requests" + query)).GET(), 200);
        try {
            List<Map<String, Object>> all = json.readValue(body, JSON_LIST);
            return all.stream().filter(r -> String.valueOf(r.get("method")).matches(methodPattern)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many deploys were triggered for a service (POSTs to its deploys collection). */
    public long triggers(String serviceId) {
        return requests("POST", "/v1/services/" + serviceId + "/deploys").stream()
                .filter(r -> r.get("status") instanceof Number status && status.intValue() < 300).count();
    }

    private String send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("emulator control answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
