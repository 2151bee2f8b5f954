package io.deploybus.render;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One variable of {@link RenderClient#replaceEnvVars}: a value, or {@code generateValue}, which has
 * Render store a strong random value (32 random bytes, base64) that the caller never sends.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVarInput(String key, @Nullable String value, @Nullable Boolean generateValue) {

    public static EnvVarInput of(String key, String value) {
        return new EnvVarInput(key, value, null);
    }

    public static EnvVarInput generated(String key) {
        return new EnvVarInput(key, null, true);
    }
}
