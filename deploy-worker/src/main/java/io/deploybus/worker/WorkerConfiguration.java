package io.deploybus.worker;

import java.time.Duration;
import java.util.Optional;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.worker.*}.
 *
 * @param maxConcurrentDeploys how many deploys (of different services) one instance runs at once
 * @param pollInitial          the first wait between two looks at a triggered deploy
 * @param pollMax              the longest wait between two looks, reached while a deploy builds
 * @param pollMultiplier       how much longer each wait is than the one before
 * @param webhooks             whether verified Render webhooks arrive on render.webhooks; tracking
 *                             then waits for them and only looks every {@code webhookSafetyPoll}
 * @param webhookSafetyPoll    with webhooks on, the wait between looks in case a webhook is lost
 * @param findTriggered        how long to look for the deploy of a trigger answered 202 with no body
 * @param retryInitial         the first wait before a step that hit a transient Render error runs again
 * @param retryMax             the longest such wait
 * @param recentDeploys        how many finished deploy ids a lane remembers, to recognise a command delivered again
 * @param sessionTimeout       how soon Kafka gives a dead instance's partitions (and lanes) to another
 * @param loopFailureBudget    how many failures in a row a poll loop (the command intake, the batch
 *                             coordinator) outlives, each followed by a new consumer after a backoff
 *                             from {@code retryInitial} to {@code retryMax}; then it gives up and
 *                             the instance's liveness goes DOWN
 * @param stepAttempts         how many times a deploy step that failed unexpectedly (not a
 *                             transient fault, see {@link Faults}) runs before the deploy ends FAILED
 * @param transactionalIdPrefix the prefix of the journal partitions' transactional ids
 *                             ({@code <prefix>.journal-<p>}); the same for every instance of one
 *                             deployment, different for two deployments sharing a cluster
 * @param crashAt              fault injection for crash tests only: the worker halts (as a crash
 *                             would, no shutdown) when it reaches this point; unset in production
 */
@ConfigurationProperties("deploybus.worker")
public record WorkerConfiguration(
        @Bindable(defaultValue = "8") @Min(1) @Max(10_000) int maxConcurrentDeploys,
        @Bindable(defaultValue = "2s") @NotNull Duration pollInitial,
        @Bindable(defaultValue = "20s") @NotNull Duration pollMax,
        @Bindable(defaultValue = "2.0") @DecimalMin("1.0") double pollMultiplier,
        @Bindable(defaultValue = "false") boolean webhooks,
        @Bindable(defaultValue = "60s") @NotNull Duration webhookSafetyPoll,
        @Bindable(defaultValue = "60s") @NotNull Duration findTriggered,
        @Bindable(defaultValue = "1s") @NotNull Duration retryInitial,
        @Bindable(defaultValue = "60s") @NotNull Duration retryMax,
        @Bindable(defaultValue = "100") @Min(1) int recentDeploys,
        @Bindable(defaultValue = "10s") @NotNull Duration sessionTimeout,
        @Bindable(defaultValue = "10") @Min(1) int loopFailureBudget,
        @Bindable(defaultValue = "5") @Min(1) int stepAttempts,
        @Bindable(defaultValue = "deploy-worker") @NotBlank String transactionalIdPrefix,
        Optional<String> crashAt) {
}
