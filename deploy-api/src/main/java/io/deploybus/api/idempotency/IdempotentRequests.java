package io.deploybus.api.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a request at most once per {@code Idempotency-Key} of a client, and answers a repeat with the
 * first outcome, as draft-ietf-httpapi-idempotency-key-header describes: a repeat while the first
 * is still running is refused ({@link IdempotencyKeyInProgressException}, 409), and the same key
 * with a different request is refused ({@link IdempotencyKeyReusedException}, 422). A request that
 * fails leaves no trace, so that its retry runs afresh.
 *
 * <p>Keys live in this instance's memory, bounded by count and age (see
 * {@link IdempotencyConfiguration}): a repeat that reaches another instance, or comes after a
 * restart, runs again.
 *
 * @param <F> what identifies a request's content: two requests with equal fingerprints are the same request
 * @param <R> the outcome replayed to repeats
 */
public final class IdempotentRequests<F, R> {

    private final int maxKeys;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<Scope, Remembered<F, R>> entries;

    public IdempotentRequests(IdempotencyConfiguration configuration, Clock clock) {
        this.maxKeys = configuration.maxKeys();
        this.ttl = configuration.ttl();
        this.clock = clock;
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Scope, Remembered<F, R>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Runs {@code request} unless this client already ran a request with this key.
     *
     * @param client      who sends the request: keys of different clients never collide
     * @param key         the request's idempotency key
     * @param fingerprint the request's content, compared with that of the first request with the key
     * @param request     what to run the first time
     * @return the outcome of the first request with the key, and whether this is a replay of it
     */
    public Outcome<R> run(String client, IdempotencyKey key, F fingerprint, Supplier<R> request) {
        var scope = new Scope(client, key.value());
        Remembered<F, R> entry;
        boolean first;
        synchronized (this) {
            forgetExpired();
            entry = entries.get(scope);
            first = entry == null;
            if (first) {
                entry = new Remembered<>(fingerprint, clock.instant());
                entries.put(scope, entry);
            }
        }
        if (!entry.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return first ? runFirst(scope, entry, request) : replay(entry);
    }

    private Outcome<R> runFirst(Scope scope, Remembered<F, R> entry, Supplier<R> request) {
        R outcome;
        try {
            outcome = request.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                entries.remove(scope, entry);
            }
            throw e;
        }
        synchronized (this) {
            entry.outcome = outcome;
        }
        return new Outcome<>(outcome, false);
    }

    private synchronized Outcome<R> replay(Remembered<F, R> entry) {
        if (entry.outcome == null) {
            throw new IdempotencyKeyInProgressException();
        }
        return new Outcome<>(entry.outcome, true);
    }

    /** Entries are in creation order, so the expired ones are at the head. */
    private void forgetExpired() {
        Instant oldestKept = clock.instant().minus(ttl);
        for (Iterator<Remembered<F, R>> it = entries.values().iterator(); it.hasNext(); ) {
            if (!it.next().createdAt().isBefore(oldestKept)) {
                return;
            }
            it.remove();
        }
    }

    /**
     * @param value    the outcome of the first request with the key
     * @param replayed whether the request was a repeat, answered without running it
     */
    public record Outcome<R>(R value, boolean replayed) {
    }

    private record Scope(String client, String key) {
    }

    /** Mutable only in {@code outcome}, and only under the lock of the enclosing instance. */
    private static final class Remembered<F, R> {
        private final F fingerprint;
        private final Instant createdAt;
        private R outcome;

        Remembered(F fingerprint, Instant createdAt) {
            this.fingerprint = fingerprint;
            this.createdAt = createdAt;
        }

        F fingerprint() {
            return fingerprint;
        }

        Instant createdAt() {
            return createdAt;
        }
    }
}
