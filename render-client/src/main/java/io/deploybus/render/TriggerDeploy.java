package io.deploybus.render;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /services/{id}/deploys}. {@code null} fields are left out of the JSON,
 * so Render applies its defaults.
 *
 * @param clearCache {@code clear} or {@code do_not_clear} (Render's default)
 * @param commitId   the commit to deploy; {@code null} for the branch's latest
 * @param imageUrl   the image to deploy, image-backed services only; its host, repository and name
 *                   must match the service's image
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerDeploy(@Nullable String clearCache, @Nullable String commitId, @Nullable String imageUrl) {

    public static final String CLEAR = "clear";
    public static final String DO_NOT_CLEAR = "do_not_clear";

    /** Deploys the latest commit of the branch (or the configured image), keeping the build cache. */
    public static TriggerDeploy latest() {
        return new TriggerDeploy(null, null, null);
    }

    /** Deploys one commit. */
    public static TriggerDeploy commit(String commitId) {
        return new TriggerDeploy(null, commitId, null);
    }

    /** Deploys one image. */
    public static TriggerDeploy image(String imageUrl) {
        return new TriggerDeploy(null, null, imageUrl);
    }

    /** The same request, clearing the build cache first. */
    public TriggerDeploy clearingCache() {
        return new TriggerDeploy(CLEAR, commitId, imageUrl);
    }
}
