package io.deploybus.worker.lane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.deploybus.render.RenderApiException;
import io.deploybus.render.RenderConnectionException;
import io.deploybus.render.RenderRetriableException;
import io.deploybus.render.RenderTimeoutException;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.LaneDeploy;
import io.deploybus.schemas.secrets.SecretBox.SecretBoxException;
import io.deploybus.service.Backoff;
import io.deploybus.worker.Faults;
import io.deploybus.worker.WorkerConfiguration;
import io.deploybus.worker.batch.BatchLog;
import io.deploybus.worker.batch.BatchLog.BatchLogException;
import io.deploybus.worker.lane.DeploySteps.Continue;
import io.deploybus.worker.lane.DeploySteps.Finish;
import io.deploybus.worker.lane.DeploySteps.Next;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lanes this instance owns, and their runners.
 *
 * <p>A lane has at most one runner, a virtual thread that executes its deploys one after the
 * other; a permit from a semaphore bounds how many deploys run at once on this instance. Waiting
 * (for Render, a webhook, a retry) parks the virtual thread and holds no OS thread, so a long
 * deploy holds up nothing but its own lane. Every phase is journaled before the next step runs.
 */
@Singleton
class Lanes {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(30);

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Thread> runners = new ConcurrentHashMap<>();
    private final Semaphore permits;
    private final DeploySteps steps;
    private final LaneJournal journal;
    private final CrashPoints crashPoints;
    private final BatchLog batchLog;
    private final WorkerConfiguration configuration;
    private final Backoff backoff;
    private final Clock clock;

    Lanes(DeploySteps steps, LaneJournal journal, CrashPoints crashPoints, BatchLog batchLog, WorkerConfiguration configuration,
          MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.steps = steps;
        this.batchLog = batchLog;
        this.journal = journal;
        this.crashPoints = crashPoints;
        this.configuration = configuration;
        this.backoff = new Backoff(configuration.retryInitial(), configuration.retryMax());
        this.permits = new Semaphore(configuration.maxConcurrentDeploys(), true);
        Gauge.builder("deploybus.worker.deploys.running", this, Lanes::deploysInFlight)
                .description("Deploys this instance is running now").register(meters);
        Gauge.builder("deploybus.worker.lanes", lanes, Map::size)
                .description("Service lanes this instance owns").register(meters);
    }

    /** Takes over the lanes of newly owned partitions from the journal and resumes their deploys. */
    void assign(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        journal.open(partitions);
        List<LaneJournal.Restored> restored = journal.restore(List.copyOf(partitions));
        for (LaneJournal.Restored record : restored) {
            Lane lane = Lane.restore(record.lane(), record.partition(), configuration.recentDeploys());
            lanes.put(lane.serviceId(), lane);
            schedule(lane);
        }
        LOG.info("Owning partitions {}: {} lanes restored", partitions, restored.size());
    }

    /** Gives up the lanes of partitions this instance no longer owns; returns once their runners stopped. */
    void revoke(Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<Lane> leaving = lanes.values().stream().filter(l -> partitions.contains(l.partition())).toList();
        LOG.info("Giving up partitions {}: {} lanes stop", partitions, leaving.size());
        leaving.forEach(Lane::revoke);
        for (Lane lane : leaving) {
            Thread runner = runners.get(lane.serviceId());
            if (runner != null) {
                runner.interrupt();
                join(runner);
            }
            lanes.remove(lane.serviceId(), lane);
        }
        journal.close(partitions);
    }

    /**
     * Another instance owns the partition now (this one was paused or cut off while the group gave
     * it away): its lanes stop before their next effect, without waiting for their runners, one of
     * which may be the caller. The intake's consumer learns of the loss on its own.
     */
    void standDown(int partition) {
        List<Lane> leaving = lanes.values().stream().filter(l -> l.partition() == partition).toList();
        LOG.warn("Fenced out of journal partition {}: another instance owns it now; {} lanes stand down", partition,
                leaving.size());
        for (Lane lane : leaving) {
            lane.revoke();
            Thread runner = runners.get(lane.serviceId());
            if (runner != null && runner != Thread.currentThread()) {
                runner.interrupt();
            }
            lanes.remove(lane.serviceId(), lane);
        }
    }

    /**
     * Takes a command into its service's lane; returns the lane to journal, or empty for a command
     * the lane already has (a delivery after a crash between journal and offset commit). The
     * lane's runner starts only at {@link #start}, once the journal has it: nothing may happen on
     * Render for a command the journal might not have.
     */
    Optional<Lane> accept(DeployCommand command, int partition) {
        Lane lane = lanes.computeIfAbsent(command.getServiceId(), id -> new Lane(id, partition, configuration.recentDeploys()));
        if (lane.knows(command.getDeployId())) {
            return Optional.empty();
        }
        lane.enqueue(command);
        return Optional.of(lane);
    }

    /** Lets the runners of journaled lanes go. */
    void start(Collection<Lane> journaled) {
        journaled.forEach(this::schedule);
    }

    /** Whether this instance owns the partition's lanes now. */
    boolean owns(int partition) {
        return journal.owns(partition);
    }

    /** A webhook about a service: wake its runner, which looks at Render now. */
    void nudge(String serviceId) {
        Lane lane = lanes.get(serviceId);
        if (lane != null) {
            lane.nudge();
        }
    }

    int deploysInFlight() {
        return configuration.maxConcurrentDeploys() - permits.availablePermits();
    }

    @PreDestroy
    void stop() {
        revoke(lanes.values().stream().map(Lane::partition).distinct().toList());
    }

    private void schedule(Lane lane) {
        schedule(lane, Duration.ZERO);
    }

    private void schedule(Lane lane, Duration after) {
        if (!lane.claimRunner()) {
            return;
        }
        Thread runner = Thread.ofVirtual().name("lane-" + lane.serviceId()).unstarted(() -> {
            try {
                pause(after);
            } catch (InterruptedException e) {
                runners.remove(lane.serviceId(), Thread.currentThread());
                lane.releaseRunner();
                return;
            }
            run(lane);
        });
        runners.put(lane.serviceId(), runner);
        runner.start();
    }

    private void run(Lane lane) {
        boolean failed = false;
        try {
            while (!lane.isRevoked() && startNext(lane)) {
                permits.acquire();
                try {
                    runDeploy(lane);
                } finally {
                    permits.release();
                }
            }
        } catch (InterruptedException e) {
            LOG.info("Runner of {} stopped", lane.serviceId());
        } catch (RuntimeException e) {
            LOG.error("Runner of {} failed; it resumes from the journaled phase in {}", lane.serviceId(),
                    configuration.retryMax(), e);
            failed = true;
        } finally {
            runners.remove(lane.serviceId(), Thread.currentThread());
            lane.releaseRunner();
        }
        if (!lane.isRevoked() && (failed || lane.startNextIfIdle())) {
            schedule(lane, failed ? configuration.retryMax() : Duration.ZERO);
        }
    }

    /**
     * Moves the next waiting deploy in flight. Not journaled by itself: a lane restored with the
     * deploy still waiting starts it the same way.
     */
    private boolean startNext(Lane lane) {
        return lane.startNextIfIdle();
    }

    private void runDeploy(Lane lane) throws InterruptedException {
        LaneDeploy deploy = steps.started(lane.current().orElseThrow());
        lane.update(deploy);
        int failures = 0;
        int unexpected = 0;
        Instant failingSince = null;
        while (true) {
            Next next;
            try {
                next = steps.step(deploy, lane);
            } catch (RuntimeException e) {
                if (e instanceof LaneFencedException fenced) {
                    standDown(fenced.partition());
                }
                stopIfRevoked(lane);
                deploy = lane.current().orElseThrow();
                failures++;
                unexpected += Faults.isTransient(e) ? 0 : 1;
                failingSince = failures == 1 ? clock.instant() : failingSince;
                next = failedOrRetry(deploy, lane, e, unexpected, failingSince);
                if (next == null) {
                    if (failures == 2 && e instanceof RenderRetriableException renderDown) {
                        deploy = sayWhy(deploy, lane, renderDown, failingSince);
                    }
                    pause(backoff.after(failures));
                    continue;
                }
            }
            stopIfRevoked(lane);
            failures = 0;
            unexpected = 0;
            switch (next) {
                case Continue(LaneDeploy continued, List<DeployEvent> events) -> {
                    deploy = continued;
                    lane.update(deploy);
                    persist(lane, events);
                    crashPoints.reached("journaled-" + deploy.getPhase());
                }
                case Finish(LaneDeploy finished) -> {
                    reportToBatch(finished);
                    lane.update(finished);
                    lane.finishCurrent();
                    persist(lane);
                    crashPoints.reached("journaled-finish");
                    return;
                }
            }
        }
    }

    /**
     * What a step's error means: a cause to end the deploy (Render refused, a sealed value that
     * does not open, an unexpected error that came back {@code stepAttempts} times, a timeout that
     * ran out while the step could not go on), or null: the step runs again from the journaled
     * phase after a backoff. Which errors pass by themselves is {@link Faults}' to say.
     */
    private Next failedOrRetry(LaneDeploy deploy, Lane lane, RuntimeException error, int unexpected, Instant failingSince) {
        if (error instanceof RenderApiException && !(error instanceof RenderRetriableException)) {
            return steps.failed(deploy, "Render refused: " + error.getMessage());
        }
        if (error instanceof SecretBoxException) {
            return steps.failed(deploy, "cannot open a sealed env var value (are deploybus.secrets the same as"
                    + " deploy-api's?): " + error.getMessage());
        }
        String id = deploy.getCommand().getDeployId();
        if (steps.isOverdue(deploy)) {
            LOG.warn("{} of {} at {} ran out of time while failing since {}: {}", id, lane.serviceId(), deploy.getPhase(),
                    failingSince, error.toString());
            return steps.outOfTime(deploy, whyWaiting(error, failingSince));
        }
        if (unexpected >= configuration.stepAttempts()) {
            LOG.error("{} of {} at {} failed unexpectedly {} times; ending it FAILED", id, lane.serviceId(),
                    deploy.getPhase(), unexpected, error);
            return steps.failed(deploy, "unexpected error at " + deploy.getPhase() + " (" + unexpected + " attempts): " + error);
        }
        if (Faults.isTransient(error)) {
            LOG.warn("{} of {} at {} failed for now, running the step again: {}", id, lane.serviceId(),
                    deploy.getPhase(), error.toString());
        } else {
            LOG.error("{} of {} at {} failed unexpectedly (attempt {} of {}), running the step again", id,
                    lane.serviceId(), deploy.getPhase(), unexpected, configuration.stepAttempts(), error);
        }
        return null;
    }

    /** Render keeps failing: the deploy's status says so while the step waits (best effort: Kafka may be away too). */
    private LaneDeploy sayWhy(LaneDeploy deploy, Lane lane, RenderRetriableException error, Instant since) {
        try {
            LaneDeploy told = steps.waiting(deploy, whyWaiting(error, since));
            lane.update(told);
            return told;
        } catch (RuntimeException e) {
            LOG.warn("Cannot say on {} why it waits: {}", deploy.getCommand().getDeployId(), e.toString());
            return deploy;
        }
    }

    private static String whyWaiting(RuntimeException error, Instant since) {
        if (error instanceof RenderConnectionException || error instanceof RenderTimeoutException) {
            return "Render unreachable since " + since + ": " + error.getMessage();
        }
        if (error instanceof RenderRetriableException) {
            return "Render unavailable since " + since + ": " + error.getMessage();
        }
        return "failing since " + since + ": " + error;
    }

    /**
     * A lane given up (a rebalance, a shutdown) stops before its next effect, whatever its step
     * ended with: an interrupted call to Render is no failure of the deploy, and the new owner
     * resumes it from the journal.
     */
    private static void stopIfRevoked(Lane lane) throws InterruptedException {
        if (lane.isRevoked() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("lane of " + lane.serviceId() + " given up");
        }
    }

    /** Journals the lane, waiting out Kafka's unavailability: the lane must not act on state Kafka lacks. */
    private void persist(Lane lane) throws InterruptedException {
        persist(lane, List.of());
    }

    /** As {@link #persist(Lane)}, publishing the step's events in the same transaction. */
    private void persist(Lane lane, List<DeployEvent> events) throws InterruptedException {
        for (int failures = 1; ; failures++) {
            try {
                journal.save(lane, events);
                return;
            } catch (LaneFencedException e) {
                standDown(e.partition());
                stopIfRevoked(lane);
            } catch (WriteNotAcknowledgedException e) {
                stopIfRevoked(lane);
                Duration wait = backoff.after(failures);
                LOG.warn("Cannot journal the lane of {}, retrying in {}: {}", lane.serviceId(), wait, e.getMessage());
                pause(wait);
            }
        }
    }

    /** A step of a batch ended: its coordinator learns how, before the lane moves on. */
    private void reportToBatch(LaneDeploy finished) throws InterruptedException {
        if (finished.getCommand().getBatchId() == null) {
            return;
        }
        for (int failures = 1; ; failures++) {
            try {
                batchLog.stepEnded(finished.getCommand(), finished.getStatus());
                return;
            } catch (BatchLogException e) {
                Duration wait = backoff.after(failures);
                LOG.warn("Cannot record the end of batch step {}, retrying in {}", finished.getCommand().getDeployId(), wait);
                pause(wait);
            }
        }
    }

    private static void pause(Duration backoff) throws InterruptedException {
        // A virtual thread: sleeping parks it and holds no OS thread.
        Thread.sleep(backoff);
    }

    private static void join(Thread runner) {
        try {
            if (!runner.join(REVOKE_WAIT)) {
                LOG.warn("Runner {} did not stop within {}", runner.getName(), REVOKE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
