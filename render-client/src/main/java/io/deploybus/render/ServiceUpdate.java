package io.deploybus.render;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code PATCH /services/{id}}: only the fields set are sent, so Render leaves the others.
 * Render's PATCH has no env groups, env vars or instance count: use the dedicated operations.
 *
 * @param autoDeploy     {@code yes} or {@code no}
 * @param serviceDetails web-service settings, such as the health check path
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceUpdate(@Nullable String name, @Nullable String branch, @Nullable String autoDeploy,
                            @Nullable Details serviceDetails) {

    /** Switches automatic deploys on new commits on or off. */
    public static ServiceUpdate autoDeploy(boolean enabled) {
        return new ServiceUpdate(null, null, enabled ? "yes" : "no", null);
    }

    /** Sets the HTTP health check path of a web service ({@code ""} unsets it). */
    public static ServiceUpdate healthCheckPath(String path) {
        return new ServiceUpdate(null, null, null, new Details(path));
    }

    public ServiceUpdate withBranch(String branch) {
        return new ServiceUpdate(name, branch, autoDeploy, serviceDetails);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(@Nullable String healthCheckPath) {
    }
}
