package io.deploybus.render;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A Render service as {@code GET /services/{id}} returns it: the fields Deploybus uses. Unknown
 * fields are ignored; every field but {@code id} may be absent or {@code null}.
 *
 * @param id             {@code srv-…} (or {@code crn-…} for a cron job)
 * @param type           {@code web_service}, {@code private_service}, {@code background_worker},
 *                       {@code static_site}, {@code cron_job}; a String, because Render adds values
 * @param suspended      {@code suspended} or {@code not_suspended}
 * @param suspenders     why it is suspended ({@code user}, {@code billing}, …); empty when it is not
 * @param repo           the Git repository; absent for image-backed services
 * @param imagePath      the image, for image-backed services only
 * @param autoDeploy     {@code yes} or {@code no}
 * @param serviceDetails the type-specific part; only its common fields are mapped
 */
@Serdeable
public record RenderService(
        String id,
        @Nullable String name,
        @Nullable String type,
        @Nullable String suspended,
        @Nullable String ownerId,
        @Nullable List<String> suspenders,
        @Nullable String repo,
        @Nullable String branch,
        @Nullable String imagePath,
        @Nullable String autoDeploy,
        @Nullable String slug,
        @Nullable String dashboardUrl,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt,
        @Nullable Details serviceDetails) {

    public RenderService {
        suspenders = suspenders == null ? List.of() : List.copyOf(suspenders);
    }

    /** True when Render reports the service suspended: it serves nothing and takes no deploys. */
    public boolean isSuspended() {
        return "suspended".equals(suspended);
    }

    /** The public URL, for web services and static sites. */
    public Optional<String> url() {
        return Optional.ofNullable(serviceDetails).map(Details::url).filter(url -> !url.isBlank());
    }

    /** The HTTP health check path; empty when unset ({@code ""} on the wire) or not a web service. */
    public Optional<String> healthCheckPath() {
        return Optional.ofNullable(serviceDetails).map(Details::healthCheckPath).filter(path -> !path.isBlank());
    }

    /**
     * The common part of {@code serviceDetails}.
     *
     * @param url             {@code https://<slug>.onrender.com} for web services
     * @param healthCheckPath web services only; {@code ""} when unset
     */
    @Serdeable
    public record Details(
            @Nullable String url,
            @Nullable String healthCheckPath,
            @Nullable String runtime,
            @Nullable String region,
            @Nullable String plan,
            @Nullable Integer numInstances) {
    }
}
