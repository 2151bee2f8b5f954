package io.deploybus.worker.execution;

import java.util.Optional;

import io.deploybus.schemas.avro.DeployStatus;

/**
 * The one map from Render's deploy statuses to Deploybus outcomes.
 *
 * <table>
 *   <tr><th>Render</th><th>outcome</th></tr>
 *   <tr><td>{@code live}</td><td>SUCCEEDED</td></tr>
 *   <tr><td>{@code deactivated}</td><td>SUCCEEDED: it was live and has since been replaced by a newer deploy</td></tr>
 *   <tr><td>{@code build_failed}, {@code pre_deploy_failed}, {@code update_failed}</td><td>FAILED</td></tr>
 *   <tr><td>{@code canceled}</td><td>CANCELED</td></tr>
 *   <tr><td>{@code created}, {@code queued}, {@code *_in_progress}</td><td>none yet: still going
 *       ({@code queued} waits behind another deploy of the service, it has not failed)</td></tr>
 *   <tr><td>anything else</td><td>none: a status Render added since; tracking goes on until the timeout</td></tr>
 * </table>
 */
public final class RenderStatuses {

    private RenderStatuses() {
    }

    /** The outcome a Render status means, or empty while the deploy is still going. */
    public static Optional<DeployStatus> outcomeOf(String renderStatus) {
        if (renderStatus == null) {
            return Optional.empty();
        }
        return switch (renderStatus) {
            case "live", "deactivated" -> Optional.of(DeployStatus.SUCCEEDED);
            case "build_failed", "pre_deploy_failed", "update_failed" -> Optional.of(DeployStatus.FAILED);
            case "canceled" -> Optional.of(DeployStatus.CANCELED);
            default -> Optional.empty();
        };
    }

    /** Whether Render knows the status; an unknown one is tracked on, and logged once. */
    public static boolean isKnown(String renderStatus) {
        return switch (renderStatus) {
            case "created", "queued", "build_in_progress", "pre_deploy_in_progress", "update_in_progress",
                 "live", "deactivated", "build_failed", "pre_deploy_failed", "update_failed", "canceled" -> true;
            default -> false;
        };
    }
}
