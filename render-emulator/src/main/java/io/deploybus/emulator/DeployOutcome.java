package io.deploybus.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an emulated deploy ends: the rigging a seed (and later the control API) sets per service. */
enum DeployOutcome {
    LIVE(DeployStatus.LIVE),
    BUILD_FAILED(DeployStatus.BUILD_FAILED),
    UPDATE_FAILED(DeployStatus.UPDATE_FAILED);

    private final DeployStatus status;

    DeployOutcome(DeployStatus status) {
        this.status = status;
    }

    DeployStatus status() {
        return status;
    }

    static DeployOutcome parse(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.status.wire().equals(value.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not one of "
                        + Arrays.stream(values()).map(o -> o.status.wire()).collect(Collectors.joining(", "))));
    }
}
