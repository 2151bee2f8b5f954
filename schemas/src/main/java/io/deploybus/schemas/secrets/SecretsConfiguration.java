package io.deploybus.schemas.secrets;

import java.util.Map;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * {@code deploybus.secrets.*}: the AES keys shared by the services that seal and open secrets.
 *
 * @param activeKey the name of the key new values are sealed with
 * @param keys      key name → base64 of 32 random bytes ({@code SecretBox.newKey()} makes one)
 */
@ConfigurationProperties("deploybus.secrets")
public record SecretsConfiguration(@NotBlank String activeKey, @NotEmpty Map<String, String> keys) {

    @Override
    public String toString() {
        return "SecretsConfiguration[activeKey=" + activeKey + ", keys=" + keys.keySet() + "]";
    }

    /** Makes the {@link SecretBox} bean, failing the start with the key's name when one is wrong. */
    @Factory
    static class SecretBoxFactory {
        @Singleton
        SecretBox secretBox(SecretsConfiguration configuration) {
            try {
                return SecretBox.of(configuration.activeKey(), configuration.keys());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("deploybus.secrets: " + e.getMessage(), e);
            }
        }
    }
}
