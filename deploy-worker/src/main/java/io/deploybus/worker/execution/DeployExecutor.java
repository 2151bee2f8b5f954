package io.deploybus.worker.execution;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.deploybus.render.RenderApiException;
import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderDeploy;
import io.deploybus.render.RenderNotFoundException;
import io.deploybus.render.RenderService;
import io.deploybus.render.TriggerDeploy;
import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.worker.WorkerConfiguration;
import io.deploybus.worker.execution.DeployProgress.Step;
import io.deploybus.worker.execution.DeployTracker.TrackingTimedOut;
import jakarta.inject.Singleton;

/**
 * Carries one deploy command through its steps against Render — validate, trigger, track — and
 * publishes a {@code DeployEvent} at every step, ending in exactly one terminal outcome. Knows
 * nothing of Kafka consumers: its caller hands it a command and waits.
 *
 * <p>A business outcome is an event, not an exception: a service Render does not know ends
 * {@code REJECTED}, a Render error ends {@code FAILED} with Render's message.
 */
@Singleton
public class DeployExecutor {

    private final RenderClient render;
    private final DeployTracker tracker;
    private final DeployEventPublisher events;
    private final WorkerConfiguration configuration;
    private final Clock clock;

    public DeployExecutor(RenderClient render, DeployTracker tracker, DeployEventPublisher events,
                          WorkerConfiguration configuration, Clock clock) {
        this.render = render;
        this.tracker = tracker;
        this.events = events;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** Runs the deploy to its terminal outcome; returns that outcome. */
    public DeployStatus execute(DeployCommand command) {
        DeployProgress progress = emit(DeployProgress.of(command), DeployEventType.DeployAccepted, DeployStatus.VALIDATING, null);
        try {
            Optional<String> refusal = refusalOf(command.getServiceId());
            if (refusal.isPresent()) {
                return emit(progress, DeployEventType.DeployRejected, DeployStatus.REJECTED, refusal.get()).status();
            }
            progress = emit(progress, DeployEventType.DeployValidated, DeployStatus.DEPLOYING, null);
            Optional<DeployProgress> triggered = trigger(progress);
            if (triggered.isEmpty()) {
                return emit(progress, DeployEventType.DeployFailed, DeployStatus.FAILED, "Render accepted the trigger"
                        + " (202) but no new deploy appeared within " + configuration.findTriggered()).status();
            }
            return track(triggered.get()).status();
        } catch (RenderApiException e) {
            return emit(progress, DeployEventType.DeployFailed, DeployStatus.FAILED, "Render refused: " + e.getMessage()).status();
        }
    }

    private Optional<String> refusalOf(String serviceId) {
        try {
            RenderService service = render.getService(serviceId);
            if (service.isSuspended()) {
                return Optional.of("service " + serviceId + " is suspended; resume it on Render first");
            }
            return Optional.empty();
        } catch (RenderNotFoundException e) {
            return Optional.of("Render has no service " + serviceId + " (or the API key cannot see it)");
        }
    }

    private Optional<DeployProgress> trigger(DeployProgress progress) {
        DeployCommand command = progress.command();
        Instant triggeredAt = clock.instant();
        var request = new TriggerDeploy(
                command.getCachePolicy() == CachePolicy.CLEAR_CACHE ? "clear" : "do_not_clear",
                command.getCommitId(), command.getImageUrl());
        Optional<RenderDeploy> deploy = render.triggerDeploy(command.getServiceId(), request)
                .or(() -> await(tracker.findCreatedSince(command.getServiceId(), triggeredAt, configuration.findTriggered())));
        return deploy.map(d -> emit(progress.withRenderDeploy(d.id(), d.status(), commitOf(d)),
                DeployEventType.DeployTriggered, DeployStatus.DEPLOYING, null));
    }

    private DeployProgress track(DeployProgress triggered) {
        Instant deadline = clock.instant().plusSeconds(triggered.command().getTimeoutSeconds());
        var current = new DeployProgress[] {triggered};
        try {
            RenderDeploy done = tracker.track(triggered.command().getServiceId(), triggered.renderDeployId(),
                    triggered.renderStatus(), deadline, deploy -> current[0] = statusChanged(current[0], deploy)).get();
            DeployStatus outcome = RenderStatuses.outcomeOf(done.status()).orElseThrow();
            return emit(current[0], outcomeEvent(outcome), outcome, reasonOf(outcome, done));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TrackingTimedOut timedOut) {
                return emit(current[0], DeployEventType.DeployTimedOut, DeployStatus.TIMED_OUT, timedOut.getMessage());
            }
            if (e.getCause() instanceof RenderApiException renderError) {
                throw renderError;
            }
            throw new IllegalStateException("tracking " + triggered.renderDeployId() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tracking " + triggered.renderDeployId(), e);
        }
    }

    private DeployProgress statusChanged(DeployProgress progress, RenderDeploy deploy) {
        var changed = progress.withRenderDeploy(deploy.id(), deploy.status(), commitOf(deploy));
        if (RenderStatuses.outcomeOf(deploy.status()).isPresent()) {
            return changed;
        }
        return emit(changed, DeployEventType.DeployStatusChanged, DeployStatus.DEPLOYING, null);
    }

    private static DeployEventType outcomeEvent(DeployStatus outcome) {
        return switch (outcome) {
            case SUCCEEDED -> DeployEventType.DeploySucceeded;
            case CANCELED -> DeployEventType.DeployCanceled;
            default -> DeployEventType.DeployFailed;
        };
    }

    private static String reasonOf(DeployStatus outcome, RenderDeploy deploy) {
        return switch (outcome) {
            case SUCCEEDED -> null;
            case CANCELED -> "Render canceled deploy " + deploy.id();
            default -> "Render deploy " + deploy.id() + " ended " + deploy.status();
        };
    }

    private static String commitOf(RenderDeploy deploy) {
        return deploy.commit() == null ? null : deploy.commit().id();
    }

    private DeployProgress emit(DeployProgress progress, DeployEventType type, DeployStatus status, String reason) {
        Step step = progress.step(type, status, reason, clock.instant());
        events.publish(step.event());
        return step.progress();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RenderApiException renderError) {
                throw renderError;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Render", e);
        }
    }
}
