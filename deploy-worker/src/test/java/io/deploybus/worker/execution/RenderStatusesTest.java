package io.deploybus.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RenderStatusesTest {

    @ParameterizedTest
    @CsvSource({
            "live, SUCCEEDED",
            "deactivated, SUCCEEDED",
            "build_failed, FAILED",
            "pre_deploy_failed, FAILED",
            "update_failed, FAILED",
            "canceled, CANCELED"})
    void terminalRenderStatusMapsToItsOutcome(String renderStatus, DeployStatus outcome) {
        assertThat(RenderStatuses.outcomeOf(renderStatus)).contains(outcome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"created", "queued", "build_in_progress", "pre_deploy_in_progress", "update_in_progress"})
    void deployStillGoingHasNoOutcomeYet(String renderStatus) {
        assertThat(RenderStatuses.outcomeOf(renderStatus)).isEmpty();
        assertThat(RenderStatuses.isKnown(renderStatus)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"paused_for_approval", ""})
    void statusRenderAddedLaterIsTrackedOnNotFailed(String renderStatus) {
        assertThat(RenderStatuses.outcomeOf(renderStatus)).isEmpty();
        assertThat(RenderStatuses.isKnown(renderStatus)).isFalse();
    }
}
