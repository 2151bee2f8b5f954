package io.deploybus.api.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code GET /v1/deploys/{id}}. Members without a value yet are {@code null}, not
 * absent, so that every response has the same shape. {@code envVars}, {@code envGroups} and
 * {@code rollback} come from the command: an instance that has seen only the deploy's events shows
 * them empty and {@code null}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeployResource(
        String id,
        String serviceId,
        String status,
        @Nullable String batchId,
        @Nullable String commitId,
        @Nullable String imageUrl,
        @Nullable String renderDeployId,
        @Nullable String reason,
        @Nullable String requestedBy,
        Instant acceptedAt,
        @Nullable Instant finishedAt,
        Map<String, String> labels,
        List<EnvVarResource> envVars,
        EnvGroupsResource envGroups,
        @Nullable RollbackResource rollback,
        List<EventResource> events) {

    static DeployResource of(DeployView.Deploy deploy) {
        return new DeployResource(deploy.deployId(), deploy.serviceId(), deploy.status().name(), deploy.batchId(),
                deploy.commitId(),
                deploy.imageUrl(), deploy.renderDeployId(), deploy.reason(), deploy.requestedBy(), deploy.acceptedAt(),
                deploy.finishedAt(), deploy.labels(),
                deploy.envVars().stream().map(e -> new EnvVarResource(e.key(), e.action().name())).toList(),
                new EnvGroupsResource(deploy.envGroups().link(), deploy.envGroups().unlink()),
                deploy.rollback() == null ? null
                        : new RollbackResource(deploy.rollback().enabled(), deploy.rollback().disableAutoDeploy()),
                deploy.events().stream().map(EventResource::of).toList());
    }

    /** An env var change: the key and {@code SET}, {@code DELETE} or {@code GENERATE}; never the value. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EnvVarResource(String key, String action) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EnvGroupsResource(List<String> link, List<String> unlink) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RollbackResource(boolean enabled, boolean disableAutoDeploy) {
    }

    /** One event of the deploy, in {@code sequence} order. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EventResource(
            String type,
            String status,
            Instant occurredAt,
            int sequence,
            @Nullable String renderStatus,
            @Nullable String reason) {

        static EventResource of(DeployView.Event event) {
            return new EventResource(event.type().name(), event.status().name(), event.occurredAt(), event.sequence(),
                    event.renderStatus(), event.reason());
        }
    }
}
