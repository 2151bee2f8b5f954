package io.deploybus.emulator;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Render's rate-limit classes ({@code emulator.rate-limits.*}; defaults from Render's published table).
 *
 * @param enabled  {@code false} answers every request, still with the headers
 * @param reads    GET requests per window, per key
 * @param writes   other POST, PUT, PATCH and DELETE requests per window, per key
 * @param deploys  per service: triggers, rollbacks, PATCH of the service, suspend and resume
 * @param window   the length of a window; Render's are a minute
 */
@ConfigurationProperties("emulator.rate-limits")
record RateLimitConfiguration(boolean enabled, @Min(1) int reads, @Min(1) int writes, @Min(1) int deploys,
                              @NotNull Duration window) {
}
