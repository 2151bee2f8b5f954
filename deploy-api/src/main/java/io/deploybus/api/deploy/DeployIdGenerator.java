package io.deploybus.api.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

/**
 * Deploy ids, and batch ids ({@code bat-}, otherwise the same), that sort in the order they were made: {@code dpl-} and the 26-character Crockford
 * base32 (lowercase) of a UUIDv7, the same text form as a ULID. The 48-bit millisecond timestamp
 * leads; within one millisecond the 12 bits after the version count up from a random start
 * (RFC 9562, method 1), so that ids of one instance increase strictly even if the clock steps back.
 */
@Singleton
public final class DeployIdGenerator {

    static final String PREFIX = "dpl-";
    public static final String BATCH_PREFIX = "bat-";
    private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int COUNTER_LIMIT = 1 << 12;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    DeployIdGenerator(Clock clock) {
        this.clock = clock;
    }

    String next() {
        return next(PREFIX);
    }

    /** A batch id: the same scheme, and the same sequence, as deploy ids. */
    public String nextBatchId() {
        return next(BATCH_PREFIX);
    }

    /**
     * The id of a deploy or batch requested under an {@code Idempotency-Key}: derived from the client,
     * the key, the {@code scope} the caller names and the {@code period}-long stretch of time the
     * request falls in, so that two instances taking the same request at the same moment give it the
     * same id (and deploy-worker runs a deploy id once per service), while a key used again after a
     * whole period gets a new one. The same text form as other ids, of a UUIDv8 (RFC 9562) whose bits
     * are SHA-256's; such ids do not sort by time.
     */
    public String keyed(String prefix, String client, String key, String scope, Instant now, Duration period) {
        long stretch = Math.floorDiv(now.toEpochMilli(), period.toMillis());
        // Newline-separated: none of the parts can contain one (names, service ids, printable-ASCII keys).
        byte[] hash = sha256(String.join("\n", client, key, scope, Long.toString(stretch)));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xff);
            low = (low << 8) | (hash[i + 8] & 0xff);
        }
        high = (high & ~0xf000L) | 0x8000L;
        low = (low & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
        return prefix + base32(high, low);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private synchronized String next(String prefix) {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            counter = randomCounterStart();
        } else if (++counter == COUNTER_LIMIT) {
            lastMillis++;
            counter = randomCounterStart();
        }
        long mostSignificant = (lastMillis << 16) | (0x7L << 12) | counter;
        long leastSignificant = (random.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
        return prefix + base32(mostSignificant, leastSignificant);
    }

    /** In the lower half, so that a millisecond has room for at least 2048 ids. */
    private int randomCounterStart() {
        return random.nextInt(COUNTER_LIMIT / 2);
    }

    private static String base32(long high, long low) {
        char[] text = new char[26];
        for (int i = text.length - 1; i >= 0; i--) {
            text[i] = CROCKFORD[(int) (low & 31)];
            low = (low >>> 5) | (high << 59);
            high >>>= 5;
        }
        return new String(text);
    }
}
