package io.deploybus.notifier;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code deploybus.notifier.*}.
 *
 * @param callbackUrls    where every alert is POSTed as JSON (subscriptions through the API come later)
 * @param deliveryTimeout how long one delivery attempt may take
 * @param attempts        how many times a delivery is tried before it is given up
 * @param firstRetry      the wait before the second attempt; it doubles for each later one
 */
@ConfigurationProperties("deploybus.notifier")
public record NotifierConfiguration(
        @Bindable(defaultValue = "") @NotNull List<URI> callbackUrls,
        @Bindable(defaultValue = "5s") @NotNull Duration deliveryTimeout,
        @Bindable(defaultValue = "4") @Min(1) int attempts,
        @Bindable(defaultValue = "500ms") @NotNull Duration firstRetry) {
}
