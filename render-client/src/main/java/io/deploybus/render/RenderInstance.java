package io.deploybus.render;

import java.time.Instant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A running instance of a service: {@code srv-…-xxxxx}. Render reports no health state for it. */
@Serdeable
public record RenderInstance(String id, @Nullable Instant createdAt) {
}
