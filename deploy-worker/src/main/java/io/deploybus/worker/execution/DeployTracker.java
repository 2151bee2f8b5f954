package io.deploybus.worker.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderDeploy;
import io.deploybus.render.RenderRetriableException;
import io.deploybus.worker.WorkerConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a triggered Render deploy to a terminal status by adaptive polling: the first look soon
 * after the trigger, then ever longer waits while it builds, up to a ceiling. Waiting holds no
 * thread: each look is a task on the scheduler.
 */
@Singleton
public class DeployTracker {

    private static final Logger LOG = LoggerFactory.getLogger(DeployTracker.class);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final RenderClient render;
    private final TaskScheduler scheduler;
    private final WorkerConfiguration configuration;
    private final Clock clock;

    public DeployTracker(RenderClient render, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                         WorkerConfiguration configuration, Clock clock) {
        this.render = render;
        this.scheduler = scheduler;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * Tracks a deploy until Render reports a terminal status or the deadline passes.
     *
     * @param onChange called with the deploy each time its Render status changes
     * @return the deploy in its terminal status, or {@link TrackingTimedOut} past the deadline
     */
    public CompletableFuture<RenderDeploy> track(String serviceId, String renderDeployId, String lastStatus,
                                                 Instant deadline, Consumer<RenderDeploy> onChange) {
        var result = new CompletableFuture<RenderDeploy>();
        var tracking = new Tracking(serviceId, renderDeployId, deadline, onChange, result);
        tracking.lastStatus = lastStatus;
        tracking.scheduleNext(configuration.pollInitial());
        return result;
    }

    /**
     * Looks for the newest deploy of a service created since a trigger that Render answered with 202
     * and no body, the way Render's own CLI does, until one appears or the time is up.
     */
    public CompletableFuture<Optional<RenderDeploy>> findCreatedSince(String serviceId, Instant triggeredAt, Duration within) {
        var result = new CompletableFuture<Optional<RenderDeploy>>();
        Instant giveUp = clock.instant().plus(within);
        // Render's clock and ours differ a little; a deploy created just before our trigger time is still ours.
        Instant notBefore = triggeredAt.minus(CLOCK_SKEW);
        scheduler.schedule(configuration.pollInitial(),
                () -> lookForCreated(serviceId, notBefore, giveUp, configuration.pollInitial(), result));
        return result;
    }

    private void lookForCreated(String serviceId, Instant notBefore, Instant giveUp, Duration wait,
                                CompletableFuture<Optional<RenderDeploy>> result) {
        try {
            Optional<RenderDeploy> found = render.listDeploys(serviceId, 5).stream()
                    .filter(d -> d.createdAt() != null && !d.createdAt().isBefore(notBefore))
                    .findFirst();
            if (found.isPresent() || clock.instant().isAfter(giveUp)) {
                result.complete(found);
                return;
            }
        } catch (RenderRetriableException e) {
            LOG.warn("Looking for the deploy of {} failed, will look again: {}", serviceId, e.getMessage());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        scheduler.schedule(wait, () -> lookForCreated(serviceId, notBefore, giveUp, wait, result));
    }

    /** The deadline passed before Render reported a terminal status. */
    public static final class TrackingTimedOut extends RuntimeException {
        TrackingTimedOut(String renderDeployId, String lastStatus) {
            super("deploy " + renderDeployId + " still " + lastStatus + " at its deadline");
        }
    }

    private final class Tracking {
        private final String serviceId;
        private final String renderDeployId;
        private final Instant deadline;
        private final Consumer<RenderDeploy> onChange;
        private final CompletableFuture<RenderDeploy> result;
        private String lastStatus;
        private Duration wait;

        Tracking(String serviceId, String renderDeployId, Instant deadline, Consumer<RenderDeploy> onChange,
                 CompletableFuture<RenderDeploy> result) {
            this.serviceId = serviceId;
            this.renderDeployId = renderDeployId;
            this.deadline = deadline;
            this.onChange = onChange;
            this.result = result;
        }

        void scheduleNext(Duration next) {
            wait = next;
            Duration untilDeadline = Duration.between(clock.instant(), deadline);
            if (untilDeadline.isNegative()) {
                result.completeExceptionally(new TrackingTimedOut(renderDeployId, lastStatus));
                return;
            }
            scheduler.schedule(next.compareTo(untilDeadline) < 0 ? next : untilDeadline, this::look);
        }

        void look() {
            try {
                RenderDeploy deploy = render.getDeploy(serviceId, renderDeployId);
                if (!deploy.status().equals(lastStatus)) {
                    lastStatus = deploy.status();
                    if (!RenderStatuses.isKnown(deploy.status())) {
                        LOG.warn("Render reports unknown status '{}' for {}; tracking on", deploy.status(), renderDeployId);
                    }
                    onChange.accept(deploy);
                }
                if (RenderStatuses.outcomeOf(deploy.status()).isPresent()) {
                    result.complete(deploy);
                    return;
                }
                scheduleNext(longer(wait));
            } catch (RenderRetriableException e) {
                LOG.warn("Looking at {} failed, will look again: {}", renderDeployId, e.getMessage());
                scheduleNext(longer(wait));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private Duration longer(Duration current) {
            long next = (long) (current.toMillis() * configuration.pollMultiplier());
            return Duration.ofMillis(Math.min(next, configuration.pollMax().toMillis()));
        }
    }
}
