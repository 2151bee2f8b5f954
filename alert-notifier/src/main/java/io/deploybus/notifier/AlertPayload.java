package io.deploybus.notifier;

import java.time.Instant;

import io.deploybus.schemas.avro.Alert;
import io.micronaut.serde.annotation.Serdeable;

/** The JSON body of an alert POSTed to a callback. */
@Serdeable
record AlertPayload(String alertId, String alertKey, String rule, String state, String severity, String serviceId,
                    String deployId, String batchId, String summary, String detail, Instant occurredAt) {

    static AlertPayload of(Alert alert) {
        return new AlertPayload(alert.getEventId(), alert.getAlertKey(), alert.getRule().name(), alert.getState().name(),
                alert.getSeverity().name(), alert.getServiceId(), alert.getDeployId(), alert.getBatchId(),
                alert.getSummary(), alert.getDetail(), alert.getOccurredAt());
    }
}
