package io.deploybus.emulator;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

/**
 * How long each phase of an emulated deploy lasts ({@code emulator.timing.*}). Render publishes no
 * timings; the defaults in application.yml are short so that tests and the local stack move along.
 *
 * @param created the wait between the trigger (or the end of the deploy ahead in the queue) and the build
 * @param build   {@code build_in_progress}; image-backed services skip it
 * @param update  {@code update_in_progress}, until {@code live}
 */
@ConfigurationProperties("emulator.timing")
record DeployTiming(@NotNull Duration created, @NotNull Duration build, @NotNull Duration update) {

    DeployTiming {
        for (Duration phase : new Duration[] {created, build, update}) {
            if (phase != null && phase.isNegative()) {
                throw new IllegalArgumentException("emulator.timing.* must not be negative, got " + phase);
            }
        }
    }

    /** Phases that take {@code total} together, in the proportions of these. */
    DeployTiming lasting(Duration total, boolean imageBacked) {
        long created = this.created.toNanos();
        long build = imageBacked ? 0 : this.build.toNanos();
        long update = this.update.toNanos();
        long sum = created + build + update;
        if (sum == 0) {
            return new DeployTiming(Duration.ZERO, imageBacked ? Duration.ZERO : total, imageBacked ? total : Duration.ZERO);
        }
        double scale = (double) total.toNanos() / sum;
        return new DeployTiming(Duration.ofNanos(Math.round(created * scale)),
                imageBacked ? this.build : Duration.ofNanos(Math.round(build * scale)), Duration.ofNanos(Math.round(update * scale)));
    }
}
