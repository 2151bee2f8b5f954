package io.deploybus.emulator;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the emulator sends Render-style webhooks ({@code emulator.webhooks.*}).
 *
 * @param urls    receivers, comma-separated; more can be added at run time through the control API
 * @param secret  the signing secret, {@code whsec_} and base64 as Render's receivers expect
 * @param timeout how long one delivery may take (Render allows 15 s)
 */
@ConfigurationProperties("emulator.webhooks")
record WebhookConfiguration(@Nullable List<String> urls, @NotBlank String secret, @NotNull Duration timeout) {

    WebhookConfiguration {
        urls = urls == null ? List.of() : urls.stream().map(String::strip).filter(url -> !url.isEmpty()).toList();
        try {
            Base64.getDecoder().decode(secret == null ? "" : secret.replaceFirst("^whsec_", ""));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("emulator.webhooks.secret must be whsec_ followed by base64", notBase64);
        }
    }

    /** The HMAC key: the secret without {@code whsec_}, base64-decoded, as the Standard Webhooks libraries read it. */
    byte[] key() {
        return Base64.getDecoder().decode(secret.replaceFirst("^whsec_", ""));
    }
}
