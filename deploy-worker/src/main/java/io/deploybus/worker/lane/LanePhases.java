package io.deploybus.worker.lane;

import io.deploybus.schemas.avro.LanePhase;

/**
 * What a lane phase says about a deploy, named and exhaustive. Never an {@code ordinal()}: adding
 * or reordering a symbol of an Avro enum is a compatible schema change and must not change what
 * the worker does.
 */
final class LanePhases {

    private LanePhases() {
    }

    /** Restoring the configuration or rolling back after a failure or a timeout. */
    static boolean isRollback(LanePhase phase) {
        return switch (phase) {
            case RESTORING, ROLLBACK_TRIGGERING, ROLLBACK_TRACKING -> true;
            case STARTING, VALIDATED, CONFIGURING, CONFIGURED, TRIGGERING, TRACKING -> false;
        };
    }

    /** Whether the deploy may have changed the service's configuration on Render by now. */
    static boolean mayHaveConfigured(LanePhase phase) {
        return switch (phase) {
            case CONFIGURING, CONFIGURED, TRIGGERING, TRACKING, RESTORING, ROLLBACK_TRIGGERING, ROLLBACK_TRACKING -> true;
            case STARTING, VALIDATED -> false;
        };
    }
}
