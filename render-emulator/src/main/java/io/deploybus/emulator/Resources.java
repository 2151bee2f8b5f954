package io.deploybus.emulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Render's JSON shapes of env vars, env groups, events, instances, owners and logs. */
final class Resources {

    private Resources() {
    }

    @Serdeable
    record EnvVar(String key, String value) {

        static EnvVar of(Map.Entry<String, String> entry) {
            return new EnvVar(entry.getKey(), entry.getValue());
        }
    }

    @Serdeable
    record EnvVarItem(String cursor, EnvVar envVar) {
    }

    /** {@code EnvGroup}, or {@code EnvGroupMeta} without {@code envVars} and {@code secretFiles}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EnvGroup(String id, String name, String ownerId, String createdAt, String updatedAt,
                    List<ServiceLink> serviceLinks, @Nullable List<EnvVar> envVars, @Nullable List<SecretFile> secretFiles) {

        static EnvGroup of(EnvGroups.Group group, ServiceCatalog catalog, boolean withVars) {
            List<ServiceLink> links = group.serviceIds().stream()
                    .map(id -> new ServiceLink(id, catalog.service(id).name(), "web")).toList();
            return new EnvGroup(group.id(), group.name(), group.ownerId(), RenderTimestamp.of(group.createdAt()),
                    RenderTimestamp.of(group.updatedAt()), links,
                    withVars ? group.envVars().entrySet().stream().map(EnvVar::of).toList() : null,
                    withVars ? List.of() : null);
        }
    }

    @Serdeable
    record ServiceLink(String id, String name, String type) {
    }

    @Serdeable
    record SecretFile(String name, String content) {
    }

    @Serdeable
    record Event(String id, String timestamp, String serviceId, String type, Map<String, Object> details) {

        static Event of(ServiceEvent event) {
            return new Event(event.id(), RenderTimestamp.of(event.timestamp()), event.serviceId(), event.type(),
                    event.details());
        }
    }

    @Serdeable
    record EventItem(String cursor, Event event) {
    }

    @Serdeable
    record Instance(String id, String createdAt) {
    }

    @Serdeable
    record Owner(String id, String name, String email, String type) {
    }

    @Serdeable
    record OwnerItem(String cursor, Owner owner) {
    }

    @Serdeable
    record Logs(boolean hasMore, String nextStartTime, String nextEndTime, List<Log> logs) {
    }

    @Serdeable
    record Log(String id, String timestamp, String message, List<Label> labels) {
    }

    @Serdeable
    record Label(String name, String value) {
    }
}
