package io.deploybus.api.batch;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.api.batches.*}.
 *
 * @param publishTimeout how long a {@code POST /v1/batches} waits for Kafka to acknowledge the plan
 *                       before it answers 503; longer than the {@code deploy-batches} producer's
 *                       {@code max.block.ms} plus {@code delivery.timeout.ms}
 * @param retryAfter     the {@code Retry-After} of that 503
 * @param viewRetention  how long the view keeps a batch after it was created
 */
@ConfigurationProperties("deploybus.api.batches")
record BatchesConfiguration(
        @NotNull Duration publishTimeout,
        @NotNull Duration retryAfter,
        @NotNull Duration viewRetention) {
}
