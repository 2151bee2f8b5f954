package io.deploybus.render;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

/**
 * How {@link RenderHealthIndicator} checks Render, bound from {@code render.api.health.*}; the check
 * itself is switched on with {@code render.api.health.enabled: true}.
 *
 * @param interval how long one answer stands: Render is asked at most this often, however often
 *                 readiness is polled
 * @param timeout  how long the one request of a check may take
 */
@ConfigurationProperties("render.api.health")
record RenderHealthConfiguration(
        @NotNull @Bindable(defaultValue = "60s") Duration interval,
        @NotNull @Bindable(defaultValue = "5s") Duration timeout) {
}
