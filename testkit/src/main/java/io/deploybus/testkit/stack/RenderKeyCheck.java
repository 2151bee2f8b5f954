package io.deploybus.testkit.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Before {@code bin/stack up --render} starts anything: does Render answer at {@code RENDER_API_URL}
 * and take {@code RENDER_API_KEY}? The same cheap authenticated read as the services' readiness
 * check ({@code GET /owners?limit=1}). That check lives in render-client, which testkit cannot use
 * (render-client's own tests use testkit), hence this one request of its own.
 */
final class RenderKeyCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RenderKeyCheck() {
    }

    /** What is wrong with the target, in a sentence naming the variable to fix; empty when Render took the key. */
    static Optional<String> problemWith(RenderTarget render) {
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            var request = HttpRequest.newBuilder(URI.create(render.baseUrl() + "/owners?limit=1")).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + render.key()).header("Accept", "application/json").GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return switch (status) {
                // A 429 comes from a per-user rate limit: Render knew the key.
                case 200, 429 -> Optional.empty();
                case 401, 403 -> Optional.of("Render at " + render.baseUrl() + " rejected RENDER_API_KEY (HTTP " + status
                        + "): set RENDER_API_KEY to a valid Render API key");
                default -> Optional.of("Render at " + render.baseUrl() + " answered HTTP " + status
                        + " to GET /owners: is RENDER_API_URL Render's API, /v1 included?");
            };
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("Render unreachable at " + render.baseUrl() + " (RENDER_API_URL): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking Render at " + render.baseUrl());
        }
    }
}
