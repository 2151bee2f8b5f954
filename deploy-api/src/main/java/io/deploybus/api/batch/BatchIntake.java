package io.deploybus.api.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.deploybus.api.deploy.DeployIdGenerator;
import io.deploybus.api.deploy.DeployIntake;
import io.deploybus.api.idempotency.IdempotencyConfiguration;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.idempotency.IdempotentRequests;
import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
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
 * A repeat under the same {@code Idempotency-Key} gets the first batch back.
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
    private final DeployIntake deploys;
    private final DeployIdGenerator ids;
    private final Clock clock;
    private final IdempotentRequests<BatchSpec.Fingerprint, BatchAccepted> idempotentRequests;

    BatchIntake(BatchPlanPublisher publisher, BatchView view, DeployIntake deploys, DeployIdGenerator ids,
                IdempotencyConfiguration idempotency, Clock clock) {
        this.publisher = publisher;
        this.view = view;
        this.deploys = deploys;
        this.ids = ids;
        this.clock = clock;
        this.idempotentRequests = new IdempotentRequests<>(idempotency, clock);
    }

    /**
     * @param requestedBy the name of the API client
     * @return the accepted batch, and whether it is the replay of an earlier request with the same key
     * @throws BatchNotAcknowledgedException when Kafka did not take the plan
     * @throws InvalidRequestException       when the plan is too large for one Kafka record
     */
    IdempotentRequests.Outcome<BatchAccepted> submit(String requestedBy, Optional<IdempotencyKey> key, BatchSpec spec) {
        if (key.isEmpty()) {
            return new IdempotentRequests.Outcome<>(accept(requestedBy, spec), false);
        }
        return idempotentRequests.run(requestedBy, key.get(), spec.fingerprint(deploys::fingerprint),
                () -> accept(requestedBy, spec));
    }

    private BatchAccepted accept(String requestedBy, BatchSpec spec) {
        DeployBatch plan = plan(ids.nextBatchId(), requestedBy, spec);
        checkSize(plan);
        RecordMetadata acknowledged = publisher.publish(plan);
        // The listener will read the plan too, but this instance must know it before it answers.
        view.apply(plan);
        LOG.info("Accepted batch {} of {} steps for {} ({}-{}@{})", plan.getBatchId(), spec.steps().size(),
                requestedBy, acknowledged.topic(), acknowledged.partition(), acknowledged.offset());
        return new BatchAccepted(plan.getBatchId(), BatchView.Status.PENDING.name(), spec.steps().stream()
                .map(step -> new BatchAccepted.Step(step.ref(), BatchKeys.deployId(plan.getBatchId(), step.ref())))
                .toList());
    }

    private DeployBatch plan(String batchId, String requestedBy, BatchSpec spec) {
        Instant now = clock.instant();
        List<BatchStep> steps = spec.steps().stream().map(step -> BatchStep.newBuilder()
                        .setRef(step.ref())
                        .setCommand(deploys.commandOf(BatchKeys.deployId(batchId, step.ref()), batchId, requestedBy,
                                step.deploy()))
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
