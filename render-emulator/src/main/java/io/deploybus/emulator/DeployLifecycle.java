package io.deploybus.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
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
 * The deploys of every emulated service: triggers them, and moves them through their
 * {@link Lane} as {@link DeployTiming} says, on the given clock.
 *
 * <p>Time is driven by one scheduled wake-up at the earliest instant any deploy changes, on a
 * {@link ScheduledExecutorService}: no thread per deploy, nothing polls. Reads never move time,
 * so a test with a controllable clock moves it and calls {@link #advance()}.
 */
@Context
final class DeployLifecycle {

    static final String SCHEDULER = "deploy-lifecycle";

    private static final Logger LOG = LoggerFactory.getLogger(DeployLifecycle.class);
    private static final Set<String> CLEAR_CACHE = Set.of("clear", "do_not_clear");
    private static final Duration WAKE_MARGIN = Duration.ofMillis(1);

    private final Clock clock;
    private final DeployTiming timing;
    private final ServiceCatalog catalog;
    private final IdGenerator ids;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Lane> lanes = new HashMap<>();
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    DeployLifecycle(Clock clock, DeployTiming timing, ServiceCatalog catalog, IdGenerator ids,
                    @Named(SCHEDULER) ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.timing = timing;
        this.catalog = catalog;
        this.ids = ids;
        this.scheduler = scheduler;
        reset();
    }

    /** Forgets every deploy; each service starts again with one live deploy, as seeded. */
    synchronized void reset() {
        if (wake != null) {
            wake.cancel(false);
        }
        wake = null;
        wakeAt = null;
        lanes.clear();
        catalog.newestFirst().forEach(service -> lane(service.id()).addFinished(seededDeploy(service)));
    }

    /**
     * Triggers a deploy: it starts now if the service has none in progress, else it waits {@code queued}.
     *
     * @throws ResourceNotFoundException when there is no such service
     * @throws InvalidRequestException   when Render would refuse the request
     */
    synchronized Triggered trigger(String serviceId, TriggerDeployRequest request) {
        EmulatedService service = catalog.service(serviceId);
        Instant now = clock.instant();
        Deploy deploy = newDeploy(service, request, now);
        Lane lane = lane(serviceId);
        lane.advance(now);
        boolean started = lane.accept(deploy, now);
        scheduleWake();
        Deploy current = lane.deploy(deploy.id()).orElseThrow();
        return started ? new Triggered.Started(current) : new Triggered.Queued(current);
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

    /** Applies every transition due by now, then sleeps until the next one. */
    synchronized void advance() {
        Instant now = clock.instant();
        lanes.values().forEach(lane -> lane.advance(now));
        scheduleWake();
    }

    private Lane lane(String serviceId) {
        return lanes.computeIfAbsent(serviceId, id -> new Lane(timing));
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

    private Deploy newDeploy(EmulatedService service, TriggerDeployRequest request, Instant now) {
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
        return new Deploy(ids.deployId(), service.id(), DeployStatus.QUEUED, "api", commit, image, now, now,
                null, null, service.deployOutcome());
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
                created, finished, created, finished, DeployOutcome.LIVE);
    }

    /** What a trigger did. */
    sealed interface Triggered {
        Deploy deploy();

        /** The deploy started at once: Render answers 201 with it. */
        record Started(Deploy deploy) implements Triggered {
        }

        /** Another deploy is in progress; this one waits: Render answers 202 with no body. */
        record Queued(Deploy deploy) implements Triggered {
        }
    }
}
