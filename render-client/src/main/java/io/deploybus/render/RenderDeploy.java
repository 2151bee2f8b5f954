package io.deploybus.render;

import java.time.Instant;
import java.util.Set;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A deploy of a Render service.
 *
 * <p>{@code status} stays a String: Render adds values (it added {@code queued} in 2025), and an
 * unknown one must not break a deploy that is being followed. Known values: {@code created},
 * {@code queued}, {@code build_in_progress}, {@code pre_deploy_in_progress},
 * {@code update_in_progress}, {@code live}, {@code deactivated}, {@code build_failed},
 * {@code pre_deploy_failed}, {@code update_failed}, {@code canceled}.
 *
 * @param trigger    {@code api}, {@code new_commit}, {@code rollback}, {@code deploy_hook}, …
 * @param commit     the Git commit; {@code null} for image deploys
 * @param finishedAt {@code null} while the deploy runs
 * @param startedAt  when work began, if Render says
 * @param image      the image, for image deploys only
 */
@Serdeable
public record RenderDeploy(
        String id,
        @Nullable String status,
        @Nullable String trigger,
        @Nullable Commit commit,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant startedAt,
        @Nullable Image image) {

    private static final Set<String> TERMINAL = Set.of(
            "live", "deactivated", "build_failed", "pre_deploy_failed", "update_failed", "canceled");

    /** True once the deploy can change no more by itself: live, replaced, failed or canceled. */
    public boolean isTerminal() {
        return status != null && TERMINAL.contains(status);
    }

    /** The Git commit a deploy built. */
    @Serdeable
    public record Commit(String id, @Nullable String message, @Nullable Instant createdAt) {
    }

    /**
     * The image an image deploy runs.
     *
     * @param ref the reference asked for, for example {@code docker.io/library/nginx:latest}
     * @param sha the digest it resolved to
     */
    @Serdeable
    public record Image(@Nullable String ref, @Nullable String sha, @Nullable String registryCredential) {
    }
}
