package io.deploybus.emulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A service in Render's JSON shape. Empty strings and lists are sent, as Render does;
 * {@code repo}/{@code branch} are left out for image-backed services and {@code imagePath} for
 * Git-backed ones.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ServiceResource(
        String id,
        String name,
        String ownerId,
        String type,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String repo,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String branch,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String imagePath,
        String autoDeploy,
        String autoDeployTrigger,
        String rootDir,
        String slug,
        String suspended,
        List<String> suspenders,
        String notifyOnFail,
        String dashboardUrl,
        String createdAt,
        String updatedAt,
        Details serviceDetails) {

    static ServiceResource of(EmulatedService service) {
        boolean image = service.isImageBacked();
        return new ServiceResource(service.id(), service.name(), service.ownerId(), service.type(),
                service.repo(), service.branch(), service.imagePath(),
                service.autoDeploy() ? "yes" : "no", service.autoDeploy() ? "commit" : "off", "", service.slug(),
                service.suspended() ? "suspended" : "not_suspended",
                service.suspended() ? List.of("user") : List.of(),
                "default", "https://dashboard.render.com/web/" + service.id(),
                RenderTimestamp.of(service.createdAt()), RenderTimestamp.of(service.updatedAt()),
                Details.of(service));
    }

    /** {@code webServiceDetails}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Details(
            String env,
            String runtime,
            Map<String, String> envSpecificDetails,
            String plan,
            String region,
            int numInstances,
            String buildPlan,
            String healthCheckPath,
            List<Port> openPorts,
            String url,
            String pullRequestPreviewsEnabled,
            Map<String, String> previews,
            Map<String, Object> maintenanceMode) {

        static Details of(EmulatedService service) {
            Map<String, String> envSpecific = switch (service.runtime()) {
                case "image" -> Map.of("dockerCommand", "", "dockerContext", "", "dockerfilePath", "");
                case "node" -> Map.of("buildCommand", "npm ci", "startCommand", "npm start");
                case "python" -> Map.of("buildCommand", "pip install -r requirements.txt", "startCommand",
                        "gunicorn app:app");
                default -> Map.of("buildCommand", "./build.sh", "startCommand", "./start.sh");
            };
            return new Details(service.runtime(), service.runtime(), envSpecific, service.plan(), service.region(), service.numInstances(),
                    "starter", service.healthCheckPath(), List.of(new Port(10000, "TCP")), service.url(), "no",
                    Map.of("generation", "off"), Map.of("enabled", false, "uri", ""));
        }
    }

    @Serdeable
    record Port(int port, String protocol) {
    }
}
