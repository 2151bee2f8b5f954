package io.deploybus.emulator;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

/** Ids in Render's formats: a prefix and 20 characters of the xid alphabet ({@code [0-9a-v]}). */
@Singleton
final class IdGenerator {

    private static final char[] XID = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final AtomicLong requests = new AtomicLong();
    private final String instance = random(ALPHANUMERIC, 10);

    /** {@code dep-} and 20 characters. */
    String deployId() {
        return "dep-" + random(XID, 20);
    }

    /** {@code evt-} and 20 characters. */
    String eventId() {
        return "evt-" + random(XID, 20);
    }

    /** An instance of a service: the service id, {@code -} and 5 characters. */
    String instanceId(String serviceId) {
        return serviceId + "-" + random(XID, 5);
    }

    /** A Git commit SHA.*/
    String commitSha() {
        return hex(20);
    }

    /** An image digest. */
    String imageDigest() {
        return "sha256:" + hex(32);
    }

    /** Shaped like Render's {@code Render-Request-Id}, e.g. {@code api-86f88f97dc-mq7v6/f6uEMMelME-000525}. */
    String requestId() {
        return "emulator/" + instance + "-" + String.format("%06d", requests.incrementAndGet() % 1_000_000);
    }

    /** {@code length} characters of the xid alphabet, always the same for the same seed. */
    static String stable(String seed, int length) {
        var random = new java.util.Random(seed.hashCode());
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(XID[random.nextInt(XID.length)]);
        }
        return text.toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String random(char[] alphabet, int length) {
        var random = ThreadLocalRandom.current();
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
