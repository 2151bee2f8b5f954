package io.deploybus.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import io.deploybus.schemas.avro.AlertRule;
import io.deploybus.schemas.avro.AlertSeverity;
import io.deploybus.schemas.avro.AlertState;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlertRulesTest {

    private final AlertRules rules = new AlertRules();

    @ParameterizedTest
    @EnumSource(value = DeployStatus.class, names = {"FAILED", "TIMED_OUT", "ROLLBACK_FAILED"})
    void deployThatEndedBrokenFiresACriticalAlert(DeployStatus status) {
        var alert = rules.evaluate(anEvent(status, "Render deploy dep-1 ended build_failed")).orElseThrow();

        assertThat(alert.getRule()).isEqualTo(AlertRule.DEPLOY_FAILED);
        assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
        assertThat(alert.getAlertKey()).isEqualTo("deploy_failed:srv-abc");
        assertThat(alert.getDeployId()).isEqualTo("dpl-1");
        assertThat(alert.getDetail()).isEqualTo("Render deploy dep-1 ended build_failed");
    }

    @Test
    void rolledBackDeployFiresAWarning() {
        var alert = rules.evaluate(anEvent(DeployStatus.ROLLED_BACK, null)).orElseThrow();

        assertThat(alert.getRule()).isEqualTo(AlertRule.DEPLOY_ROLLED_BACK);
        assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
    }

    @ParameterizedTest
    @EnumSource(value = DeployStatus.class, names = {"QUEUED", "VALIDATING", "DEPLOYING", "SUCCEEDED", "CANCELED", "REJECTED"})
    void otherStatusesRaiseNothing(DeployStatus status) {
        assertThat(rules.evaluate(anEvent(status, null))).isEmpty();
    }

    @Test
    void callbackIsLoggedWithoutItsCredentialsPathOrQuery() {
        assertThat(CallbackDelivery.safe(URI.create("https://user:s3cret@hooks.example.com:8443/t/abc?token=xyz")))
                .isEqualTo("https://hooks.example.com:8443");
    }

    private static DeployEvent anEvent(DeployStatus status, String reason) {
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        return DeployEvent.newBuilder()
                .setEventId("evt-1").setOccurredAt(at).setDeployId("dpl-1").setServiceId("srv-abc").setSequence(5)
                .setType(DeployEventType.DeployFailed).setStatus(status).setReason(reason).setAcceptedAt(at).build();
    }
}
