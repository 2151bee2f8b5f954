package io.deploybus.worker.lane;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.deploybus.render.DeployFilter;
import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderDeploy;
import io.deploybus.render.RenderInvalidRequestException;
import io.deploybus.render.RenderNotFoundException;
import io.deploybus.render.RenderRetriableException;
import io.deploybus.render.RenderService;
import io.deploybus.render.ServiceUpdate;
import io.deploybus.render.TriggerDeploy;
import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarChange;
import io.deploybus.schemas.avro.EnvVarSnapshot;
import io.deploybus.schemas.avro.LaneDeploy;
import io.deploybus.schemas.avro.LanePhase;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretContexts;
import io.deploybus.worker.WorkerConfiguration;
import io.deploybus.worker.execution.RenderStatuses;
import jakarta.inject.Singleton;

/**
 * The steps of one deploy, each run from the phase the lane's journal says it is at:
 *
 * <pre>
 * STARTING ─validate─▶ VALIDATED ─snapshot─▶ CONFIGURING ─apply─▶ CONFIGURED ─intent─▶ TRIGGERING
 *   ─trigger or adopt─▶ TRACKING ─▶ SUCCEEDED | CANCELED | (FAILED, TIMED_OUT ─▶ RESTORING
 *   ─▶ ROLLBACK_TRIGGERING ─▶ ROLLBACK_TRACKING ─▶ ROLLED_BACK | ROLLBACK_FAILED)
 * </pre>
 *
 * Every step is safe to run again: a worker that crashed mid-step resumes at the last journaled
 * phase. Before an effect that must not happen twice (a trigger, a rollback) the intent and its
 * time are journaled; a step resumed in that phase first looks for a Render deploy created since
 * then and adopts it. Events are published before the journal moves on, so a resumed step may
 * publish an event again, with the same {@code sequence}: subscribers de-duplicate by it.
 */
@Singleton
class DeploySteps {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final String DEPLOYABLE_TYPES = "web_service private_service background_worker cron_job static_site";

    private final RenderClient render;
    private final SecretBox secrets;
    private final WorkerConfiguration configuration;
    private final CrashPoints crashPoints;
    private final LaneJournal journal;
    private final Clock clock;

    DeploySteps(RenderClient render, SecretBox secrets, WorkerConfiguration configuration,
                CrashPoints crashPoints, LaneJournal journal, Clock clock) {
        this.render = render;
        this.journal = journal;
        this.secrets = secrets;
        this.configuration = configuration;
        this.crashPoints = crashPoints;
        this.clock = clock;
    }

    /** What a step decided: go on at the next phase, or end the deploy with an outcome. */
    sealed interface Next permits Continue, Finish {
    }

    /** Go on at the deploy's new phase; {@code events} are published in the same transaction that journals it. */
    record Continue(LaneDeploy deploy, List<DeployEvent> events) implements Next {
        Continue(LaneDeploy deploy) {
            this(deploy, List.of());
        }
    }

    record Finish(LaneDeploy deploy) implements Next {
    }

    /** Runs the step of the deploy's current phase. {@code lane} is only waited on (webhook nudges). */
    Next step(LaneDeploy deploy, Lane lane) throws InterruptedException {
        return switch (deploy.getPhase()) {
            case STARTING -> validate(deploy, lane);
            case VALIDATED -> snapshot(deploy);
            case CONFIGURING -> configure(deploy);
            case CONFIGURED -> new Continue(intend(deploy, LanePhase.TRIGGERING));
            case TRIGGERING -> trigger(deploy, lane);
            case TRACKING -> track(deploy, lane);
            case RESTORING -> restore(deploy);
            case ROLLBACK_TRIGGERING -> rollBack(deploy, lane);
            case ROLLBACK_TRACKING -> trackRollback(deploy, lane);
        };
    }

    /** An error no retry can cure, in whatever step (Render refused, say): the deploy fails with the reason. */
    Next failed(LaneDeploy deploy, String reason) {
        return ended(deploy, DeployStatus.FAILED, DeployEventType.DeployFailed, reason);
    }

    /**
     * A deploy starting to run: its timeout counts from now, and covers every phase up to Render's
     * outcome (a rollback has a timeout of its own, from its start).
     */
    LaneDeploy started(LaneDeploy deploy) {
        if (deploy.getDeadline() != null) {
            return deploy;
        }
        return with(deploy).setDeadline(clock.instant().plusSeconds(deploy.getCommand().getTimeoutSeconds())).build();
    }

    /** Whether the deploy, or its rollback, has outlived its timeout. */
    boolean isOverdue(LaneDeploy deploy) {
        return deploy.getDeadline() != null && !clock.instant().isBefore(deploy.getDeadline());
    }

    /** The step cannot go on for now (Render does not answer, say): the deploy's status says why while it waits. */
    LaneDeploy waiting(LaneDeploy deploy, String reason) {
        return emit(deploy, DeployEventType.DeployStatusChanged, deploy.getStatus(), reason);
    }

    /**
     * Time ran out while a step could not go on: the deploy ends TIMED_OUT (rolled back per its
     * policy, if it changed anything), or, for a rollback, ROLLBACK_FAILED.
     */
    Next outOfTime(LaneDeploy deploy, String cause) {
        String what = LanePhases.isRollback(deploy.getPhase()) ? "the rollback" : "the deploy";
        return ended(deploy, DeployStatus.TIMED_OUT, DeployEventType.DeployTimedOut,
                what + " outlived its timeout of " + deploy.getCommand().getTimeoutSeconds() + " s: " + cause);
    }

    /**
     * The end of a deploy that did not succeed: through a rollback if it may have changed anything
     * on Render and its policy asks for one; straight to the outcome if it changed nothing; and a
     * rollback that itself fails ends ROLLBACK_FAILED.
     */
    private Next ended(LaneDeploy deploy, DeployStatus failure, DeployEventType type, String reason) {
        if (LanePhases.isRollback(deploy.getPhase())) {
            return finish(deploy, DeployEventType.RollbackFailed, DeployStatus.ROLLBACK_FAILED, deploy.getReason() + "; " + reason);
        }
        boolean changedSomething = LanePhases.mayHaveConfigured(deploy.getPhase())
                && (hasConfiguration(deploy.getCommand()) || deploy.getRenderDeployId() != null);
        if (changedSomething) {
            return failed(deploy, failure, type, reason);
        }
        return finish(deploy, type, failure, reason);
    }

    /**
     * Announces the deploy and checks it against Render. The announcement and the verdict are
     * published with the journal write of the next phase, in one transaction, and a deploy with
     * nothing to configure goes straight to the trigger's intent: one write stands before the
     * trigger. If the look fails (Render unreachable, say) the announcement goes out alone first,
     * so that the deploy is announced once, however often the look runs again.
     */
    private Next validate(LaneDeploy deploy, Lane lane) {
        DeployCommand command = deploy.getCommand();
        List<DeployEvent> announced = new ArrayList<>();
        if (deploy.getSequence() == 0) {
            Built accepted = event(deploy, DeployEventType.DeployAccepted, DeployStatus.VALIDATING, null);
            announced.add(accepted.event());
            deploy = accepted.deploy();
        }
        Optional<String> refusal;
        try {
            refusal = refusalOf(command);
        } catch (RuntimeException e) {
            announced.forEach(journal::publish);
            lane.update(deploy);
            throw e;
        }
        if (refusal.isPresent()) {
            announced.forEach(journal::publish);
            return finish(deploy, DeployEventType.DeployRejected, DeployStatus.REJECTED, refusal.get());
        }
        boolean configures = hasConfiguration(command);
        Built validated = event(deploy, DeployEventType.DeployValidated, configures ? DeployStatus.CONFIGURING : DeployStatus.DEPLOYING, null);
        announced.add(validated.event());
        crashPoints.reached("after-validate");
        deploy = validated.deploy();
        return new Continue(configures ? with(deploy).setPhase(LanePhase.VALIDATED).build() : intend(deploy, LanePhase.TRIGGERING),
                List.copyOf(announced));
    }

    private Optional<String> refusalOf(DeployCommand command) {
        RenderService service;
        try {
            service = render.getService(command.getServiceId());
        } catch (RenderNotFoundException e) {
            return Optional.of("Render has no service " + command.getServiceId() + " (or the API key cannot see it)");
        }
        if (service.isSuspended()) {
            return Optional.of("service " + command.getServiceId() + " is suspended; resume it on Render first");
        }
        if (service.type() != null && !DEPLOYABLE_TYPES.contains(service.type())) {
            return Optional.of("service " + command.getServiceId() + " is a " + service.type() + ", which Render does not deploy");
        }
        for (String group : command.getEnvGroupLinks()) {
            try {
                render.getEnvGroup(group);
            } catch (RenderNotFoundException e) {
                return Optional.of("env group " + group + " does not exist");
            }
        }
        return Optional.empty();
    }

    /** Records what the command is about to change, so that a rollback can put it back. */
    private Next snapshot(LaneDeploy deploy) {
        DeployCommand command = deploy.getCommand();
        if (!hasConfiguration(command)) {
            return new Continue(intend(deploy, LanePhase.TRIGGERING));
        }
        List<EnvVarSnapshot> envVars = new ArrayList<>();
        for (EnvVarChange change : command.getEnvVarChanges()) {
            envVars.add(snapshotOf(command.getServiceId(), change.getKey()));
        }
        List<String> linkedBefore = new ArrayList<>();
        for (String group : concat(command.getEnvGroupLinks(), command.getEnvGroupUnlinks())) {
            if (render.getEnvGroup(group).isLinkedTo(command.getServiceId())) {
                linkedBefore.add(group);
            }
        }
        return new Continue(with(deploy).setPhase(LanePhase.CONFIGURING).setEnvSnapshot(envVars).setLinkedBefore(linkedBefore).build());
    }

    private EnvVarSnapshot snapshotOf(String serviceId, String key) {
        try {
            String value = render.getEnvVar(serviceId, key).value();
            return new EnvVarSnapshot(key, true, value == null ? null : secrets.seal(value, SecretContexts.envVarSnapshot(serviceId, key)));
        } catch (RenderNotFoundException e) {
            return new EnvVarSnapshot(key, false, null);
        }
    }

    /** Applies env var changes and env group links; each is idempotent, so a resumed step redoes them all. */
    private Next configure(LaneDeploy deploy) {
        DeployCommand command = deploy.getCommand();
        String serviceId = command.getServiceId();
        for (EnvVarChange change : command.getEnvVarChanges()) {
            switch (change.getAction()) {
                case SET -> render.setEnvVar(serviceId, change.getKey(),
                        secrets.open(change.getValue(), SecretContexts.envVar(serviceId, change.getKey())));
                case DELETE -> deleteIfPresent(serviceId, change.getKey());
                case GENERATE -> render.generateEnvVar(serviceId, change.getKey());
            }
        }
        for (String group : command.getEnvGroupLinks()) {
            render.linkEnvGroup(group, serviceId);
        }
        for (String group : command.getEnvGroupUnlinks()) {
            unlinkIfLinked(group, serviceId);
        }
        deploy = emit(deploy, DeployEventType.DeployConfigured, DeployStatus.DEPLOYING, null);
        crashPoints.reached("after-configure");
        return new Continue(with(deploy).setPhase(LanePhase.CONFIGURED).build());
    }

    private Next trigger(LaneDeploy deploy, Lane lane) throws InterruptedException {
        DeployCommand command = deploy.getCommand();
        Optional<RenderDeploy> started = lane.mayHaveRun(deploy) ? createdSince(deploy, lane, "api") : Optional.empty();
        if (started.isEmpty()) {
            var request = new TriggerDeploy(command.getCachePolicy() == CachePolicy.CLEAR_CACHE ? "clear" : "do_not_clear",
                    command.getCommitId(), command.getImageUrl());
            started = render.triggerDeploy(command.getServiceId(), request);
            crashPoints.reached("after-trigger");
            if (started.isEmpty()) {
                started = awaitCreated(deploy, lane, "api");
            }
        }
        if (started.isEmpty()) {
            return failed(deploy, DeployStatus.FAILED, DeployEventType.DeployFailed,
                    "Render accepted the trigger (202) but no new deploy appeared within " + configuration.findTriggered());
        }
        RenderDeploy triggered = started.get();
        deploy = with(deploy).setRenderDeployId(triggered.id()).setRenderStatus(triggered.status())
                .setCommitId(triggered.commit() == null ? command.getCommitId() : triggered.commit().id()).build();
        deploy = emit(deploy, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING, null);
        return new Continue(with(deploy).setPhase(LanePhase.TRACKING).build());
    }

    private Next track(LaneDeploy deploy, Lane lane) throws InterruptedException {
        Followed followed = follow(deploy, lane);
        deploy = followed.deploy();
        RenderDeploy done = followed.terminal();
        if (done == null) {
            return timedOut(deploy);
        }
        deploy = with(deploy).setRenderStatus(done.status()).build();
        DeployStatus outcome = RenderStatuses.outcomeOf(done.status()).orElseThrow();
        return switch (outcome) {
            case SUCCEEDED -> finish(deploy, DeployEventType.DeploySucceeded, DeployStatus.SUCCEEDED, null);
            case CANCELED -> finish(deploy, DeployEventType.DeployCanceled, DeployStatus.CANCELED, "Render canceled deploy " + done.id());
            default -> failed(deploy, DeployStatus.FAILED, DeployEventType.DeployFailed,
                    "Render deploy " + done.id() + " ended " + done.status());
        };
    }

    private Next timedOut(LaneDeploy deploy) {
        try {
            RenderDeploy canceled = render.cancelDeploy(deploy.getCommand().getServiceId(), deploy.getRenderDeployId());
            deploy = with(deploy).setRenderStatus(canceled.status()).build();
        } catch (RenderInvalidRequestException e) {
            // It ended on its own just now; the timeout stands, the rollback (if any) decides what runs.
        }
        return failed(deploy, DeployStatus.TIMED_OUT, DeployEventType.DeployTimedOut,
                "Render deploy " + deploy.getRenderDeployId() + " outlived the deploy's timeout of "
                        + deploy.getCommand().getTimeoutSeconds() + " s and was canceled");
    }

    /** A failure or timeout: with rollback enabled, restore and roll back; else end the deploy. */
    private Next failed(LaneDeploy deploy, DeployStatus failure, DeployEventType type, String reason) {
        if (deploy.getCommand().getRollback().getEnabled()) {
            return startRollback(deploy, failure, type, reason);
        }
        return finish(deploy, type, failure, reason);
    }

    private Next startRollback(LaneDeploy deploy, DeployStatus failure, DeployEventType type, String reason) {
        deploy = emit(deploy, DeployEventType.RollbackStarted, DeployStatus.ROLLING_BACK, reason);
        return new Continue(with(deploy).setPhase(LanePhase.RESTORING).setFailure(failure).setReason(reason)
                .setDeadline(clock.instant().plusSeconds(deploy.getCommand().getTimeoutSeconds())).build());
    }

    /** Puts back the env vars and env group links as they were, and switches auto-deploy off if asked. */
    private Next restore(LaneDeploy deploy) {
        String serviceId = deploy.getCommand().getServiceId();
        for (EnvVarSnapshot before : deploy.getEnvSnapshot()) {
            if (!before.getExisted()) {
                deleteIfPresent(serviceId, before.getKey());
            } else if (before.getValue() != null) {
                render.setEnvVar(serviceId, before.getKey(), secrets.open(before.getValue(), SecretContexts.envVarSnapshot(serviceId, before.getKey())));
            }
        }
        for (String group : concat(deploy.getCommand().getEnvGroupLinks(), deploy.getCommand().getEnvGroupUnlinks())) {
            if (deploy.getLinkedBefore().contains(group)) {
                render.linkEnvGroup(group, serviceId);
            } else {
                unlinkIfLinked(group, serviceId);
            }
        }
        if (deploy.getCommand().getRollback().getDisableAutoDeploy()) {
            render.updateService(serviceId, ServiceUpdate.autoDeploy(false));
        }
        if (deploy.getRenderDeployId() == null) {
            return finish(deploy, DeployEventType.DeployRolledBack, DeployStatus.ROLLED_BACK,
                    deploy.getReason() + "; configuration restored, nothing had been deployed");
        }
        return new Continue(intend(deploy, LanePhase.ROLLBACK_TRIGGERING));
    }

    private Next rollBack(LaneDeploy deploy, Lane lane) {
        String serviceId = deploy.getCommand().getServiceId();
        Optional<RenderDeploy> rollback = lane.mayHaveRun(deploy) ? createdSince(deploy, lane, "rollback") : Optional.empty();
        String target = deploy.getRollbackTo();
        if (rollback.isEmpty()) {
            Optional<RenderDeploy> lastLive = render.listDeploys(serviceId, DeployFilter.withStatus("live"), null, 1)
                    .items().stream().filter(d -> !d.id().equals(deploy.getRenderDeployId())).findFirst();
            if (lastLive.isEmpty()) {
                return finish(deploy, DeployEventType.RollbackFailed, DeployStatus.ROLLBACK_FAILED,
                        deploy.getReason() + "; configuration restored, but Render has no live deploy to roll back to");
            }
            target = lastLive.get().id();
            rollback = Optional.of(render.rollback(serviceId, target));
            crashPoints.reached("after-rollback-trigger");
        }
        LaneDeploy next = with(deploy).setRollbackTo(target).setRenderDeployId(rollback.get().id())
                .setRenderStatus(rollback.get().status()).setPhase(LanePhase.ROLLBACK_TRACKING).build();
        return new Continue(next);
    }

    private Next trackRollback(LaneDeploy deploy, Lane lane) throws InterruptedException {
        RenderDeploy done = follow(deploy, lane).terminal();
        if (done != null && RenderStatuses.outcomeOf(done.status()).orElse(null) == DeployStatus.SUCCEEDED) {
            return finish(with(deploy).setRenderStatus(done.status()).build(), DeployEventType.DeployRolledBack,
                    DeployStatus.ROLLED_BACK, deploy.getReason() + "; rolled back with Render deploy " + deploy.getRenderDeployId()
                            + (deploy.getRollbackTo() == null ? "" : " to what " + deploy.getRollbackTo() + " ran"));
        }
        String how = done == null ? "did not finish in time" : "ended " + done.status();
        return finish(deploy, DeployEventType.RollbackFailed, DeployStatus.ROLLBACK_FAILED,
                deploy.getReason() + "; the rollback " + deploy.getRenderDeployId() + " " + how);
    }

    /**
     * Follows the tracked Render deploy to a terminal status; null past the deadline. With webhooks
     * on, it waits for a nudge and only looks now and then in case one is lost; else it polls, the
     * waits growing from {@code poll-initial} to {@code poll-max}. Status changes on the way are
     * published and journaled, so the deploy returned is the newest.
     */
    private Followed follow(LaneDeploy deploy, Lane lane) throws InterruptedException {
        String serviceId = deploy.getCommand().getServiceId();
        // A deploy resumed after a restart or a rebalance may have ended meanwhile: look soon.
        Duration wait = configuration.webhooks() && !lane.wasResumed(deploy)
                ? configuration.webhookSafetyPoll() : configuration.pollInitial();
        String lastStatus = deploy.getRenderStatus();
        while (true) {
            Duration left = Duration.between(clock.instant(), deploy.getDeadline());
            if (left.isNegative() || left.isZero()) {
                return new Followed(deploy, null);
            }
            lane.awaitNudge(wait.compareTo(left) < 0 ? wait : left);
            if (lane.isRevoked()) {
                throw new InterruptedException("lane of " + serviceId + " revoked");
            }
            RenderDeploy current;
            try {
                current = render.getDeploy(serviceId, deploy.getRenderDeployId());
            } catch (RenderRetriableException busy) {
                // Paced or refused for now: look again later, on the same schedule, not from its start.
                Duration scheduled = wait;
                wait = busy.retryAfter().filter(after -> after.compareTo(scheduled) > 0).orElse(scheduled);
                continue;
            }
            if (RenderStatuses.outcomeOf(current.status()).isPresent()) {
                return new Followed(deploy, current);
            }
            if (!current.status().equals(lastStatus) && deploy.getPhase() == LanePhase.TRACKING) {
                lastStatus = current.status();
                deploy = with(deploy).setRenderStatus(current.status()).build();
                deploy = emit(deploy, DeployEventType.DeployStatusChanged, DeployStatus.DEPLOYING, null);
                lane.update(deploy);
                journal.save(lane);
            }
            if (!configuration.webhooks()) {
                wait = longer(wait);
            }
        }
    }

    /** The tracked deploy as it is now, and Render's deploy in its terminal status (null past the deadline). */
    private record Followed(LaneDeploy deploy, RenderDeploy terminal) {
    }

    /**
     * The Render deploy this deploy's intent started, if Render has one: created by the given
     * trigger since the intent (less a little clock skew), of the commit asked for, and not the
     * deploy of an earlier command of the lane.
     */
    private Optional<RenderDeploy> createdSince(LaneDeploy deploy, Lane lane, String trigger) {
        Instant intentAt = deploy.getIntentAt();
        if (intentAt == null) {
            return Optional.empty();
        }
        Instant notBefore = intentAt.minus(CLOCK_SKEW);
        String commit = "api".equals(trigger) ? deploy.getCommand().getCommitId() : null;
        Set<String> earlier = lane.recentRenderDeploys();
        var filter = new DeployFilter(List.of(), notBefore, null, null, null, null, null);
        return render.listDeploys(deploy.getCommand().getServiceId(), filter, null, 20).items().stream()
                .filter(d -> !earlier.contains(d.id()) && !d.id().equals(deploy.getRenderDeployId()))
                .filter(d -> trigger.equals(d.trigger()) || d.trigger() == null)
                .filter(d -> d.createdAt() == null || !d.createdAt().isBefore(notBefore))
                .filter(d -> commit == null || d.commit() == null || commit.equals(d.commit().id()))
                .reduce((newer, older) -> older);
    }

    /** After a 202: Render made the deploy, but it may not be listed yet. Look as Render's CLI does. */
    private Optional<RenderDeploy> awaitCreated(LaneDeploy deploy, Lane lane, String trigger) throws InterruptedException {
        Instant giveUp = clock.instant().plus(configuration.findTriggered());
        while (clock.instant().isBefore(giveUp)) {
            lane.awaitNudge(configuration.pollInitial());
            Optional<RenderDeploy> found = createdSince(deploy, lane, trigger);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private LaneDeploy intend(LaneDeploy deploy, LanePhase phase) {
        return with(deploy).setPhase(phase).setIntentAt(clock.instant()).build();
    }

    private Finish finish(LaneDeploy deploy, DeployEventType type, DeployStatus status, String reason) {
        return new Finish(emit(deploy, type, status, reason));
    }

    /**
     * Publishes the event of a step, in a transaction of the lane's journal partition (so a fenced
     * instance cannot), and returns the deploy with the event's sequence and status.
     */
    private LaneDeploy emit(LaneDeploy deploy, DeployEventType type, DeployStatus status, String reason) {
        Built built = event(deploy, type, status, reason);
        journal.publish(built.event());
        return built.deploy();
    }

    /** The next event of the deploy, and the deploy with its sequence and status. */
    private Built event(LaneDeploy deploy, DeployEventType type, DeployStatus status, String reason) {
        int sequence = deploy.getSequence() + 1;
        DeployCommand command = deploy.getCommand();
        Instant now = clock.instant();
        boolean terminal = switch (status) {
            case QUEUED, VALIDATING, CONFIGURING, DEPLOYING, ROLLING_BACK -> false;
            default -> true;
        };
        DeployEvent event = DeployEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setDeployId(command.getDeployId())
                .setServiceId(command.getServiceId())
                .setBatchId(command.getBatchId())
                .setSequence(sequence)
                .setType(type)
                .setStatus(status)
                .setCommitId(deploy.getCommitId())
                .setImageUrl(command.getImageUrl())
                .setRenderDeployId(deploy.getRenderDeployId())
                .setRenderStatus(deploy.getRenderStatus())
                .setReason(reason)
                .setAcceptedAt(command.getOccurredAt())
                .setFinishedAt(terminal ? now : null)
                .setLabels(command.getLabels())
                .build();
        return new Built(event, with(deploy).setSequence(sequence).setStatus(status).build());
    }

    private record Built(DeployEvent event, LaneDeploy deploy) {
    }

    private Duration longer(Duration wait) {
        long next = (long) (wait.toMillis() * configuration.pollMultiplier());
        return Duration.ofMillis(Math.min(next, configuration.pollMax().toMillis()));
    }

    private void deleteIfPresent(String serviceId, String key) {
        try {
            render.deleteEnvVar(serviceId, key);
        } catch (RenderNotFoundException e) {
            // Already gone: what deleting it was for.
        }
    }

    private void unlinkIfLinked(String group, String serviceId) {
        try {
            render.unlinkEnvGroup(group, serviceId);
        } catch (RenderNotFoundException e) {
            // Not linked: what unlinking it was for.
        }
    }

    private static boolean hasConfiguration(DeployCommand command) {
        return !command.getEnvVarChanges().isEmpty() || !command.getEnvGroupLinks().isEmpty()
                || !command.getEnvGroupUnlinks().isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static LaneDeploy.Builder with(LaneDeploy deploy) {
        return LaneDeploy.newBuilder(deploy);
    }
}
