package io.deploybus.render;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The wrappers Render puts around list items: {@code [{"cursor": "…", "service": {…}}]}. */
final class ListItems {

    private ListItems() {
    }

    @Serdeable
    record ServiceItem(@Nullable String cursor, @Nullable RenderService service) {
    }

    @Serdeable
    record DeployItem(@Nullable String cursor, @Nullable RenderDeploy deploy) {
    }

    @Serdeable
    record EnvVarItem(@Nullable String cursor, @Nullable RenderEnvVar envVar) {
    }

    @Serdeable
    record EventItem(@Nullable String cursor, @Nullable RenderEvent event) {
    }

    @Serdeable
    record OwnerItem(@Nullable String cursor, @Nullable RenderOwner owner) {
    }

    /** Render's error body; the fake and proxies sometimes send something else, or nothing. */
    @Serdeable
    record ErrorBody(@Nullable String id, @Nullable String message) {
    }

    /** The body of {@code PUT /services/{id}/env-vars/{key}}. */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record EnvVarValue(@Nullable String value, @Nullable Boolean generateValue) {
    }

    @Serdeable
    record Rollback(String deployId) {
    }

    @Serdeable
    record Scale(int numInstances) {
    }
}
