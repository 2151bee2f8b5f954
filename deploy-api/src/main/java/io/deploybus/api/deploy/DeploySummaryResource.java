package io.deploybus.api.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A deploy in a listing: what {@code GET /v1/deploys/{id}} shows but its config changes and events,
 * which that route has. Members without a value yet are {@code null}, not absent.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeploySummaryResource(
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
        Map<String, String> labels) {

    static DeploySummaryResource of(DeployView.Deploy deploy) {
        return new DeploySummaryResource(deploy.deployId(), deploy.serviceId(), deploy.status().name(), deploy.batchId(),
                deploy.commitId(), deploy.imageUrl(), deploy.renderDeployId(), deploy.reason(), deploy.requestedBy(),
                deploy.acceptedAt(), deploy.finishedAt(), deploy.labels());
    }

    /** The body of {@code GET /v1/deploys}: a page, newest first, and the cursor of the next one (null: none). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<DeploySummaryResource> deploys, @Nullable String nextCursor) {

        static Page of(DeployView.Page page) {
            List<DeploySummaryResource> deploys = page.deploys().stream().map(DeploySummaryResource::of).toList();
            DeployView.Deploy last = page.deploys().isEmpty() ? null : page.deploys().getLast();
            String next = page.more() && last != null ? new Cursor(last.acceptedAt(), last.deployId()).encode() : null;
            return new Page(deploys, next);
        }
    }

    /**
     * The body of {@code GET /v1/services/{serviceId}/deploys}: the deploy in flight, the ones queued
     * behind it in the order they will run, and a page of the service's history, newest first.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ServiceDeploys(
            String serviceId,
            @Nullable DeploySummaryResource inFlight,
            List<DeploySummaryResource> queue,
            List<DeploySummaryResource> history,
            @Nullable String nextCursor) {

        static ServiceDeploys of(String serviceId, DeployView.Line line, DeployView.Page history) {
            Page page = Page.of(history);
            return new ServiceDeploys(serviceId, line.inFlight() == null ? null : DeploySummaryResource.of(line.inFlight()),
                    line.queue().stream().map(DeploySummaryResource::of).toList(), page.deploys(), page.nextCursor());
        }
    }
}
