package io.deploybus.worker.lane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.LaneDeploy;
import io.deploybus.schemas.avro.LanePhase;
import io.deploybus.schemas.avro.ServiceLane;

/**
 * One Render service's lane in memory: the deploy in flight and the accepted ones behind it, in
 * acceptance order. Deploys of a service run one at a time, in this order. The instance that owns
 * the service's partition owns the lane; {@link ServiceLane} is its durable form on the journal.
 *
 * <p>Thread-safe: the intake thread accepts commands while the lane's runner executes.
 */
final class Lane {

    private final String serviceId;
    private final int partition;
    private final int recentCapacity;
    private final Deque<DeployCommand> queue = new ArrayDeque<>();
    private final SequencedSet<String> recent = new LinkedHashSet<>();
    private final SequencedSet<String> recentRenderDeploys = new LinkedHashSet<>();
    private final Semaphore nudges = new Semaphore(0);
    private final Set<String> attempted = new HashSet<>();
    private LaneDeploy current;
    private String resumedDeployId;
    private volatile boolean revoked;
    private boolean running;

    Lane(String serviceId, int partition, int recentCapacity) {
        this.serviceId = serviceId;
        this.partition = partition;
        this.recentCapacity = recentCapacity;
    }

    static Lane restore(ServiceLane record, int partition, int recentCapacity) {
        var lane = new Lane(record.getServiceId(), partition, recentCapacity);
        lane.current = record.getCurrent();
        lane.resumedDeployId = lane.current == null ? null : lane.current.getCommand().getDeployId();
        lane.queue.addAll(record.getQueue());
        lane.recent.addAll(record.getRecentDeployIds());
        lane.recentRenderDeploys.addAll(record.getRecentRenderDeployIds());
        return lane;
    }

    String serviceId() {
        return serviceId;
    }

    int partition() {
        return partition;
    }

    /** Whether the deploy is in the lane already, waiting, running or recently finished. */
    synchronized boolean knows(String deployId) {
        return recent.contains(deployId)
                || (current != null && current.getCommand().getDeployId().equals(deployId))
                || queue.stream().anyMatch(c -> c.getDeployId().equals(deployId));
    }

    synchronized void enqueue(DeployCommand command) {
        queue.addLast(command);
    }

    synchronized Optional<LaneDeploy> current() {
        return Optional.ofNullable(current);
    }

    synchronized void update(LaneDeploy deploy) {
        current = deploy;
    }

    /** Ends the deploy in flight and starts the next one waiting, if any; returns it. */
    synchronized Optional<LaneDeploy> finishCurrent() {
        if (current != null) {
            remember(recent, current.getCommand().getDeployId());
            if (current.getRenderDeployId() != null) {
                remember(recentRenderDeploys, current.getRenderDeployId());
            }
        }
        attempted.clear();
        DeployCommand next = queue.pollFirst();
        current = next == null ? null : start(next);
        return Optional.ofNullable(current);
    }

    /**
     * Whether the step at the deploy's phase may have run before: in an earlier life of the lane
     * (it was restored from the journal mid-deploy) or in an earlier attempt here (a retry). Only
     * then does a step with an effect look for what it may already have done.
     */
    synchronized boolean mayHaveRun(LaneDeploy deploy) {
        String deployId = deploy.getCommand().getDeployId();
        boolean firstHere = attempted.add(deployId + "/" + deploy.getPhase());
        return deployId.equals(resumedDeployId) || !firstHere;
    }

    /** Whether the deploy was in flight when this lane was restored from the journal. */
    synchronized boolean wasResumed(LaneDeploy deploy) {
        return deploy.getCommand().getDeployId().equals(resumedDeployId);
    }

    /** Render deploys of deploys this lane finished: never the one a resumed trigger started. */
    synchronized Set<String> recentRenderDeploys() {
        return Set.copyOf(recentRenderDeploys);
    }

    private void remember(SequencedSet<String> ids, String id) {
        ids.add(id);
        while (ids.size() > recentCapacity) {
            ids.removeFirst();
        }
    }

    /** Starts the next waiting deploy if none is in flight; returns whether one is in flight now. */
    synchronized boolean startNextIfIdle() {
        if (current == null && !queue.isEmpty()) {
            current = start(queue.pollFirst());
        }
        return current != null;
    }

    /** Marks the lane as having a runner; false if it already has one. */
    synchronized boolean claimRunner() {
        if (running || revoked) {
            return false;
        }
        running = true;
        return true;
    }

    synchronized void releaseRunner() {
        running = false;
    }

    /** This instance no longer owns the lane: its runner stops before its next effect. */
    void revoke() {
        revoked = true;
        nudges.release();
    }

    boolean isRevoked() {
        return revoked;
    }

    /** Wakes the runner if it is waiting for Render (a webhook arrived). */
    void nudge() {
        nudges.release();
    }

    /** Waits up to the given time, or until nudged; a virtual thread waiting here holds no OS thread. */
    void awaitNudge(Duration wait) throws InterruptedException {
        if (nudges.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            nudges.drainPermits();
        }
    }

    synchronized ServiceLane toRecord(Instant now) {
        return ServiceLane.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setServiceId(serviceId)
                .setCurrent(current)
                .setQueue(new ArrayList<>(queue))
                .setRecentDeployIds(List.copyOf(recent))
                .setRecentRenderDeployIds(List.copyOf(recentRenderDeploys))
                .build();
    }

    private static LaneDeploy start(DeployCommand command) {
        return LaneDeploy.newBuilder()
                .setCommand(command)
                .setPhase(LanePhase.STARTING)
                .setSequence(0)
                .setStatus(DeployStatus.QUEUED)
                .setCommitId(command.getCommitId())
                .build();
    }
}
