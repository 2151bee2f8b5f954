package io.deploybus.notifier;

import java.net.URI;

import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.avro.Alert;
import io.deploybus.schemas.avro.DeployEvent;
import jakarta.inject.Singleton;

/**
 * Turns deploy events into alerts: evaluates the rules, publishes each alert on {@code alerts},
 * then delivers it to every configured callback.
 */
@Singleton
class AlertDispatcher {

    static final String SOURCE = "/deploybus/alert-notifier";

    private final AlertRules rules;
    private final AlertClient alerts;
    private final CallbackDelivery delivery;
    private final NotifierConfiguration configuration;

    AlertDispatcher(AlertRules rules, AlertClient alerts, CallbackDelivery delivery, NotifierConfiguration configuration) {
        this.rules = rules;
        this.alerts = alerts;
        this.delivery = delivery;
        this.configuration = configuration;
    }

    void onDeployEvent(DeployEvent event) {
        rules.evaluate(event).ifPresent(this::raise);
    }

    private void raise(Alert alert) {
        alerts.send(alert.getAlertKey(), alert, CloudEventHeaders.of(alert, SOURCE, alert.getAlertKey()));
        var payload = AlertPayload.of(alert);
        for (URI callback : configuration.callbackUrls()) {
            delivery.deliver(callback, payload);
        }
    }
}
