package io.deploybus.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micronaut.context.annotation.Context;
import jakarta.inject.Named;

/**
 * The deploys of every emulated service: triggers, cancels and rolls them back, and moves them
 * through their {@link Lane} as {@link DeployTiming} (or a {@link DeployScript}) says, on the given
 * clock, emitting Render's events as they start and end.
 *
 * <p>Time is driven by one scheduled wake-up at the earliest instant any deploy changes, on a
 * {@link ScheduledExecutorService}: no thread per deploy, nothing polls. Reads never move time,
 * so a test with a controllable clock moves it and calls {@link #advance()}.
 */
@Context
final class DeployLifecycle implements Lane.Listener {

    static final String SCHEDULER = "deploy-lifecycle";

    private static final Logger LOG = LoggerFactory.getLogger(DeployLifecycle.class);
    private static final Set<String> CLEAR_CACHE = Set.of("clear", "do_not_clear");
    private static final Duration WAKE_MARGIN = Duration.ofMillis(1);

    private final Clock clock;
    private final DeployTiming timing;
    private final ServiceCatalog catalog;
    private final IdGenerator ids;
    private final ServiceEvents events;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, Deque<DeployScript>> scripts = new HashMap<>();
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    DeployLifecycle(Clock clock, DeployTiming timing, ServiceCatalog catalog, IdGenerator ids, ServiceEvents events,
                    @Named(SCHEDULER) ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.timing = timing;
        this.catalog = catalog;
        this.ids = ids;
        this.events = events;
        this.scheduler = scheduler;
        reset();
    }

    /** Forgets every deploy and script; each service starts again with one live deploy, as seeded. */
    synchronized void reset() {
        if (wake != null) {
            wake.cancel(false);
        }
        wake = null;
        wakeAt = null;
        lanes.clear();
        scripts.clear();
        catalog.newestFirst().forEach(service -> lane(service.id()).addFinished(seededDeploy(service)));
    }

    /** Scripts the next {@link DeployScript#times()} deploys of a service. */
    synchronized void script(String serviceId, DeployScript script) {
        catalog.service(serviceId);
        Deque<DeployScript> queue = scripts.computeIfAbsent(serviceId, id -> new ArrayDeque<>());
        for (int i = 0; i < script.checked().times(); i++) {
            queue.add(script);
        }
    }

    /**
     * Triggers a deploy: it starts now if the service has none in progress, else it waits {@code queued}.
     *
     * @throws ResourceNotFoundException when there is no such service
     * @throws InvalidRequestException   when Render would refuse the request, e.g. for a suspended service
     */
    synchronized Triggered trigger(String serviceId, TriggerDeployRequest request) {
        EmulatedService service = catalog.service(serviceId);
        if (service.suspended()) {
            throw new InvalidRequestException("cannot deploy a suspended service: resume " + serviceId + " first");
        }
        return start(service, newDeploy(service, request, "api", clock.instant()));
    }

    /**
     * Rolls back to an earlier deploy of the service: a new deploy, trigger {@code rollback}, of its commit or image.
     *
     * @throws ResourceNotFoundException when the service or the deploy does not exist
     */
    synchronized Deploy rollback(String serviceId, String deployId) {
        EmulatedService service = catalog.service(serviceId);
        if (service.suspended()) {
            throw new InvalidRequestException("cannot deploy a suspended service: resume " + serviceId + " first");
        }
        Deploy target = lane(serviceId).deploy(deployId).orElseThrow(() -> new ResourceNotFoundException(deployId));
        Instant now = clock.instant();
        // A rollback redeploys a build that already exists, so a service rigged to fail its builds
        // rolls back fine; one rigged to fail its updates fails the rollback too. Scripts still apply.
        DeployOutcome outcome = service.deployOutcome() == DeployOutcome.BUILD_FAILED ? DeployOutcome.LIVE : service.deployOutcome();
        Deploy deploy = scripted(service, new Deploy(ids.deployId(), serviceId, DeployStatus.QUEUED, "rollback",
                target.commit(), target.image(), now, now, null, null, outcome, null, false));
        return start(service, deploy).deploy();
    }

    /** @throws InvalidRequestException when the deploy is no longer in progress */
    synchronized Deploy cancel(String serviceId, String deployId) {
        deploy(serviceId, deployId);
        Deploy canceled = lane(serviceId).cancel(deployId, clock.instant());
        scheduleWake();
        return canceled;
    }

    /** Suspends a service; deploys in progress or queued are canceled. */
    synchronized void suspend(String serviceId) {
        Instant now = clock.instant();
        lane(serviceId).advance(now);
        EmulatedService service = catalog.update(serviceId, s -> s.suspended(true, now));
        lane(serviceId).cancelAll(now);
        events.emit(service, ServiceEvent.SERVICE_SUSPENDED, now, Map.of());
        scheduleWake();
    }

    /** Resumes a service, which starts a deploy with trigger {@code service_resumed}, as at Render. */
    synchronized void resume(String serviceId) {
        Instant now = clock.instant();
        EmulatedService service = catalog.update(serviceId, s -> s.suspended(false, now));
        events.emit(service, ServiceEvent.SERVICE_RESUMED, now, Map.of());
        start(service, newDeploy(service, TriggerDeployRequest.DEFAULTS, "service_resumed", now));
    }

    /** @throws ResourceNotFoundException when there is no such service or deploy */
    synchronized Deploy deploy(String serviceId, String deployId) {
        catalog.service(serviceId);
        return lane(serviceId).deploy(deployId).orElseThrow(() -> new ResourceNotFoundException(deployId));
    }

    /** @throws ResourceNotFoundException when there is no such service */
    synchronized List<Deploy> newestFirst(String serviceId) {
        catalog.service(serviceId);
        return lane(serviceId).newestFirst();
    }

    /** The deploy in progress, if any. */
    synchronized Optional<Deploy> inProgress(String serviceId) {
        return lane(serviceId).active();
    }

    /** Applies every transition due by now, then sleeps until the next one. */
    synchronized void advance() {
        Instant now = clock.instant();
        lanes.values().forEach(lane -> lane.advance(now));
        scheduleWake();
    }

    @Override
    public void started(Deploy deploy, Instant at) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("firstBuild", false);
        trigger.put("envUpdated", false);
        trigger.put("manual", false);
        trigger.put("deployedByRender", false);
        trigger.put("clearCache", false);
        trigger.put("rollback", deploy.trigger().equals("rollback"));
        if (deploy.commit() != null) {
            trigger.put("newCommit", deploy.commit().id());
        }
        events.emit(catalog.service(deploy.serviceId()), ServiceEvent.DEPLOY_STARTED, at,
                Map.of("deployId", deploy.id(), "trigger", trigger));
    }

    @Override
    public void ended(Deploy deploy, Instant at) {
        EmulatedService service = catalog.service(deploy.serviceId());
        Map<String, Object> reason = switch (deploy.status()) {
            case BUILD_FAILED -> Map.of("failure", Map.of("evicted", false, "nonZeroExit", 1));
            case UPDATE_FAILED -> Map.of("failure", Map.of("evicted", false, "unhealthy", "health check failed"));
            default -> Map.of();
        };
        String endStatus = deploy.status().endStatus();
        // The deprecated integer status: 2 is success (Render's example receivers rely on it); the others are a guess.
        int status = switch (endStatus) {
            case "succeeded" -> 2;
            case "failed" -> 3;
            default -> 4;
        };
        events.emit(service, ServiceEvent.DEPLOY_ENDED, at,
                Map.of("deployId", deploy.id(), "deployStatus", endStatus, "reason", reason, "status", status));
        if (deploy.status() == DeployStatus.LIVE) {
            events.emit(service, ServiceEvent.SERVER_AVAILABLE, at, Map.of());
        } else if (deploy.status() == DeployStatus.UPDATE_FAILED) {
            events.emit(service, ServiceEvent.SERVER_FAILED, at, Map.of("instanceID", ids.instanceId(service.id()),
                    "reason", Map.of("evicted", false, "unhealthy", "health check failed")));
        }
    }

    private Triggered start(EmulatedService service, Deploy deploy) {
        Instant now = deploy.createdAt();
        Deploy scripted = scripted(service, deploy);
        DeployScript script = scripts.getOrDefault(service.id(), new ArrayDeque<>()).poll();
        Lane lane = lane(service.id());
        lane.advance(now);
        boolean started = lane.accept(scripted, now);
        scheduleWake();
        Deploy current = lane.deploy(deploy.id()).orElseThrow();
        return started && (script == null || !script.answersAccepted())
                ? new Triggered.Started(current) : new Triggered.Queued(current);
    }

    /** The deploy as the service's next script, if any, has it go; the script is consumed by {@link #start}. */
    private Deploy scripted(EmulatedService service, Deploy deploy) {
        DeployScript script = scripts.getOrDefault(service.id(), new ArrayDeque<>()).peek();
        if (script == null) {
            return deploy;
        }
        DeployOutcome outcome = script.outcome() == null ? deploy.outcome() : DeployOutcome.parse(script.outcome());
        if (outcome == DeployOutcome.BUILD_FAILED && deploy.image() != null) {
            outcome = DeployOutcome.UPDATE_FAILED;
        }
        DeployTiming phases = script.total() == null ? null : timing.lasting(script.total(), deploy.image() != null);
        return new Deploy(deploy.id(), deploy.serviceId(), deploy.status(), deploy.trigger(), deploy.commit(),
                deploy.image(), deploy.createdAt(), deploy.updatedAt(), deploy.startedAt(), deploy.finishedAt(), outcome,
                phases, Boolean.TRUE.equals(script.unhealthyWhileRunning()));
    }

    private Lane lane(String serviceId) {
        return lanes.computeIfAbsent(serviceId, id -> new Lane(timing, this));
    }

    private void scheduleWake() {
        Optional<Instant> next = lanes.values().stream().map(Lane::nextDue).flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        if (next.isEmpty() || wakeAt != null && !next.get().isBefore(wakeAt)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        Duration delay = Duration.between(clock.instant(), next.get()).plus(WAKE_MARGIN);
        wakeAt = next.get();
        wake = scheduler.schedule(this::onWake, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private synchronized void onWake() {
        wake = null;
        wakeAt = null;
        try {
            advance();
        } catch (RuntimeException e) {
            LOG.error("deploy lifecycle failed to advance; the next trigger retries", e);
        }
    }

    private Deploy newDeploy(EmulatedService service, TriggerDeployRequest request, String trigger, Instant now) {
        if (request.clearCache() != null && !CLEAR_CACHE.contains(request.clearCache())) {
            throw new InvalidRequestException("clearCache must be one of clear, do_not_clear");
        }
        Deploy.Commit commit = null;
        Deploy.Image image = null;
        if (service.isImageBacked()) {
            if (request.commitId() != null) {
                throw new InvalidRequestException("commitId is not supported for image-backed services");
            }
            image = new Deploy.Image(imageRef(service, request.imageUrl()), ids.imageDigest());
        } else {
            if (request.imageUrl() != null) {
                throw new InvalidRequestException("imageUrl is only supported for image-backed services");
            }
            commit = commit(request.commitId() != null ? request.commitId() : ids.commitSha(), now);
        }
        return new Deploy(ids.deployId(), service.id(), DeployStatus.QUEUED, trigger, commit, image, now, now,
                null, null, service.deployOutcome(), null, false);
    }

    /** Render requires the same host, repository and name as the service's image; tag and digest may differ. */
    private static String imageRef(EmulatedService service, String imageUrl) {
        if (imageUrl == null) {
            return service.imagePath();
        }
        if (!repositoryOf(imageUrl).equals(repositoryOf(service.imagePath()))) {
            throw new InvalidRequestException("imageUrl " + imageUrl + " does not match the service's image "
                    + repositoryOf(service.imagePath()));
        }
        return imageUrl;
    }

    private static String repositoryOf(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int tag = withoutDigest.lastIndexOf(':');
        return tag > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, tag) : withoutDigest;
    }

    private Deploy.Commit commit(String sha, Instant now) {
        return new Deploy.Commit(sha, "Emulated commit " + sha.substring(0, Math.min(7, sha.length())),
                now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS));
    }

    private Deploy seededDeploy(EmulatedService service) {
        Instant created = service.createdAt().plus(Duration.ofMinutes(1));
        Instant finished = created.plus(Duration.ofSeconds(90));
        return new Deploy(ids.deployId(), service.id(), DeployStatus.LIVE, "new_commit",
                service.isImageBacked() ? null : commit(ids.commitSha(), created),
                service.isImageBacked() ? new Deploy.Image(service.imagePath(), ids.imageDigest()) : null,
                created, finished, created, finished, DeployOutcome.LIVE, null, false);
    }

    /** What a trigger did. */
    sealed interface Triggered {
        Deploy deploy();

        /** The deploy started at once: Render answers 201 with it. */
        record Started(Deploy deploy) implements Triggered {
        }

        /** The deploy waits behind another, or is scripted to be answered so: Render answers 202 with no body. */
        record Queued(Deploy deploy) implements Triggered {
        }
    }
}
