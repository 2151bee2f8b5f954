package io.deploybus.worker;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.worker.*}.
 *
 * @param pollInitial    the first wait between two looks at a triggered deploy
 * @param pollMax        the longest wait between two looks, reached while a deploy builds
 * @param pollMultiplier how much longer each wait is than the one before
 * @param findTriggered  how long to look for the deploy of a trigger that Render answered with
 *                       202 and no body, before the deploy is failed
 */
@ConfigurationProperties("deploybus.worker")
public record WorkerConfiguration(
        @Bindable(defaultValue = "500ms") @NotNull Duration pollInitial,
        @Bindable(defaultValue = "10s") @NotNull Duration pollMax,
        @Bindable(defaultValue = "1.5") @DecimalMin("1.0") double pollMultiplier,
        @Bindable(defaultValue = "60s") @NotNull Duration findTriggered) {
}
