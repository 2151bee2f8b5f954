package io.deploybus.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A deploy in Render's JSON shape, with Render's explicit nulls: {@code "commit": null} for an
 * image deploy, {@code "finishedAt": null} while it runs. {@code image} and {@code startedAt} are
 * left out when there are none.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeployResource(
        String id,
        @Nullable Commit commit,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Image image,
        String status,
        String trigger,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String startedAt,
        String createdAt,
        String updatedAt,
        @Nullable String finishedAt) {

    static DeployResource of(Deploy deploy) {
        return new DeployResource(deploy.id(),
                deploy.commit() == null ? null : new Commit(deploy.commit().id(), deploy.commit().message(),
                        RenderTimestamp.ofCommit(deploy.commit().createdAt())),
                deploy.image() == null ? null : new Image(deploy.image().ref(), deploy.image().sha()),
                deploy.status().wire(), deploy.trigger(), RenderTimestamp.of(deploy.startedAt()),
                RenderTimestamp.of(deploy.createdAt()), RenderTimestamp.of(deploy.updatedAt()),
                RenderTimestamp.of(deploy.finishedAt()));
    }

    @Serdeable
    record Commit(String id, String message, String createdAt) {
    }

    @Serdeable
    record Image(String ref, String sha) {
    }
}
