package io.deploybus.api.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchProgress;
import io.deploybus.schemas.avro.BatchStepResult;
import io.deploybus.schemas.avro.BatchStepState;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Where each recent batch stands, folded from its entries on {@code deploy.batches}: the plan, the
 * coordinator's newest progress, and the steps' results.
 *
 * <p>A batch is {@code PENDING} while only its plan is known. The progress says where the batch and
 * each step stand; a step's result, which the worker that ran it writes and which may be read before
 * the progress that takes it in, ends a step the progress still shows pending or dispatched. Entries
 * of a batch share its partition and its plan is written first, so an entry of a batch not (or no
 * longer) known is dropped.
 *
 * <p>Every instance reads the whole topic (see {@code io.deploybus.api.view.TopicViews}), so every
 * instance answers the same, also after a restart. What is kept is bounded by age: a batch is
 * forgotten once it was created longer than {@code retention} ago
 * ({@code deploybus.api.batches.view-retention}; the topic is compacted, so a restarted instance
 * can rebuild any batch whose plan is still on it). Of a plan it keeps each step's ref, deploy id and
 * dependencies, never the commands (which hold sealed values).
 */
@Singleton
public final class BatchView {

    /** A batch's status, which {@code BatchStatus} lacks only {@code PENDING} of. */
    enum Status { PENDING, RUNNING, SUCCEEDED, FAILED }

    private static final Comparator<Tracked> BY_CREATION =
            Comparator.comparing((Tracked t) -> t.createdAt).thenComparing(t -> t.batchId);

    private final Duration retention;
    private final Map<String, Tracked> byId = new HashMap<>();
    private final TreeSet<Tracked> byCreation = new TreeSet<>(BY_CREATION);
    /** The batches requested under each client's Idempotency-Key, in the order read: usually one. */
    private final Map<KeyScope, List<Tracked>> byKey = new HashMap<>();

    @Inject
    BatchView(BatchesConfiguration configuration) {
        this(configuration.viewRetention());
    }

    public BatchView(Duration retention) {
        this.retention = retention;
    }

    /**
     * Of two plans of one batch (two instances took the same request at the same moment), the first
     * read is the batch's: both are in the batch id's partition, so every instance reads the same first.
     */
    public synchronized void apply(DeployBatch entry) {
        String batchId = entry.getBatchId();
        switch (entry.getEntry()) {
            case BatchPlan plan -> {
                if (!byId.containsKey(batchId)) {
                    track(new Tracked(batchId, entry.getEventId(), entry.getOccurredAt(), plan));
                }
            }
            case BatchProgress progress -> tracked(batchId).ifPresent(b -> b.progress(entry.getOccurredAt(), progress));
            case BatchStepResult result -> tracked(batchId).ifPresent(b -> b.result(result));
            default -> {
                // An entry of a later schema version: nothing this view can show.
            }
        }
    }

    synchronized Optional<Batch> find(String batchId) {
        return tracked(batchId).map(Tracked::snapshot);
    }

    /** As {@code DeployView.findRequest}: the first batch under the key created at {@code notBefore} or later. */
    synchronized Optional<Batch> findRequest(String client, String idempotencyKey, Instant notBefore) {
        return byKey.getOrDefault(new KeyScope(client, idempotencyKey), List.of()).stream()
                .filter(batch -> !batch.createdAt.isBefore(notBefore))
                .findFirst().map(Tracked::snapshot);
    }

    /** Forgets the batches created longer than the retention ago; cheap when there are none. */
    public synchronized void forgetExpired(Instant now) {
        Instant oldestKept = now.minus(retention);
        while (!byCreation.isEmpty() && byCreation.first().createdAt.isBefore(oldestKept)) {
            Tracked expired = byCreation.pollFirst();
            byId.remove(expired.batchId);
            if (expired.idempotencyKey != null) {
                List<Tracked> same = byKey.get(new KeyScope(expired.requestedBy, expired.idempotencyKey));
                if (same != null && same.remove(expired) && same.isEmpty()) {
                    byKey.remove(new KeyScope(expired.requestedBy, expired.idempotencyKey));
                }
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

    private Optional<Tracked> tracked(String batchId) {
        return Optional.ofNullable(byId.get(batchId));
    }

    private void track(Tracked batch) {
        byId.put(batch.batchId, batch);
        byCreation.add(batch);
        if (batch.idempotencyKey != null) {
            byKey.computeIfAbsent(new KeyScope(batch.requestedBy, batch.idempotencyKey), k -> new ArrayList<>()).add(batch);
        }
    }

    private record KeyScope(String client, String key) {
    }

    /** A batch as the view knows it at one moment. */
    record Batch(
            String batchId,
            Status status,
            int parallelism,
            BatchFailurePolicy failurePolicy,
            Instant createdAt,
            @Nullable Instant finishedAt,
            List<Step> steps,
            Request request) {
    }

    /**
     * What the batch's plan says of the request, for an {@code Idempotency-Key} repeat.
     *
     * @param planEventId the plan's {@code eventId}: tells an instance whether its own plan came first
     */
    record Request(String requestedBy, @Nullable String idempotencyKey, @Nullable String requestDigest,
                   String planEventId) {
    }

    /** One step of a batch, in plan order. */
    record Step(String ref, String deployId, List<String> dependsOn, BatchStepStatus state) {
    }

    /** Mutable state of one batch; guarded by the view's lock. */
    private static final class Tracked {
        private final String batchId;
        private final String planEventId;
        private final String requestedBy;
        private final String idempotencyKey;
        private final String requestDigest;
        private final Instant createdAt;
        private final int parallelism;
        private final BatchFailurePolicy failurePolicy;
        /** By ref, in plan order: the step's dependencies. */
        private final Map<String, List<String>> steps = new LinkedHashMap<>();
        private final Map<String, BatchStepStatus> progressed = new HashMap<>();
        private final Map<String, DeployStatus> results = new HashMap<>();
        private Instant progressAt;
        private Status progressStatus;
        private Instant finishedAt;

        Tracked(String batchId, String planEventId, Instant createdAt, BatchPlan plan) {
            this.batchId = batchId;
            this.planEventId = planEventId;
            this.requestedBy = plan.getRequestedBy();
            // The plan has no place of its own for them: every step's command carries the batch's.
            DeployCommand first = plan.getSteps().isEmpty() ? null : plan.getSteps().getFirst().getCommand();
            this.idempotencyKey = first == null ? null : first.getIdempotencyKey();
            this.requestDigest = first == null ? null : first.getRequestDigest();
            this.createdAt = createdAt;
            this.parallelism = plan.getParallelism();
            this.failurePolicy = plan.getFailurePolicy();
            plan.getSteps().forEach(step -> steps.put(step.getRef(), List.copyOf(step.getDependsOn())));
        }

        /** Takes a progress unless a newer one was seen (a replay of the topic re-reads old ones). */
        void progress(Instant occurredAt, BatchProgress progress) {
            if (progressAt != null && occurredAt.isBefore(progressAt)) {
                return;
            }
            progressAt = occurredAt;
            progressStatus = Status.valueOf(progress.getStatus().name());
            finishedAt = progress.getFinishedAt();
            progressed.clear();
            for (BatchStepState step : progress.getSteps()) {
                if (steps.containsKey(step.getRef())) {
                    progressed.put(step.getRef(), step.getState());
                }
            }
        }

        void result(BatchStepResult result) {
            if (steps.containsKey(result.getRef())) {
                results.put(result.getRef(), result.getOutcome());
            }
        }

        Batch snapshot() {
            List<Step> snapshot = steps.entrySet().stream()
                    .map(step -> new Step(step.getKey(), BatchKeys.deployId(batchId, step.getKey()), step.getValue(),
                            stateOf(step.getKey())))
                    .toList();
            return new Batch(batchId, status(), parallelism, failurePolicy, createdAt, finishedAt, snapshot,
                    new Request(requestedBy, idempotencyKey, requestDigest, planEventId));
        }

        private Status status() {
            if (progressStatus != null) {
                return progressStatus;
            }
            return results.isEmpty() ? Status.PENDING : Status.RUNNING;
        }

        private BatchStepStatus stateOf(String ref) {
            BatchStepStatus state = progressed.getOrDefault(ref, BatchStepStatus.PENDING);
            DeployStatus outcome = results.get(ref);
            boolean unended = state == BatchStepStatus.PENDING || state == BatchStepStatus.DISPATCHED;
            if (outcome != null && unended) {
                return outcome == DeployStatus.SUCCEEDED ? BatchStepStatus.SUCCEEDED : BatchStepStatus.FAILED;
            }
            return state;
        }
    }
}
