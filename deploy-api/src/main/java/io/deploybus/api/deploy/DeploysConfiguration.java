package io.deploybus.api.deploy;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.api.deploys.*}.
 *
 * @param publishTimeout       how long a {@code POST /v1/deploys} waits for Kafka to acknowledge the
 *                             command before it answers 503; longer than the producer's
 *                             {@code max.block.ms} plus {@code delivery.timeout.ms}, so that the
 *                             producer has given up on the command by then
 * @param retryAfter           the {@code Retry-After} of that 503
 * @param viewRetention        how long the view keeps a deploy after it was accepted; at most what
 *                             {@code deploy.events} keeps (30 days), which a restarted instance rebuilds from
 * @param viewEventsPerDeploy  how many events of one deploy the view keeps, the latest
 */
@ConfigurationProperties("deploybus.api.deploys")
record DeploysConfiguration(
        @NotNull Duration publishTimeout,
        @NotNull Duration retryAfter,
        @NotNull Duration viewRetention,
        @Min(1) int viewEventsPerDeploy) {
}
