package io.deploybus.api.idempotency;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.api.idempotency.*}.
 *
 * @param ttl how long after its first request an {@code Idempotency-Key} replays it; at most the
 *            views' retention ({@code deploybus.api.deploys.view-retention}), which holds what is replayed
 */
@ConfigurationProperties("deploybus.api.idempotency")
public record IdempotencyConfiguration(@NotNull Duration ttl) {
}
