package io.deploybus.api.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Where each deploy stands, folded from its command and its events as every instance reads them
 * from the topics (see {@code io.deploybus.api.view.TopicViews}), so that every instance answers the
 * same, also after a restart.
 *
 * <p>A deploy is {@code QUEUED} once its command is known. Each {@link DeployEvent} carries a full
 * snapshot, so the deploy takes the state of its event with the highest {@code sequence}, whatever
 * order events arrive in; an event seen twice counts once. Events may arrive before the command
 * (the two topics are read independently), and then the first event introduces the deploy. Of two
 * commands of one deploy (two instances took the same request under an {@code Idempotency-Key} at
 * the same moment), the first on the topic is the deploy's: both are in one partition, so every
 * instance sees the same one first.
 *
 * <p>What is kept is bounded by age, not by count: a deploy is forgotten once it was accepted longer
 * than {@code retention} ago ({@code deploybus.api.deploys.view-retention}; the topics' own
 * retention bounds what a restarted instance can rebuild). Of each deploy the latest
 * {@code eventsPerDeploy} events are kept. Of env var changes the view keeps the keys and actions,
 * never a value, not even sealed.
 */
@Singleton
public final class DeployView {

    private final Duration retention;
    private final int eventsPerDeploy;
    private final Map<String, Tracked> byId = new HashMap<>();
    /** Every deploy in acceptance order, the order of listings (newest first); and the same per service. */
    private final NavigableMap<Position, Tracked> byAcceptance = new TreeMap<>();
    private final Map<String, NavigableMap<Position, Tracked>> byService = new HashMap<>();
    /** Commands in the order read: within a service, the order deploy-worker takes them in. */
    private long commandsRead;
    /**
     * The deploys requested under each client's Idempotency-Key, in the order read: usually one. A
     * batch's steps carry the batch's key, which is the batch view's to know.
     */
    private final Map<KeyScope, List<Tracked>> byKey = new HashMap<>();

    @Inject
    DeployView(DeploysConfiguration configuration) {
        this(configuration.viewRetention(), configuration.viewEventsPerDeploy());
    }

    DeployView(Duration retention, int eventsPerDeploy) {
        this.retention = retention;
        this.eventsPerDeploy = eventsPerDeploy;
    }

    /** A command is on {@code deploy.commands}: its deploy is queued, unless its events say more. */
    public synchronized void accepted(DeployCommand command) {
        Tracked deploy = byId.get(command.getDeployId());
        if (deploy == null) {
            deploy = track(new Tracked(command));
        }
        if (deploy.commandEventId == null) {
            // Known from its events so far: what the command says of the request takes over, so that
            // every instance shows the same whichever topic it read first.
            if (!deploy.acceptedAt.equals(command.getOccurredAt())) {
                unindex(deploy);
                deploy.acceptedAt = command.getOccurredAt();
                index(deploy);
            }
            deploy.request(command, ++commandsRead);
            if (deploy.idempotencyKey != null && deploy.batchId == null) {
                byKey.computeIfAbsent(new KeyScope(deploy.requestedBy, deploy.idempotencyKey), k -> new ArrayList<>())
                        .add(deploy);
            }
        }
    }

    public synchronized void apply(DeployEvent event) {
        Tracked deploy = byId.get(event.getDeployId());
        if (deploy == null) {
            deploy = track(new Tracked(event));
        }
        deploy.apply(event, eventsPerDeploy);
    }

    synchronized Optional<Deploy> find(String deployId) {
        return Optional.ofNullable(byId.get(deployId)).map(Tracked::snapshot);
    }

    /**
     * The first deploy this client requested under this {@code Idempotency-Key} that was accepted at
     * {@code notBefore} or later: a key used again after its time to live names a new deploy.
     */
    synchronized Optional<Deploy> findRequest(String client, String idempotencyKey, Instant notBefore) {
        return byKey.getOrDefault(new KeyScope(client, idempotencyKey), List.of()).stream()
                .filter(deploy -> !deploy.acceptedAt.isBefore(notBefore))
                .findFirst().map(Tracked::snapshot);
    }

    /** The deploy's current status, if this view knows the deploy. */
    public synchronized Optional<DeployStatus> statusOf(String deployId) {
        return Optional.ofNullable(byId.get(deployId)).map(deploy -> deploy.status);
    }

    /**
     * The deploys the query asks for, newest first: up to its limit, and whether there are more. A
     * page is read under the view's lock, so it is consistent in itself; a deploy accepted meanwhile
     * is newer than any cursor handed out, so it never shifts later pages.
     */
    synchronized Page list(DeployQuery query) {
        NavigableMap<Position, Tracked> deploys = query.serviceId() == null ? byAcceptance
                : byService.getOrDefault(query.serviceId(), Collections.emptyNavigableMap());
        Position start = null;
        if (query.until() != null) {
            start = new Position(query.until(), "");
        }
        if (query.after() != null) {
            var after = new Position(query.after().acceptedAt(), query.after().deployId());
            start = start == null || after.compareTo(start) < 0 ? after : start;
        }
        var newestFirst = (start == null ? deploys : deploys.headMap(start, false)).descendingMap();
        var page = new ArrayList<Deploy>();
        for (Tracked deploy : newestFirst.values()) {
            if (query.since() != null && deploy.acceptedAt.isBefore(query.since())) {
                break;
            }
            if (deploy.matches(query)) {
                if (page.size() == query.limit()) {
                    return new Page(page, true);
                }
                page.add(deploy.snapshot());
            }
        }
        return new Page(page, false);
    }

    /**
     * Where a service's deploys stand: the one in flight, if any, and the queued ones behind it in
     * the order deploy-worker takes them (the order their commands are on the topic).
     */
    synchronized Line lineOf(String serviceId) {
        var deploys = byService.getOrDefault(serviceId, Collections.emptyNavigableMap()).values();
        Deploy inFlight = deploys.stream()
                .filter(deploy -> deploy.status != DeployStatus.QUEUED && DeployQuery.ACTIVE.contains(deploy.status))
                .min(Comparator.comparingLong(deploy -> deploy.arrival)).map(Tracked::snapshot).orElse(null);
        List<Deploy> queue = deploys.stream().filter(deploy -> deploy.status == DeployStatus.QUEUED)
                .sorted(Comparator.comparingLong(deploy -> deploy.arrival)).map(Tracked::snapshot).toList();
        return new Line(inFlight, queue);
    }

    /** Every deploy of the service, or every deploy, as the stats see them. */
    synchronized List<DeployStats.Run> runs(@Nullable String serviceId) {
        var deploys = serviceId == null ? byAcceptance
                : byService.getOrDefault(serviceId, Collections.emptyNavigableMap());
        return deploys.values().stream().map(deploy -> new DeployStats.Run(deploy.serviceId, deploy.status,
                deploy.acceptedAt, deploy.finishedAt, deploy.rollbackStarted)).toList();
    }

    /** Forgets the deploys accepted longer than the retention ago; cheap when there are none. */
    public synchronized void forgetExpired(Instant now) {
        Instant oldestKept = now.minus(retention);
        while (!byAcceptance.isEmpty() && byAcceptance.firstKey().acceptedAt().isBefore(oldestKept)) {
            Tracked expired = byAcceptance.firstEntry().getValue();
            unindex(expired);
            byId.remove(expired.deployId);
            if (expired.idempotencyKey != null && expired.batchId == null) {
                forgetKey(new KeyScope(expired.requestedBy, expired.idempotencyKey), expired);
            }
        }
    }

    synchronized int size() {
        return byId.size();
    }

    /** How many it holds, for a gauge. */
    public double count() {
        return size();
    }

    private Tracked track(Tracked deploy) {
        byId.put(deploy.deployId, deploy);
        index(deploy);
        return deploy;
    }

    private void index(Tracked deploy) {
        byAcceptance.put(deploy.position(), deploy);
        byService.computeIfAbsent(deploy.serviceId, id -> new TreeMap<>()).put(deploy.position(), deploy);
    }

    private void unindex(Tracked deploy) {
        byAcceptance.remove(deploy.position());
        NavigableMap<Position, Tracked> ofService = byService.get(deploy.serviceId);
        if (ofService != null && ofService.remove(deploy.position()) != null && ofService.isEmpty()) {
            byService.remove(deploy.serviceId);
        }
    }

    /** A deploy's place in acceptance order; the id breaks ties between deploys of one instant. */
    record Position(Instant acceptedAt, String deployId) implements Comparable<Position> {

        private static final Comparator<Position> ORDER =
                Comparator.comparing(Position::acceptedAt).thenComparing(Position::deployId);

        @Override
        public int compareTo(Position other) {
            return ORDER.compare(this, other);
        }
    }

    /** A page of a listing, newest first. */
    record Page(List<Deploy> deploys, boolean more) {
    }

    /** A service's deploy in flight (or null) and its queue, in the order they will run. */
    record Line(@Nullable Deploy inFlight, List<Deploy> queue) {
    }

    private void forgetKey(KeyScope scope, Tracked deploy) {
        List<Tracked> deploys = byKey.get(scope);
        if (deploys != null && deploys.remove(deploy) && deploys.isEmpty()) {
            byKey.remove(scope);
        }
    }

    private record KeyScope(String client, String key) {
    }

    /**
     * The one copy of a text that many deploys repeat (service ids, client names, label and env var
     * keys, Render's statuses): each record decoded from Kafka brings its own copy, and a view of a
     * month of deploys would otherwise hold a copy per deploy and event.
     */
    @Nullable
    private static String shared(@Nullable String text) {
        return text == null ? null : text.intern();
    }

    private static Map<String, String> labelsOf(Map<String, String> labels) {
        var copy = new HashMap<String, String>(labels.size() * 2);
        labels.forEach((key, value) -> copy.put(shared(key), value));
        return Map.copyOf(copy);
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
            List<Event> events,
            @Nullable String batchId,
            @Nullable Request request) {
    }

    /**
     * What the deploy's first command says of the request, for an {@code Idempotency-Key} repeat.
     *
     * @param commandEventId the first command's {@code eventId}: tells an instance whether its own command came first
     */
    record Request(@Nullable String idempotencyKey, @Nullable String requestDigest, String commandEventId) {
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
                    shared(event.getRenderStatus()), event.getReason());
        }
    }

    /** Mutable state of one deploy; guarded by the view's lock. */
    private static final class Tracked {
        private final String deployId;
        private final String serviceId;
        private Instant acceptedAt;
        private Map<String, String> labels;
        private String batchId;
        private final TreeMap<Integer, Event> events = new TreeMap<>();
        private String requestedBy;
        private String idempotencyKey;
        private String requestDigest;
        private String commandEventId;
        /** When its command was read, among all commands; never read: after every other. */
        private long arrival = Long.MAX_VALUE;
        private boolean rollbackStarted;
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
            this.serviceId = shared(command.getServiceId());
            this.acceptedAt = command.getOccurredAt();
            this.labels = labelsOf(command.getLabels());
            this.batchId = command.getBatchId();
            this.commitId = command.getCommitId();
            this.imageUrl = command.getImageUrl();
        }

        Tracked(DeployEvent event) {
            this.deployId = event.getDeployId();
            this.serviceId = shared(event.getServiceId());
            this.acceptedAt = event.getAcceptedAt();
            this.labels = labelsOf(event.getLabels());
            this.batchId = event.getBatchId();
        }

        /** What the command asked for, which events do not carry. */
        void request(DeployCommand command, long arrivalOrder) {
            arrival = arrivalOrder;
            labels = labelsOf(command.getLabels());
            batchId = command.getBatchId();
            commitId = orElse(commitId, command.getCommitId());
            imageUrl = orElse(imageUrl, command.getImageUrl());
            commandEventId = command.getEventId();
            idempotencyKey = command.getIdempotencyKey();
            requestDigest = command.getRequestDigest();
            requestedBy = shared(command.getRequestedBy());
            envVars = command.getEnvVarChanges().stream()
                    .map(change -> new EnvVar(shared(change.getKey()), change.getAction())).toList();
            envGroups = new EnvGroupChanges(command.getEnvGroupLinks(), command.getEnvGroupUnlinks());
            rollback = new RollbackSpec(command.getRollback().getEnabled(), command.getRollback().getDisableAutoDeploy());
        }

        void apply(DeployEvent event, int maxEvents) {
            if (events.containsKey(event.getSequence())) {
                return;
            }
            events.put(event.getSequence(), Event.of(event));
            rollbackStarted |= event.getType() == DeployEventType.RollbackStarted;
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

        Position position() {
            return new Position(acceptedAt, deployId);
        }

        boolean matches(DeployQuery query) {
            return (query.statuses().isEmpty() || query.statuses().contains(status))
                    && (query.batchId() == null || query.batchId().equals(batchId))
                    && labels.entrySet().containsAll(query.labels().entrySet());
        }

        Deploy snapshot() {
            return new Deploy(deployId, serviceId, requestedBy, status, commitId, imageUrl, renderDeployId, reason,
                    acceptedAt, finishedAt, labels, envVars, envGroups, rollback, List.copyOf(events.values()), batchId,
                    commandEventId == null ? null : new Request(idempotencyKey, requestDigest, commandEventId));
        }

        private static String orElse(@Nullable String value, @Nullable String fallback) {
            return value != null ? value : fallback;
        }
    }
}
