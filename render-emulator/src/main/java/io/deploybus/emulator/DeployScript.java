package io.deploybus.emulator;

import java.time.Duration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How the next deploys of one service go, set through {@code POST /_emulator/services/{id}/deploy-script}.
 *
 * @param outcome               {@code live}, {@code build_failed} or {@code update_failed}; {@code null} keeps the service's
 * @param duration              how long each deploy takes in all, split over its phases as the configured timing is
 * @param answer                {@code 202} to answer the trigger with 202 and no body even when the deploy starts at once
 * @param unhealthyWhileRunning the service's health check fails while such a deploy runs
 * @param count                 how many deploys the script applies to (default 1)
 */
@Serdeable
record DeployScript(@Nullable String outcome, @Nullable String duration, @Nullable Integer answer,
                    @Nullable Boolean unhealthyWhileRunning, @Nullable Integer count) {

    /** @throws InvalidRequestException for values the emulator cannot honour */
    DeployScript checked() {
        if (outcome != null) {
            try {
                DeployOutcome.parse(outcome);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("outcome " + e.getMessage());
            }
        }
        if (answer != null && answer != 201 && answer != 202) {
            throw new InvalidRequestException("answer must be 201 or 202");
        }
        if (count != null && count < 1 || total() != null && total().isNegative()) {
            throw new InvalidRequestException("count must be at least 1 and duration not negative");
        }
        return this;
    }

    @Nullable Duration total() {
        return Durations.parse(duration);
    }

    int times() {
        return count == null ? 1 : count;
    }

    boolean answersAccepted() {
        return answer != null && answer == 202;
    }
}
