package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** An environment variable of a service or an env group. Values are secrets: do not log them. */
@Serdeable
public record RenderEnvVar(String key, @Nullable String value) {

    @Override
    public String toString() {
        return "RenderEnvVar[key=" + key + ", value=****]";
    }
}
