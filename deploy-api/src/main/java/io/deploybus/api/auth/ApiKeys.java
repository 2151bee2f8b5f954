package io.deploybus.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

/**
 * Tells which configured client a presented API key belongs to.
 *
 * <p>Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every
 * configured key without stopping at a match, so that the time taken says nothing about how much
 * of a key was right, how long it is, or which client it belongs to. Only digests are kept.
 */
@Singleton
final class ApiKeys {

    private final List<Client> clients;

    ApiKeys(ApiKeysConfiguration configuration) {
        this.clients = configuration.keys().entrySet().stream()
                .map(entry -> new Client(new ApiClient(entry.getKey()), digest(entry.getValue())))
                .toList();
    }

    /** The client whose key this is, if any. */
    Optional<ApiClient> authenticate(String presentedKey) {
        byte[] presented = digest(presentedKey);
        ApiClient match = null;
        for (Client client : clients) {
            if (MessageDigest.isEqual(presented, client.keyDigest())) {
                match = client.client();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Client(ApiClient client, byte[] keyDigest) {
    }
}
