package io.deploybus.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

/** {@code /v1/services/{serviceId}/deploys}. */
@Controller("/v1/services/{serviceId}/deploys")
final class DeploysController {

    private final DeployLifecycle lifecycle;

    DeploysController(DeployLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** 201 with the deploy when it starts; 202 with no body when it waits behind one in progress. */
    @Post
    HttpResponse<DeployResource> trigger(String serviceId, @Body @Nullable TriggerDeployRequest request) {
        return switch (lifecycle.trigger(serviceId, request == null ? TriggerDeployRequest.DEFAULTS : request)) {
            case DeployLifecycle.Triggered.Started started -> HttpResponse.created(DeployResource.of(started.deploy()));
            case DeployLifecycle.Triggered.Queued queued -> HttpResponse.accepted();
        };
    }

    /** Newest first; {@code status} filters, repeated ({@code status=a&status=b}) or comma-joined. */
    @Get
    List<PageRequest.DeployItem> list(String serviceId, @Nullable @QueryValue List<String> status,
                                      @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        Set<String> statuses = status == null ? Set.of() : status.stream()
                .flatMap(value -> Arrays.stream(value.split(","))).map(String::strip).collect(Collectors.toSet());
        List<Deploy> deploys = lifecycle.newestFirst(serviceId).stream()
                .filter(deploy -> statuses.isEmpty() || statuses.contains(deploy.status().wire())).toList();
        return page.of(deploys, Deploy::id).stream()
                .map(item -> new PageRequest.DeployItem(item.cursor(), DeployResource.of(item.item()))).toList();
    }

    @Get("/{deployId}")
    DeployResource get(String serviceId, String deployId) {
        return DeployResource.of(lifecycle.deploy(serviceId, deployId));
    }
}
