package io.deploybus.api.deploy;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Where each recent deploy stands, folded from its command and its events.
 *
 * <p>A deploy is {@code QUEUED} once its command is known. Each {@link DeployEvent} carries a full
 * snapshot, so the deploy takes the state of its event with the highest {@code sequence}, whatever
 * order events arrive in; an event seen twice counts once. Events may arrive before the command
 * (the two topics are read independently), and then the first event introduces the deploy.
 *
 * <p>Memory is bounded: the view keeps the {@code capacity} deploys accepted last, and of each the
 * latest {@code eventsPerDeploy} events. Of env var changes it keeps the keys and actions, never a
 * value, not even sealed.
 */
@Singleton
public final class DeployView {

    private static final Comparator<Tracked> BY_ACCEPTANCE =
            Comparator.comparing((Tracked t) -> t.acceptedAt).thenComparing(t -> t.deployId);

    private final int capacity;
    private final int eventsPerDeploy;
    private final Map<String, Tracked> byId = new HashMap<>();
    private final TreeSet<Tracked> byAcceptance = new TreeSet<>(BY_ACCEPTANCE);

    @Inject
    DeployView(DeploysConfiguration configuration) {
        this(configuration.viewCapacity(), configuration.viewEventsPerDeploy());
    }

    DeployView(int capacity, int eventsPerDeploy) {
        this.capacity = capacity;
        this.eventsPerDeploy = eventsPerDeploy;
    }

    /** A command is on {@code deploy.commands}: its deploy is queued, unless its events say more. */
    synchronized void accepted(DeployCommand command) {
        Tracked deploy = byId.get(command.getDeployId());
        if (deploy == null) {
            track(new Tracked(command));
        } else {
            deploy.request(command);
        }
    }

    synchronized void apply(DeployEvent event) {
        Tracked deploy = byId.get(event.getDeployId());
        if (deploy == null) {
            deploy = track(new Tracked(event));
        }
        if (deploy != null) {
            deploy.apply(event, eventsPerDeploy);
        }
    }

    synchronized Optional<Deploy> find(String deployId) {
        return Optional.ofNullable(byId.get(deployId)).map(Tracked::snapshot);
    }

    /** The deploy's current status, if this view knows the deploy. */
    public synchronized Optional<DeployStatus> statusOf(String deployId) {
        return Optional.ofNullable(byId.get(deployId)).map(deploy -> deploy.status);
    }

    synchronized int size() {
        return byId.size();
    }

    /** Tracks a deploy, then forgets the earliest accepted beyond capacity: possibly this one. */
    @Nullable
    private Tracked track(Tracked deploy) {
        byId.put(deploy.deployId, deploy);
        byAcceptance.add(deploy);
        while (byId.size() > capacity) {
            byId.remove(byAcceptance.pollFirst().deployId);
        }
        return byId.get(deploy.deployId);
    }

    /** A deploy as the view knows it at one moment. */
    record Deploy(
            String deployId,
            String serviceId,
            @Nullable String requestedBy,
            DeployStatus status,
            @Nullable String commitId,
            @Nullable String imageUrl,
            @Nullable String renderDeployId,
            @Nullable String reason,
            Instant acceptedAt,
            @Nullable Instant finishedAt,
            Map<String, String> labels,
            List<EnvVar> envVars,
            EnvGroupChanges envGroups,
            @Nullable RollbackSpec rollback,
            List<Event> events) {
    }

    /** An env var change of a deploy: which variable, and what is done to it. */
    record EnvVar(String key, EnvVarAction action) {
    }

    /** One event of a deploy. */
    record Event(
            DeployEventType type,
            DeployStatus status,
            Instant occurredAt,
            int sequence,
            @Nullable String renderStatus,
            @Nullable String reason) {

        static Event of(DeployEvent event) {
            return new Event(event.getType(), event.getStatus(), event.getOccurredAt(), event.getSequence(),
                    event.getRenderStatus(), event.getReason());
        }
    }

    /** Mutable state of one deploy; guarded by the view's lock. */
    private static final class Tracked {
        private final String deployId;
        private final String serviceId;
        private final Instant acceptedAt;
        private final Map<String, String> labels;
        private final TreeMap<Integer, Event> events = new TreeMap<>();
        private String requestedBy;
        private List<EnvVar> envVars = List.of();
        private EnvGroupChanges envGroups = EnvGroupChanges.NONE;
        private RollbackSpec rollback;
        private DeployStatus status = DeployStatus.QUEUED;
        private int latestSequence;
        private String commitId;
        private String imageUrl;
        private String renderDeployId;
        private String reason;
        private Instant finishedAt;

        Tracked(DeployCommand command) {
            this.deployId = command.getDeployId();
            this.serviceId = command.getServiceId();
            this.acceptedAt = command.getOccurredAt();
            this.labels = Map.copyOf(command.getLabels());
            this.commitId = command.getCommitId();
            this.imageUrl = command.getImageUrl();
            request(command);
        }

        Tracked(DeployEvent event) {
            this.deployId = event.getDeployId();
            this.serviceId = event.getServiceId();
            this.acceptedAt = event.getAcceptedAt();
            this.labels = Map.copyOf(event.getLabels());
        }

        /** What the command asked for, which events do not carry. */
        void request(DeployCommand command) {
            requestedBy = command.getRequestedBy();
            envVars = command.getEnvVarChanges().stream()
                    .map(change -> new EnvVar(change.getKey(), change.getAction())).toList();
            envGroups = new EnvGroupChanges(command.getEnvGroupLinks(), command.getEnvGroupUnlinks());
            rollback = new RollbackSpec(command.getRollback().getEnabled(), command.getRollback().getDisableAutoDeploy());
        }

        void apply(DeployEvent event, int maxEvents) {
            if (events.containsKey(event.getSequence())) {
                return;
            }
            events.put(event.getSequence(), Event.of(event));
            if (events.size() > maxEvents) {
                events.pollFirstEntry();
            }
            if (event.getSequence() > latestSequence) {
                latestSequence = event.getSequence();
                status = event.getStatus();
                commitId = orElse(event.getCommitId(), commitId);
                imageUrl = orElse(event.getImageUrl(), imageUrl);
                renderDeployId = orElse(event.getRenderDeployId(), renderDeployId);
                reason = event.getReason();
                finishedAt = event.getFinishedAt();
            }
        }

        Deploy snapshot() {
            return new Deploy(deployId, serviceId, requestedBy, status, commitId, imageUrl, renderDeployId, reason,
                    acceptedAt, finishedAt, labels, envVars, envGroups, rollback, List.copyOf(events.values()));
        }

        private static String orElse(@Nullable String value, @Nullable String fallback) {
            return value != null ? value : fallback;
        }
    }
}
