package io.deploybus.render;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps one client under Render's rate limits from the {@code Ratelimit-Remaining} and
 * {@code Ratelimit-Reset} headers of earlier answers, so that a burst of callers sharing the client
 * waits for the window to refill instead of earning 429s.
 *
 * <p>Render counts per class of endpoint (reads, other writes, and deploy-like writes per service);
 * the pacer keeps one window per class, keyed as Render does. Each request reserves a slot of its
 * window before it is sent; when none is left, the caller waits until the window resets.
 */
final class RatePacer {

    private static final Pattern DEPLOY_CLASS =
            Pattern.compile("^/services/([^/?]+)(/deploys|/suspend|/resume)?/?(\\?.*)?$");

    /** Render's windows are a minute; the first answer in a new window corrects this guess. */
    private static final Duration ASSUMED_WINDOW = Duration.ofMinutes(1);

    /**
     * How much longer than a minute a window this client assumes (before any answer tells it) is
     * taken to last. Render's window starts when its first request arrives, a little after this
     * client reserved it; without the slack, the first request of what the client takes for the
     * next window can land in the last moments of Render's old one and earn a 429.
     */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final Clock clock;
    private final boolean enabled;
    private final int budgetPerMinute;
    private final Map<String, Window> windows = new HashMap<>();
    private Window budget;

    /**
     * @param enabled         whether to pace from Render's headers
     * @param budgetPerMinute requests a minute this client allows itself across all classes, 0 for no such budget
     */
    RatePacer(Clock clock, boolean enabled, int budgetPerMinute) {
        this.clock = clock;
        this.enabled = enabled;
        this.budgetPerMinute = budgetPerMinute;
    }

    /**
     * Reserves a slot for a request of {@code bucket} and answers how long to wait before sending
     * it: zero while the last known window has slots left, else the time until it resets.
     */
    synchronized Duration reserve(String bucket) {
        Window window = windows.get(bucket);
        Instant now = clock.instant();
        Duration overBudget = reserveBudget(now);
        if (!overBudget.isZero()) {
            return overBudget;
        }
        if (!enabled || window == null) {
            return Duration.ZERO;
        }
        if (!now.isBefore(window.resetAt)) {
            // The window refilled: assume its full limit until an answer says otherwise, so that callers
            // released together by a reset do not all go at once.
            window = new Window(window.limit - 1, window.limit, now.plus(ASSUMED_WINDOW).plus(SLACK));
            windows.put(bucket, window);
            return Duration.ZERO;
        }
        if (window.remaining > 0) {
            window.remaining--;
            return Duration.ZERO;
        }
        return Duration.between(now, window.resetAt);
    }

    /** Takes a slot of the client's own budget, or answers how long until the budget refills. */
    private Duration reserveBudget(Instant now) {
        if (budgetPerMinute <= 0) {
            return Duration.ZERO;
        }
        if (budget == null || !now.isBefore(budget.resetAt)) {
            budget = new Window(budgetPerMinute, budgetPerMinute, now.plus(ASSUMED_WINDOW));
        }
        if (budget.remaining == 0) {
            return Duration.between(now, budget.resetAt);
        }
        budget.remaining--;
        return Duration.ZERO;
    }

    /** Learns the window of {@code bucket} from an answer's headers. */
    synchronized void update(String bucket, HttpHeaders headers) {
        Optional<Integer> remaining = number(headers, "Ratelimit-Remaining");
        Optional<Integer> reset = number(headers, "Ratelimit-Reset");
        int limit = number(headers, "Ratelimit-Limit").orElse(Integer.MAX_VALUE);
        if (!enabled || remaining.isEmpty() || reset.isEmpty()) {
            return;
        }
        Instant resetAt = clock.instant().plusSeconds(reset.get());
        Window known = windows.get(bucket);
        boolean sameWindow = known != null && clock.instant().isBefore(known.resetAt)
                && Duration.between(known.resetAt, resetAt).abs().compareTo(Duration.ofSeconds(2)) <= 0;
        // Answers to concurrent requests arrive out of order: within one window, the lowest count is the truest.
        int count = sameWindow ? Math.min(known.remaining, remaining.get()) : remaining.get();
        windows.put(bucket, new Window(count, limit, sameWindow ? known.resetAt : resetAt));
    }

    /** Render's rate-limit class of a request: reads, deploy-like writes of one service, other writes. */
    static String bucketOf(String method, URI uri, String root) {
        if ("GET".equals(method)) {
            return "read";
        }
        String path = uri.getRawPath().substring(Math.min(uri.getRawPath().length(), URI.create(root).getRawPath().length()));
        Matcher service = DEPLOY_CLASS.matcher(path);
        boolean deployLike = service.matches() && (service.group(2) != null ? "POST".equals(method) : "PATCH".equals(method));
        return deployLike ? "service:" + service.group(1) : "write";
    }

    private static Optional<Integer> number(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(String::strip).map(Integer::parseInt).filter(value -> value >= 0);
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static final class Window {
        private int remaining;
        private final int limit;
        private final Instant resetAt;

        private Window(int remaining, int limit, Instant resetAt) {
            this.remaining = remaining;
            this.limit = limit;
            this.resetAt = resetAt;
        }
    }
}
