package io.deploybus.notifier;

import java.util.Optional;
import java.util.UUID;

import io.deploybus.schemas.avro.Alert;
import io.deploybus.schemas.avro.AlertRule;
import io.deploybus.schemas.avro.AlertSeverity;
import io.deploybus.schemas.avro.AlertState;
import io.deploybus.schemas.avro.DeployEvent;
import jakarta.inject.Singleton;

/**
 * Which deploy events raise an alert: a deploy that ended FAILED, TIMED_OUT or ROLLBACK_FAILED
 * (critical: the service may be broken) or ROLLED_BACK (a warning: the service is back on its last
 * good deploy, the new one is not live). The alert key is the rule and the service, so that a later
 * success can resolve it.
 */
@Singleton
class AlertRules {

    Optional<Alert> evaluate(DeployEvent event) {
        return switch (event.getStatus()) {
            case FAILED, TIMED_OUT, ROLLBACK_FAILED ->
                    Optional.of(alert(event, AlertRule.DEPLOY_FAILED, AlertSeverity.CRITICAL));
            case ROLLED_BACK -> Optional.of(alert(event, AlertRule.DEPLOY_ROLLED_BACK, AlertSeverity.WARNING));
            default -> Optional.empty();
        };
    }

    private static Alert alert(DeployEvent event, AlertRule rule, AlertSeverity severity) {
        return Alert.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(event.getOccurredAt())
                .setAlertKey(rule.name().toLowerCase() + ":" + event.getServiceId())
                .setRule(rule)
                .setState(AlertState.FIRING)
                .setSeverity(severity)
                .setServiceId(event.getServiceId())
                .setDeployId(event.getDeployId())
                .setBatchId(event.getBatchId())
                .setSummary("Deploy " + event.getDeployId() + " of " + event.getServiceId() + " ended " + event.getStatus())
                .setDetail(event.getReason())
                .setFirstFiredAt(event.getOccurredAt())
                .setLabels(event.getLabels())
                .build();
    }
}
