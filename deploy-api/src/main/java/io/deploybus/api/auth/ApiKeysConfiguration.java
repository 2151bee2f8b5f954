package io.deploybus.api.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * {@code deploybus.api.keys}: the API clients, by name, and the key each must present.
 *
 * <p>The name, never the key, is what deploy-api records as {@code requestedBy}. A start with no
 * client, a blank or short key, or two clients sharing a key fails, naming the key at fault.
 *
 * @param keys client name → API key
 */
@ConfigurationProperties("deploybus.api")
record ApiKeysConfiguration(Map<String, String> keys) {

    static final int MIN_KEY_LENGTH = 12;
    private static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    ApiKeysConfiguration {
        keys = Map.copyOf(keys == null ? Map.of() : keys);
        if (keys.isEmpty()) {
            throw new ConfigurationException("deploybus.api.keys must name at least one client and its key");
        }
        var owners = new HashMap<String, String>();
        keys.forEach((name, key) -> {
            String property = "deploybus.api.keys." + name;
            if (!CLIENT_NAME.matcher(name).matches()) {
                throw new ConfigurationException(property + ": a client name is lowercase letters, digits and '-'");
            }
            if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
                throw new ConfigurationException(property + " must be at least " + MIN_KEY_LENGTH + " characters");
            }
            String other = owners.putIfAbsent(key, name);
            if (other != null) {
                throw new ConfigurationException(property + " is the same key as deploybus.api.keys." + other
                        + "; every client needs its own key");
            }
        });
    }
}
