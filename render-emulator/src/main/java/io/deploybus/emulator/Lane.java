package io.deploybus.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deploys of one service and the state machine they run through, one at a time:
 * {@code queued} → {@code created} → {@code build_in_progress} (Git-backed only) →
 * {@code update_in_progress} → {@code live}, ending instead in {@code build_failed} or
 * {@code update_failed} when the deploy is rigged to, or {@code canceled}. On {@code live}, the
 * previous live deploy becomes {@code deactivated}; a failed deploy leaves it live. Not thread-safe:
 * {@link DeployLifecycle} guards it.
 */
final class Lane {

    /** Hears each deploy start and end, at the instant it happened. */
    interface Listener {
        void started(Deploy deploy, Instant at);

        void ended(Deploy deploy, Instant at);
    }

    private final DeployTiming timing;
    private final Listener listener;
    private final Map<String, Deploy> deploys = new LinkedHashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private String activeId;
    private Instant phaseEndsAt;

    Lane(DeployTiming timing, Listener listener) {
        this.timing = timing;
        this.listener = listener;
    }

    /** Adds a deploy that is already over, such as the seeded live one. */
    void addFinished(Deploy deploy) {
        deploys.put(deploy.id(), deploy);
    }

    /**
     * Takes a new deploy: starts it at {@code now} if nothing is in progress, else queues it.
     *
     * @return whether it started
     */
    boolean accept(Deploy queued, Instant now) {
        deploys.put(queued.id(), queued);
        if (activeId != null) {
            queue.add(queued.id());
            return false;
        }
        start(queued, now);
        advance(now);
        return true;
    }

    /** Applies every transition due at or before {@code now}, each at the instant it fell due. */
    void advance(Instant now) {
        while (activeId != null && !phaseEndsAt.isAfter(now)) {
            Instant at = phaseEndsAt;
            Deploy deploy = deploys.get(activeId);
            switch (deploy.status()) {
                case CREATED -> enter(deploy, deploy.image() != null
                        ? DeployStatus.UPDATE_IN_PROGRESS : DeployStatus.BUILD_IN_PROGRESS, at);
                case BUILD_IN_PROGRESS -> {
                    if (deploy.outcome() == DeployOutcome.BUILD_FAILED) {
                        finish(deploy, DeployStatus.BUILD_FAILED, at);
                    } else {
                        enter(deploy, DeployStatus.UPDATE_IN_PROGRESS, at);
                    }
                }
                case UPDATE_IN_PROGRESS -> finish(deploy, deploy.outcome().status(), at);
                default -> throw new IllegalStateException("deploy " + deploy.id() + " is active but " + deploy.status());
            }
        }
    }

    /**
     * Cancels a deploy in progress or waiting in the queue.
     *
     * @throws InvalidRequestException when it has already ended
     */
    Deploy cancel(String deployId, Instant now) {
        Deploy deploy = deploys.get(deployId);
        if (deployId.equals(activeId)) {
            finish(deploy, DeployStatus.CANCELED, now);
        } else if (queue.remove(deployId)) {
            Deploy canceled = deploy.moveTo(DeployStatus.CANCELED, now);
            deploys.put(deployId, canceled);
            listener.ended(canceled, now);
        } else {
            throw new InvalidRequestException("deploy " + deployId + " is " + deploy.status().wire()
                    + " and can no longer be canceled");
        }
        return deploys.get(deployId);
    }

    /** Cancels everything in progress or queued, as a suspension does. */
    void cancelAll(Instant now) {
        new ArrayList<>(queue).forEach(id -> cancel(id, now));
        if (activeId != null) {
            cancel(activeId, now);
        }
    }

    /** When the deploy in progress next changes, if one is in progress. */
    Optional<Instant> nextDue() {
        return Optional.ofNullable(phaseEndsAt);
    }

    Optional<Deploy> active() {
        return Optional.ofNullable(activeId).map(deploys::get);
    }

    Optional<Deploy> deploy(String deployId) {
        return Optional.ofNullable(deploys.get(deployId));
    }

    List<Deploy> newestFirst() {
        List<Deploy> all = new ArrayList<>(deploys.values());
        Collections.reverse(all);
        return all;
    }

    private void start(Deploy deploy, Instant at) {
        activeId = deploy.id();
        enter(deploy, DeployStatus.CREATED, at);
        listener.started(deploys.get(deploy.id()), at);
    }

    private void enter(Deploy deploy, DeployStatus status, Instant at) {
        deploys.put(deploy.id(), deploy.moveTo(status, at));
        phaseEndsAt = at.plus(durationOf(deploy, status));
    }

    private void finish(Deploy deploy, DeployStatus status, Instant at) {
        if (status == DeployStatus.LIVE) {
            deploys.values().stream().filter(other -> other.status() == DeployStatus.LIVE).toList()
                    .forEach(previous -> deploys.put(previous.id(), previous.moveTo(DeployStatus.DEACTIVATED, at)));
        }
        Deploy ended = deploy.moveTo(status, at);
        deploys.put(deploy.id(), ended);
        activeId = null;
        phaseEndsAt = null;
        listener.ended(ended, at);
        String next = queue.poll();
        if (next != null) {
            start(deploys.get(next), at);
        }
    }

    private Duration durationOf(Deploy deploy, DeployStatus phase) {
        DeployTiming phases = deploy.timing() == null ? timing : deploy.timing();
        return switch (phase) {
            case CREATED -> phases.created();
            case BUILD_IN_PROGRESS -> phases.build();
            case UPDATE_IN_PROGRESS -> phases.update();
            default -> throw new IllegalArgumentException(phase + " is not a phase with a duration");
        };
    }
}
