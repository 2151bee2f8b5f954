package io.deploybus.api.deploy;

import io.micronaut.serde.annotation.Serdeable;

/** The body of a {@code 202 Accepted} to {@code POST /v1/deploys}: the deploy, with its status now. */
@Serdeable
record DeployAccepted(String id, String serviceId, String status) {

    static DeployAccepted of(DeployView.Deploy deploy) {
        return new DeployAccepted(deploy.deployId(), deploy.serviceId(), deploy.status().name());
    }
}
