package io.deploybus.api.deploy;

import io.micronaut.serde.annotation.Serdeable;

/** The body of a {@code 202 Accepted} to {@code POST /v1/deploys}. */
@Serdeable
record DeployAccepted(String id, String serviceId, String status) {
}
