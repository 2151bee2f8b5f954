package io.deploybus.api.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.deploybus.schemas.secrets.SecretsConfiguration;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * What is remembered of a request under its {@code Idempotency-Key}, on Kafka with the command or
 * plan: {@code <secrets key name>:<base64url HMAC-SHA256>} of its {@link CanonicalForm}, env var
 * values included, so that a repeat with a changed value is told apart without any value being kept.
 *
 * <p>The HMAC key is derived (HKDF-SHA256, RFC 5869) from the secrets key named in the digest,
 * which every instance has: any instance can check a digest another one made, and after a restart.
 * Not the secrets key itself, so that one key never serves two purposes. The digest names its key
 * so that rotating {@code deploybus.secrets.active-key} does not make a repeat look different.
 */
@Singleton
public final class RequestDigests {

    /** How a new request compares with the digest of the first one under its key. */
    public enum Comparison { SAME, DIFFERENT, UNKNOWN }

    private static final String MAC = "HmacSHA256";
    private static final byte[] INFO = "deploybus deploy-api request digest v1".getBytes(StandardCharsets.UTF_8);

    private final String activeKey;
    private final Map<String, SecretKeySpec> keys;

    public RequestDigests(SecretsConfiguration secrets) {
        this.activeKey = secrets.activeKey();
        var derived = new HashMap<String, SecretKeySpec>();
        secrets.keys().forEach((name, base64) -> derived.put(name, derive(name, base64)));
        this.keys = Map.copyOf(derived);
    }

    public String digest(CanonicalForm request) {
        return activeKey + ":" + hmac(keys.get(activeKey), request.bytes());
    }

    /**
     * {@code UNKNOWN} when there is no digest (a record from before digests) or its key is no longer
     * configured: then nothing can tell the two requests apart.
     */
    public Comparison compare(@Nullable String digest, CanonicalForm request) {
        int colon = digest == null ? -1 : digest.indexOf(':');
        SecretKeySpec key = colon < 0 ? null : keys.get(digest.substring(0, colon));
        if (key == null) {
            return Comparison.UNKNOWN;
        }
        byte[] expected = digest.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hmac(key, request.bytes()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? Comparison.SAME : Comparison.DIFFERENT;
    }

    private static SecretKeySpec derive(String name, String base64) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes the offending character of the key.
            throw new ConfigurationException("deploybus.secrets.keys." + name + " is not base64");
        }
        // HKDF with a zero salt (RFC 5869 2.2), one block of output (2.3): 32 bytes.
        byte[] pseudoRandomKey = mac(new SecretKeySpec(new byte[32], MAC), secret);
        byte[] info = new byte[INFO.length + 1];
        System.arraycopy(INFO, 0, info, 0, INFO.length);
        info[INFO.length] = 1;
        return new SecretKeySpec(mac(new SecretKeySpec(pseudoRandomKey, MAC), info), MAC);
    }

    private static String hmac(SecretKeySpec key, byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, data));
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + MAC, e);
        }
    }
}
