package io.deploybus.api.idempotency;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.api.idempotency.*}: how many {@code Idempotency-Key}s an instance remembers,
 * and for how long.
 *
 * @param maxKeys the most keys remembered; beyond it, the oldest are forgotten first
 * @param ttl     how long a key is remembered after its first request
 */
@ConfigurationProperties("deploybus.api.idempotency")
public record IdempotencyConfiguration(@Min(1) int maxKeys, @NotNull Duration ttl) {
}
