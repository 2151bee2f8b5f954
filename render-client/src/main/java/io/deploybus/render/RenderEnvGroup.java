package io.deploybus.render;

import java.time.Instant;
import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An environment group. {@link RenderClient#listEnvGroups} returns them without {@code envVars} and
 * {@code secretFiles} (Render's {@code EnvGroupMeta}); those lists are then empty.
 *
 * @param serviceLinks the services it is linked to
 */
@Serdeable
public record RenderEnvGroup(
        String id,
        @Nullable String name,
        @Nullable String ownerId,
        @Nullable String environmentId,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt,
        @Nullable List<RenderEnvVar> envVars,
        @Nullable List<SecretFile> secretFiles,
        @Nullable List<ServiceLink> serviceLinks) {

    public RenderEnvGroup {
        envVars = envVars == null ? List.of() : List.copyOf(envVars);
        secretFiles = secretFiles == null ? List.of() : List.copyOf(secretFiles);
        serviceLinks = serviceLinks == null ? List.of() : List.copyOf(serviceLinks);
    }

    public boolean isLinkedTo(String serviceId) {
        return serviceLinks.stream().anyMatch(link -> serviceId.equals(link.id()));
    }

    /** @param type Render's short type: {@code web}, {@code pserv}, {@code worker}, {@code static}, {@code cron} */
    @Serdeable
    public record ServiceLink(String id, @Nullable String name, @Nullable String type) {
    }

    @Serdeable
    public record SecretFile(String name, @Nullable String content) {

        @Override
        public String toString() {
            return "SecretFile[name=" + name + ", content=****]";
        }
    }
}
