package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchProgress;
import io.deploybus.schemas.avro.BatchStatus;
import io.deploybus.schemas.avro.BatchStep;
import io.deploybus.schemas.avro.BatchStepState;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.RollbackPolicy;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batches on the real broker: dependency order, the failure policy, and a coordinator that crashes. */
@ExtendWith(KafkaBrokerExtension.class)
class BatchCoordinatorIT {

    private static WorkerHarness harness;
    private static KafkaProducer<String, DeployBatch> producer;

    @BeforeAll
    static void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
        producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), AvroSerde.of(DeployBatch.class));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void batchRunsItsStepsInDependencyOrderAndEndsWithASummary() {
        try (ServiceProcess worker = harness.startWorker()) {
            var batch = new PlannedBatch(BatchFailurePolicy.STOP_DEPENDENTS, 2)
                    .step("db", EmulatorSeed.HEALTHY_SERVICE, true)
                    .step("api", EmulatorSeed.SECOND_HEALTHY_SERVICE, true, "db")
                    .step("web", EmulatorSeed.IMAGE_SERVICE, true, "db");
            String batchId = batch.submit();

            BatchProgress summary = awaitSummary(batchId);

            assertThat(summary.getStatus()).isEqualTo(BatchStatus.SUCCEEDED);
            assertThat(summary.getSteps()).extracting(BatchStepState::getState).containsOnly(BatchStepStatus.SUCCEEDED);
            Instant dbEnded = harness.awaitOutcome(BatchKeys.deployId(batchId, "db")).getLast().getOccurredAt();
            assertThat(firstEventAt(BatchKeys.deployId(batchId, "api"))).isAfterOrEqualTo(dbEnded);
            assertThat(firstEventAt(BatchKeys.deployId(batchId, "web"))).isAfterOrEqualTo(dbEnded);
        }
    }

    @Test
    void failedStepStopsItsDependentsAndTheBatchEndsFailed() {
        try (ServiceProcess worker = harness.startWorker()) {
            String batchId = new PlannedBatch(BatchFailurePolicy.STOP_DEPENDENTS, 1)
                    .step("broken", EmulatorSeed.FAILING_BUILD_SERVICE, false)
                    .step("after", EmulatorSeed.HEALTHY_SERVICE, true, "broken")
                    .submit();

            BatchProgress summary = awaitSummary(batchId);

            assertThat(summary.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(summary.getSteps()).extracting(BatchStepState::getRef, BatchStepState::getState)
                    .containsExactly(tuple("broken", BatchStepStatus.FAILED), tuple("after", BatchStepStatus.SKIPPED));
        }
    }

    @Test
    void batchSurvivesTheCrashOfItsCoordinator() {
        harness.control.script(EmulatorSeed.SECOND_HEALTHY_SERVICE, "{\"duration\": \"6s\"}");
        var batch = new PlannedBatch(BatchFailurePolicy.STOP_DEPENDENTS, 1)
                .step("first", EmulatorSeed.SECOND_HEALTHY_SERVICE, true)
                .step("second", EmulatorSeed.HEALTHY_SERVICE, true, "first");
        try (ServiceProcess doomed = harness.startWorker()) {
            batch.submit();
            harness.eventsUntil(BatchKeys.deployId(batch.batchId, "first"), events -> !events.isEmpty());
            doomed.kill();
        }
        try (ServiceProcess restarted = harness.startWorker()) {
            assertThat(awaitSummary(batch.batchId).getStatus()).isEqualTo(BatchStatus.SUCCEEDED);
        }
    }

    private static BatchProgress awaitSummary(String batchId) {
        try (var reader = TopicReader.of(harness.kafka, Topics.DEPLOY_BATCHES, DeployBatch.class)) {
            return summaryOf(reader.readUntil(records -> summaryOf(records, batchId).isPresent(), Duration.ofSeconds(90)), batchId)
                    .orElseThrow();
        }
    }

    private static Optional<BatchProgress> summaryOf(List<ConsumerRecord<String, DeployBatch>> records, String batchId) {
        return records.stream().filter(r -> r.key().equals(BatchKeys.progress(batchId)))
                .map(r -> (BatchProgress) r.value().getEntry()).filter(p -> p.getFinishedAt() != null).findFirst();
    }

    private static Instant firstEventAt(String deployId) {
        return harness.awaitOutcome(deployId).stream().map(DeployEvent::getOccurredAt).min(Instant::compareTo).orElseThrow();
    }

    /** A batch plan as deploy-api would put it on deploy.batches. */
    private static final class PlannedBatch {
        private final String batchId = "bat-test-" + UUID.randomUUID();
        private final BatchFailurePolicy policy;
        private final int parallelism;
        private final List<BatchStep> steps = new ArrayList<>();

        PlannedBatch(BatchFailurePolicy policy, int parallelism) {
            this.policy = policy;
            this.parallelism = parallelism;
        }

        PlannedBatch step(String ref, String serviceId, boolean rollback, String... dependsOn) {
            var command = aDeployOf(serviceId).setBatchId(batchId).setDeployId(BatchKeys.deployId(batchId, ref))
                    .setRollback(new RollbackPolicy(rollback, false)).build();
            steps.add(new BatchStep(ref, command, List.of(dependsOn)));
            return this;
        }

        String submit() {
            var record = new DeployBatch(UUID.randomUUID().toString(), Instant.now(), batchId,
                    new BatchPlan("test", parallelism, policy, steps, Map.of()));
            try {
                producer.send(new ProducerRecord<>(Topics.DEPLOY_BATCHES, null, BatchKeys.plan(batchId), record,
                        CloudEventHeaders.of(record, "/deploybus/test", batchId))).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot submit batch " + batchId, e);
            }
            return batchId;
        }
    }
}
