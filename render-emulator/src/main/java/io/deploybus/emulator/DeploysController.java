package io.deploybus.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

/** {@code /v1/services/{serviceId}/deploys} and {@code /rollback}. */
@Controller("/v1/services/{serviceId}")
final class DeploysController {

    private final DeployLifecycle lifecycle;

    DeploysController(DeployLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** 201 with the deploy when it starts; 202 with no body when it waits behind one in progress (or is scripted to). */
    @Post("/deploys")
    HttpResponse<DeployResource> trigger(String serviceId, @Body @Nullable TriggerDeployRequest request) {
        return switch (lifecycle.trigger(serviceId, request == null ? TriggerDeployRequest.DEFAULTS : request)) {
            case DeployLifecycle.Triggered.Started started -> HttpResponse.created(DeployResource.of(started.deploy()));
            case DeployLifecycle.Triggered.Queued queued -> HttpResponse.accepted();
        };
    }

    /** Newest first; {@code status} filters, repeated ({@code status=a&status=b}) or comma-joined. */
    @Get("/deploys")
    List<PageRequest.DeployItem> list(String serviceId, @Nullable @QueryValue List<String> status,
                                      @Nullable @QueryValue Instant createdAfter, @Nullable @QueryValue Instant createdBefore,
                                      @Nullable @QueryValue Instant updatedAfter, @Nullable @QueryValue Instant updatedBefore,
                                      @Nullable @QueryValue Instant finishedAfter,
                                      @Nullable @QueryValue Instant finishedBefore,
                                      @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        Set<String> statuses = ServicesController.values(status);
        boolean byFinish = finishedAfter != null || finishedBefore != null;
        List<Deploy> deploys = lifecycle.newestFirst(serviceId).stream()
                .filter(deploy -> statuses.isEmpty() || statuses.contains(deploy.status().wire()))
                .filter(deploy -> TimeWindow.within(deploy.createdAt(), createdAfter, createdBefore))
                .filter(deploy -> TimeWindow.within(deploy.updatedAt(), updatedAfter, updatedBefore))
                .filter(deploy -> !byFinish || TimeWindow.within(deploy.finishedAt(), finishedAfter, finishedBefore))
                .toList();
        return page.of(deploys, Deploy::id).stream()
                .map(item -> new PageRequest.DeployItem(item.cursor(), DeployResource.of(item.item()))).toList();
    }

    @Get("/deploys/{deployId}")
    DeployResource get(String serviceId, String deployId) {
        return DeployResource.of(lifecycle.deploy(serviceId, deployId));
    }

    /** 200 with the canceled deploy; 400 when it is no longer in progress. */
    @Post("/deploys/{deployId}/cancel")
    DeployResource cancel(String serviceId, String deployId) {
        return DeployResource.of(lifecycle.cancel(serviceId, deployId));
    }

    /** 201 with the new deploy, trigger {@code rollback}, even when it has to wait behind one in progress. */
    @Post("/rollback")
    HttpResponse<DeployResource> rollback(String serviceId, @Body Rollback rollback) {
        if (rollback.deployId() == null || rollback.deployId().isBlank()) {
            throw new InvalidRequestException("deployId is required");
        }
        return HttpResponse.created(DeployResource.of(lifecycle.rollback(serviceId, rollback.deployId())));
    }

    @Serdeable
    record Rollback(@Nullable String deployId) {
    }
}
