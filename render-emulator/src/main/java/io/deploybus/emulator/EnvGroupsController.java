package io.deploybus.emulator;

import java.util.List;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

/** {@code /v1/env-groups}: list (a bare array, as at Render), read, link and unlink services. */
@Controller("/v1/env-groups")
final class EnvGroupsController {

    private final EnvGroups groups;
    private final ServiceCatalog catalog;

    EnvGroupsController(EnvGroups groups, ServiceCatalog catalog) {
        this.groups = groups;
        this.catalog = catalog;
    }

    /** Render gives no per-item cursor here; the emulator reads {@code cursor} as the id of the last group seen. */
    @Get
    List<Resources.EnvGroup> list(@Nullable @QueryValue List<String> name, @Nullable @QueryValue List<String> ownerId,
                                  @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        Set<String> names = ServicesController.values(name);
        Set<String> owners = ServicesController.values(ownerId);
        List<EnvGroups.Group> matching = groups.newestFirst().stream()
                .filter(group -> names.isEmpty() || names.contains(group.name()))
                .filter(group -> owners.isEmpty() || owners.contains(group.ownerId()))
                .toList();
        return PageRequest.of(cursor, limit).of(matching, EnvGroups.Group::id).stream()
                .map(item -> Resources.EnvGroup.of(item.item(), catalog, false)).toList();
    }

    @Get("/{envGroupId}")
    Resources.EnvGroup get(String envGroupId) {
        return Resources.EnvGroup.of(groups.group(envGroupId), catalog, true);
    }

    @Post("/{envGroupId}/services/{serviceId}")
    Resources.EnvGroup link(String envGroupId, String serviceId) {
        return Resources.EnvGroup.of(groups.link(envGroupId, serviceId), catalog, true);
    }

    @Delete("/{envGroupId}/services/{serviceId}")
    HttpResponse<Void> unlink(String envGroupId, String serviceId) {
        groups.unlink(envGroupId, serviceId);
        return HttpResponse.noContent();
    }
}
