package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A workspace ({@code tea-…}) or user ({@code usr-…}) that owns services. @param type {@code user} or {@code team} */
@Serdeable
public record RenderOwner(String id, @Nullable String name, @Nullable String email, @Nullable String type) {
}
