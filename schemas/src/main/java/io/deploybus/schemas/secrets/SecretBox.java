package io.deploybus.schemas.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.deploybus.schemas.avro.SealedValue;

/**
 * Seals secrets (env var values, callback URLs, signing secrets) into {@link SealedValue}s with
 * AES-256-GCM, and opens them again, so that they never travel or rest in clear on Kafka.
 *
 * <p>Each value is bound to a context (say {@code env:srv-abc:DATABASE_URL}) as GCM's additional
 * data: a sealed value copied to another field or service does not open. Keys are named, so they
 * can be rotated: values are sealed with the active key and opened with whichever key sealed them.
 * The JDK's own AES-GCM is all this needs; no library.
 */
public final class SecretBox {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(String activeKeyId, Map<String, SecretKeySpec> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = keys;
    }

    /**
     * A box with named base64 keys of 32 bytes each.
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed (never its value)
     */
    public static SecretBox of(String activeKeyId, Map<String, String> base64Keys) {
        if (!base64Keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active secrets key '" + activeKeyId + "' is not configured");
        }
        var specs = new HashMap<String, SecretKeySpec>();
        base64Keys.forEach((id, encoded) -> specs.put(id, keySpec(id, encoded)));
        return new SecretBox(activeKeyId, Map.copyOf(specs));
    }

    /** A new random key, base64, for configuration. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Seals a value, bound to its context. */
    public SealedValue seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new SealedValue(activeKeyId, ByteBuffer.wrap(nonce), ByteBuffer.wrap(sealed));
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot seal a value for " + context, e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws SecretBoxException if the key is unknown, or the value was tampered with or sealed for another context
     */
    public String open(SealedValue sealed, String context) {
        SecretKeySpec key = keys.get(sealed.getKeyId());
        if (key == null) {
            throw new SecretBoxException("no secrets key '" + sealed.getKeyId() + "' to open a value for " + context, null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, bytes(sealed.getNonce()), context);
            return new String(cipher.doFinal(bytes(sealed.getCiphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("cannot open a value for " + context + ": tampered with, or sealed for another context", e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec keySpec(String id, String encoded) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded == null ? "" : encoded.trim());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes the offending character of the key.
            throw new IllegalArgumentException(malformed(id));
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(malformed(id));
        }
        return new SecretKeySpec(key, "AES");
    }

    private static String malformed(String id) {
        return "secrets key '" + id + "' (deploybus.secrets.keys." + id + ", DEPLOYBUS_SECRETS_KEY for 'local') is missing"
                + " or not the base64 of " + KEY_BYTES + " random bytes; make one with: openssl rand -base64 " + KEY_BYTES;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** A value could not be sealed or opened. The message never contains the value. */
    public static final class SecretBoxException extends RuntimeException {
        SecretBoxException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
