package io.deploybus.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/**
 * Counts requests in fixed windows per Render rate-limit class, as the {@code Ratelimit-*} headers
 * describe them: reads and other writes per key, deploy-like writes per service.
 */
@Singleton
final class RateLimiter {

    private static final Pattern DEPLOY_CLASS = Pattern.compile("^/v1/services/([^/]+)(/deploys|/rollback|/suspend|/resume)?/?$");

    private final RateLimitConfiguration configuration;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    RateLimiter(RateLimitConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    /** Counts a request, if its class has room; the decision carries the header values either way. */
    synchronized Decision take(String method, String path, String key) {
        String bucket = bucketOf(method, path);
        int limit = limitOf(bucket);
        Instant now = clock.instant();
        Window window = windows.get(key + "|" + bucket);
        if (window == null || !now.isBefore(window.resetAt)) {
            window = new Window(now.plus(configuration.window()));
            windows.put(key + "|" + bucket, window);
        }
        long resetSeconds = Math.max(0, (long) Math.ceil(Duration.between(now, window.resetAt).toMillis() / 1000.0));
        boolean allowed = !configuration.enabled() || window.used < limit;
        if (allowed) {
            window.used++;
        }
        return new Decision(allowed, limit, Math.max(0, limit - window.used), resetSeconds);
    }

    synchronized void reset() {
        windows.clear();
    }

    private int limitOf(String bucket) {
        return bucket.equals("read") ? configuration.reads()
                : bucket.equals("write") ? configuration.writes() : configuration.deploys();
    }

    static String bucketOf(String method, String path) {
        if (method.equals("GET")) {
            return "read";
        }
        Matcher service = DEPLOY_CLASS.matcher(path);
        boolean deployLike = service.matches()
                && (service.group(2) != null ? method.equals("POST") : method.equals("PATCH"));
        return deployLike ? "service:" + service.group(1) : "write";
    }

    /** @param resetSeconds seconds until the window refills, as Render's {@code Ratelimit-Reset} */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private static final class Window {
        private final Instant resetAt;
        private int used;

        private Window(Instant resetAt) {
            this.resetAt = resetAt;
        }
    }
}
