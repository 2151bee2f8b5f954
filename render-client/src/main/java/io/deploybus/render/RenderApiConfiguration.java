package io.deploybus.render;

import java.net.URI;
import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where and how {@link RenderClient} talks to Render, bound from {@code render.api.*}.
 *
 * <p>The defaults live here rather than in an {@code application.yml}, because this is a library:
 * a service sets {@code render.api.key} (and {@code render.api.base-url} to use the emulator) in its
 * own configuration.
 *
 * @param baseUrl        the API root including {@code /v1}
 * @param key            the API key, sent as {@code Authorization: Bearer <key>}; never logged
 * @param requestTimeout how long one request may take, from sending to the end of the response
 * @param connectTimeout how long opening a connection may take
 * @param maxAttempts    attempts per call, the first included, for retriable failures (1 = no retry)
 * @param initialBackoff the wait before the second attempt; it doubles for each later one, with jitter
 * @param maxBackoff     the longest the client waits in place, before a retry or for its rate-limit
 *                       window to refill; a longer wait is left to the caller, which gets the
 *                       {@link RenderRateLimitedException} with {@link RenderRetriableException#retryAfter()}
 * @param pacing         whether the client paces itself from {@code Ratelimit-Remaining} and
 *                       {@code Ratelimit-Reset}, so that a burst of callers waits instead of earning 429s
 * @param budgetPerMinute at most this many requests a minute from this client, whatever Render's
 *                       headers say (a share of the account's limits for one instance); 0 for none
 */
@ConfigurationProperties("render.api")
public record RenderApiConfiguration(
        @NotNull @Bindable(defaultValue = "https://api.render.com/v1") URI baseUrl,
        @NotBlank(message = "must not be blank: set render.api.key (environment variable RENDER_API_KEY) to a Render API key") String key,
        @NotNull @Bindable(defaultValue = "10s") Duration requestTimeout,
        @NotNull @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Min(1) @Bindable(defaultValue = "3") int maxAttempts,
        @NotNull @Bindable(defaultValue = "500ms") Duration initialBackoff,
        @NotNull @Bindable(defaultValue = "10s") Duration maxBackoff,
        @Bindable(defaultValue = "true") boolean pacing,
        @Min(0) @Bindable(defaultValue = "0") int budgetPerMinute) {

    /** Render's production API. */
    public static final URI RENDER_API = URI.create("https://api.render.com/v1");

    /** The configuration with every default, for use outside a Micronaut context. */
    public static RenderApiConfiguration of(URI baseUrl, String key) {
        return new RenderApiConfiguration(baseUrl, key, Duration.ofSeconds(10), Duration.ofSeconds(5), 3,
                Duration.ofMillis(500), Duration.ofSeconds(10), true, 0);
    }

    /** The same configuration with another retry policy. */
    public RenderApiConfiguration withRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new RenderApiConfiguration(baseUrl, key, requestTimeout, connectTimeout, maxAttempts, initialBackoff,
                maxBackoff, pacing, budgetPerMinute);
    }

    /** The same configuration with another per-request timeout. */
    public RenderApiConfiguration withRequestTimeout(Duration requestTimeout) {
        return new RenderApiConfiguration(baseUrl, key, requestTimeout, connectTimeout, maxAttempts, initialBackoff,
                maxBackoff, pacing, budgetPerMinute);
    }

    /** The same configuration with pacing switched on or off. */
    public RenderApiConfiguration withPacing(boolean pacing) {
        return new RenderApiConfiguration(baseUrl, key, requestTimeout, connectTimeout, maxAttempts, initialBackoff,
                maxBackoff, pacing, budgetPerMinute);
    }

    /** The same configuration with a request budget of its own. */
    public RenderApiConfiguration withBudgetPerMinute(int budgetPerMinute) {
        return new RenderApiConfiguration(baseUrl, key, requestTimeout, connectTimeout, maxAttempts, initialBackoff,
                maxBackoff, pacing, budgetPerMinute);
    }

    /** Keeps the API key out of logs and error messages. */
    @Override
    public String toString() {
        return "RenderApiConfiguration[baseUrl=" + baseUrl + ", key=" + (key == null || key.isBlank() ? "(none)" : "****")
                + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", pacing=" + pacing + ", budgetPerMinute=" + budgetPerMinute + "]";
    }
}
