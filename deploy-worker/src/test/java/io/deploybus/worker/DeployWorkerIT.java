package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.DeadLetters;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.RollbackPolicy;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.RawTopic;
import io.deploybus.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** deploy-worker as a process on a real broker, against the emulator. */
@ExtendWith(KafkaBrokerExtension.class)
class DeployWorkerIT {

    private static WorkerHarness harness;
    private static ServiceProcess worker;

    @BeforeAll
    static void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
        worker = harness.startWorker();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void deployOfAHealthyServiceSucceeds() {
        DeployCommand command = harness.commands.send(aDeployOf(EmulatorSeed.SECOND_HEALTHY_SERVICE).setCommitId("abcdef1").build());

        List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());

        assertThat(events).extracting(DeployEvent::getType).containsSubsequence(DeployEventType.DeployAccepted,
                DeployEventType.DeployValidated, DeployEventType.DeployTriggered, DeployEventType.DeploySucceeded);
        assertThat(events.getLast().getRenderStatus()).isEqualTo("live");
        assertThat(events).extracting(DeployEvent::getSequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void secondDeployOfSameServiceWaitsForFirst() {
        String service = EmulatorSeed.HEALTHY_SERVICE;
        DeployCommand first = harness.commands.send(aDeployOf(service).build());
        DeployCommand second = harness.commands.send(aDeployOf(service).build());

        List<DeployEvent> firstEvents = harness.awaitOutcome(first.getDeployId());
        List<DeployEvent> secondEvents = harness.awaitOutcome(second.getDeployId());

        assertThat(firstEvents.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(secondEvents.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(secondEvents.getFirst().getOccurredAt()).isAfterOrEqualTo(firstEvents.getLast().getOccurredAt());
    }

    @Test
    void longDeployDoesNotHoldUpAnotherServiceOfTheSamePartition() {
        String slow = EmulatorSeed.FAILING_BUILD_SERVICE;
        String quick = EmulatorSeed.SECOND_HEALTHY_SERVICE;
        assertThat(partitionOf(slow)).as("the two services share a partition").isEqualTo(partitionOf(quick));
        harness.control.script(slow, "{\"duration\": \"15s\"}");
        DeployCommand long_ = harness.commands.send(aDeployOf(slow).setRollback(new RollbackPolicy(false, false)).build());
        DeployCommand short_ = harness.commands.send(aDeployOf(quick).build());

        DeployEvent quickOutcome = harness.awaitOutcome(short_.getDeployId()).getLast();
        DeployEvent slowOutcome = harness.awaitOutcome(long_.getDeployId()).getLast();

        assertThat(quickOutcome.getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(quickOutcome.getOccurredAt()).isBefore(slowOutcome.getOccurredAt().minusSeconds(5));
    }

    @Test
    void triggerAnswered202WithNoBodyIsFollowedToItsDeploy() {
        String service = EmulatorSeed.HEALTHY_SERVICE;
        harness.control.script(service, "{\"answer\": 202}");
        DeployCommand command = harness.commands.send(aDeployOf(service).build());

        List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());

        assertThat(events.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(events.stream().filter(e -> e.getType() == DeployEventType.DeployTriggered).findFirst().orElseThrow()
                .getRenderDeployId()).startsWith("dep-");
    }

    @Test
    void triggerRenderRefusesEndsTheDeployFailedWithRendersMessage() {
        String service = EmulatorSeed.IMAGE_SERVICE;
        harness.control.fault("{\"status\": 400, \"count\": 1, \"method\": \"POST\", \"path\": \"/v1/services/" + service + "/deploys\"}");
        DeployCommand command = harness.commands.send(aDeployOf(service).build());

        DeployEvent outcome = harness.awaitOutcome(command.getDeployId()).getLast();

        assertThat(outcome.getType()).isEqualTo(DeployEventType.DeployFailed);
        assertThat(outcome.getStatus()).isEqualTo(DeployStatus.FAILED);
        assertThat(outcome.getReason()).startsWith("Render refused:").contains("400");
        assertThat(harness.control.triggers(service)).isZero();
    }

    @Test
    void deployOfSuspendedServiceIsRejected() {
        DeployCommand command = harness.commands.send(aDeployOf(EmulatorSeed.SUSPENDED_SERVICE).build());

        DeployEvent outcome = harness.awaitOutcome(command.getDeployId()).getLast();

        assertThat(outcome.getStatus()).isEqualTo(DeployStatus.REJECTED);
        assertThat(outcome.getReason()).contains("suspended");
        assertThat(harness.control.triggers(EmulatorSeed.SUSPENDED_SERVICE)).isZero();
    }

    @Test
    void deployOfAServiceRenderDoesNotKnowIsRejected() {
        DeployCommand command = harness.commands.send(aDeployOf("srv-doesnotexist0000099").build());

        DeployEvent outcome = harness.awaitOutcome(command.getDeployId()).getLast();

        assertThat(outcome.getStatus()).isEqualTo(DeployStatus.REJECTED);
        assertThat(outcome.getReason()).contains("no service");
    }

    @Test
    void failedBuildWithRollbackDisabledEndsFailed() {
        DeployCommand command = harness.commands.send(aDeployOf(EmulatorSeed.FAILING_BUILD_SERVICE)
                .setRollback(new RollbackPolicy(false, false)).build());

        DeployEvent outcome = harness.awaitOutcome(command.getDeployId()).getLast();

        assertThat(outcome.getStatus()).isEqualTo(DeployStatus.FAILED);
        assertThat(outcome.getRenderStatus()).isEqualTo("build_failed");
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() {
        String service = EmulatorSeed.SECOND_HEALTHY_SERVICE;
        harness.commands.sendBytes(service, "not a deploy command".getBytes(StandardCharsets.UTF_8));
        DeployCommand after = harness.commands.send(aDeployOf(service).build());

        assertThat(harness.awaitOutcome(after.getDeployId()).getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        var deadLetter = deadLetters().stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("not a deploy command")).findFirst();
        assertThat(deadLetter).isPresent();
        assertThat(CloudEventHeaders.text(deadLetter.get().headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.DEPLOY_COMMANDS);
        assertThat(CloudEventHeaders.text(deadLetter.get().headers(), DeadLetters.ERROR_CLASS)).endsWith("UndecodableRecordException");
        assertThat(deadLetter.get().key()).isEqualTo(service);
    }

    @Test
    void commandKeyedUnderAnotherServiceIsDeadLettered() {
        DeployCommand misrouted = aDeployOf(EmulatorSeed.HEALTHY_SERVICE).build();
        harness.commands.sendBytes("srv-someoneelse00000001",
                AvroSerde.of(DeployCommand.class).encode(misrouted));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(deadLetters()).anySatisfy(r -> assertThat(
                        CloudEventHeaders.text(r.headers(), DeadLetters.ERROR_MESSAGE)).contains("keyed srv-someoneelse00000001")));
    }

    private static int partitionOf(String serviceId) {
        return BatchKeys.partition(serviceId, 12);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters() {
        return RawTopic.readAll(harness.kafka, Topics.DEPLOY_COMMANDS_DLQ);
    }
}
