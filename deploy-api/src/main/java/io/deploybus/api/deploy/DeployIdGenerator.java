package io.deploybus.api.deploy;

import java.security.SecureRandom;
import java.time.Clock;

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
    static final String BATCH_PREFIX = "bat-";
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
