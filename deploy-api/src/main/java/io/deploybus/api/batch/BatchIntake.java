package io.deploybus.api.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.deploybus.api.deploy.DeployIdGenerator;
import io.deploybus.api.deploy.DeployIntake;
import io.deploybus.api.idempotency.CanonicalForm;
import io.deploybus.api.idempotency.IdempotencyConfiguration;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.idempotency.IdempotencyKeyReusedException;
import io.deploybus.api.idempotency.Outcome;
import io.deploybus.api.idempotency.RequestDigests;
import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.api.view.TopicViews;
import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchStep;
import io.deploybus.schemas.avro.DeployBatch;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts batches: gives each a batch id, turns each step into its deploy's command (deploy id
 * {@code BatchKeys.deployId(batchId, ref)}, env var values sealed as for a single deploy), and
 * publishes the whole as one plan, reporting the batch accepted only once Kafka has acknowledged
 * it. It publishes no command: the batch coordinator in deploy-worker does, in dependency order.
 * A repeat under the same {@code Idempotency-Key} gets the first batch back, as it is now.
 */
@Singleton
final class BatchIntake {

    /**
     * Kafka refuses records above about 1 MB (the broker's {@code message.max.bytes} and the
     * producer's {@code max.request.size}); a refusal then would be a 500, so a plan is measured
     * before it is sent, with room left for headers and batch overhead.
     */
    static final int MAX_PLAN_BYTES = 900 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BatchIntake.class);

    private final BatchPlanPublisher publisher;
    private final BatchView view;
    private final TopicViews views;
    private final DeployIntake deploys;
    private final DeployIdGenerator ids;
    private final RequestDigests digests;
    private final Clock clock;
    private final Duration keyTtl;

    BatchIntake(BatchPlanPublisher publisher, BatchView view, TopicViews views, DeployIntake deploys,
                DeployIdGenerator ids, RequestDigests digests, IdempotencyConfiguration idempotency,
                Clock clock) {
        this.publisher = publisher;
        this.view = view;
        this.views = views;
        this.deploys = deploys;
        this.ids = ids;
        this.digests = digests;
        this.clock = clock;
        this.keyTtl = idempotency.ttl();
    }

    /**
     * As {@code DeployIntake.submit}: a repeat under the same key, on any instance, gets the first
     * batch back as it is now; two instances taking the same request at once give it the same keyed
     * batch id (the coordinator keeps the first plan of a batch id, and the step deploy ids follow
     * from it). Two different requests under one key at the same moment are two batches.
     *
     * @param requestedBy the name of the API client
     * @return the accepted batch, and whether it is the replay of an earlier request with the same key
     * @throws BatchNotAcknowledgedException when Kafka did not take the plan
     * @throws InvalidRequestException       when the plan is too large for one Kafka record
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    Outcome<BatchAccepted> submit(String requestedBy, Optional<IdempotencyKey> key, BatchSpec spec) {
        if (key.isEmpty()) {
            return new Outcome<>(accept(plan(ids.nextBatchId(), requestedBy, null, null, spec)), false);
        }
        String idempotencyKey = key.get().value();
        CanonicalForm request = new CanonicalForm();
        spec.writeTo(request);
        Optional<BatchView.Batch> first = firstUnder(requestedBy, idempotencyKey);
        if (first.isEmpty() && views.awaitCurrent()) {
            // Not known here yet, maybe only because another instance took it a moment ago.
            first = firstUnder(requestedBy, idempotencyKey);
        }
        if (first.isPresent()) {
            return repeat(first.get(), request);
        }
        String digest = digests.digest(request);
        // The request's digest is part of the id: deploy.batches is compacted, so of two plans of one
        // batch id the topic would in the end keep the later, not the first that every view showed.
        String batchId = ids.keyed(DeployIdGenerator.BATCH_PREFIX, requestedBy, idempotencyKey, "batch " + digest,
                clock.instant(), keyTtl);
        DeployBatch plan = plan(batchId, requestedBy, idempotencyKey, digest, spec);
        BatchAccepted accepted = accept(plan);
        // Another instance may have published this same request's plan first: then this is its repeat.
        boolean second = view.find(batchId).filter(batch -> !batch.request().planEventId().equals(plan.getEventId()))
                .isPresent();
        return new Outcome<>(accepted, second);
    }

    private Optional<BatchView.Batch> firstUnder(String requestedBy, String idempotencyKey) {
        return view.findRequest(requestedBy, idempotencyKey, clock.instant().minus(keyTtl));
    }

    private Outcome<BatchAccepted> repeat(BatchView.Batch first, CanonicalForm request) {
        if (digests.compare(first.request().requestDigest(), request) == RequestDigests.Comparison.DIFFERENT) {
            throw new IdempotencyKeyReusedException();
        }
        return new Outcome<>(BatchAccepted.of(first), true);
    }

    private BatchAccepted accept(DeployBatch plan) {
        checkSize(plan);
        RecordMetadata acknowledged = publisher.publish(plan);
        var steps = ((BatchPlan) plan.getEntry()).getSteps();
        LOG.info("Accepted batch {} of {} steps for {} ({}-{}@{})", plan.getBatchId(), steps.size(),
                ((BatchPlan) plan.getEntry()).getRequestedBy(), acknowledged.topic(), acknowledged.partition(),
                acknowledged.offset());
        if (!views.awaitApplied(acknowledged)) {
            // The views lag: this instance must know the batch before it answers all the same.
            view.apply(plan);
        }
        return view.find(plan.getBatchId()).map(BatchAccepted::of).orElseThrow();
    }

    private DeployBatch plan(String batchId, String requestedBy, String idempotencyKey, String requestDigest,
                             BatchSpec spec) {
        Instant now = clock.instant();
        List<BatchStep> steps = spec.steps().stream().map(step -> BatchStep.newBuilder()
                        .setRef(step.ref())
                        .setCommand(deploys.commandOf(BatchKeys.deployId(batchId, step.ref()), batchId, requestedBy,
                                idempotencyKey, requestDigest, step.deploy()))
                        .setDependsOn(step.dependsOn())
                        .build())
                .toList();
        return DeployBatch.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setBatchId(batchId)
                .setEntry(BatchPlan.newBuilder()
                        .setRequestedBy(requestedBy)
                        .setParallelism(spec.parallelism())
                        .setFailurePolicy(spec.failurePolicy())
                        .setSteps(steps)
                        .setLabels(spec.labels())
                        .build())
                .build();
    }

    private static void checkSize(DeployBatch plan) {
        int bytes;
        try {
            bytes = plan.toByteBuffer().remaining();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the plan of " + plan.getBatchId(), e);
        }
        if (bytes > MAX_PLAN_BYTES) {
            throw new InvalidRequestException("The batch is too large to be stored as one record.",
                    List.of(FieldProblem.body("steps", "take " + bytes + " bytes as a plan, more than the "
                            + MAX_PLAN_BYTES + " a batch may take; mostly env var values, sealed")),
                    "Split the batch, or move large env var values into an env group.");
        }
    }
}
