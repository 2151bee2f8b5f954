package io.deploybus.emulator;

import java.util.Locale;

/** Render's deploy statuses, as far as the emulator produces them. */
enum DeployStatus {
    QUEUED, CREATED, BUILD_IN_PROGRESS, UPDATE_IN_PROGRESS, LIVE, DEACTIVATED, BUILD_FAILED, UPDATE_FAILED, CANCELED;

    /** The value on the wire, e.g. {@code build_in_progress}. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isInProgress() {
        return this == CREATED || this == BUILD_IN_PROGRESS || this == UPDATE_IN_PROGRESS;
    }

    boolean isTerminal() {
        return !isInProgress() && this != QUEUED;
    }

    /** {@code deployStatus} of the {@code deploy_ended} event. */
    String endStatus() {
        return switch (this) {
            case LIVE -> "succeeded";
            case CANCELED -> "canceled";
            default -> "failed";
        };
    }
}
