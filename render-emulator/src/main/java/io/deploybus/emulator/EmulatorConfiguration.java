package io.deploybus.emulator;

import java.util.List;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * The emulator's own settings ({@code emulator.*}; defaults in application.yml).
 *
 * @param apiKeys            the bearer tokens {@code /v1} accepts ({@code RENDER_API_KEY}, comma-separated)
 * @param seedFile           the services to start with: {@code classpath:…}, {@code file:…} or a path
 * @param requestLogCapacity how many requests {@code GET /_emulator/requests} keeps, newest last
 */
@ConfigurationProperties("emulator")
record EmulatorConfiguration(
        @NotEmpty List<@NotBlank String> apiKeys,
        @NotBlank String seedFile,
        @Min(1) int requestLogCapacity) {
}
