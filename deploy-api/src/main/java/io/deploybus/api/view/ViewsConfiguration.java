package io.deploybus.api.view;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.api.views.*}.
 *
 * @param awaitTimeout how long a {@code POST} waits, after Kafka acknowledged what it wrote, for the
 *                     views to have read it, so that it answers as every instance will; past it, the
 *                     instance takes the record into its views itself and answers
 */
@ConfigurationProperties("deploybus.api.views")
public record ViewsConfiguration(@NotNull Duration awaitTimeout) {
}
