package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker's promises through crashes: a worker killed (no shutdown, as {@code kill -9} would)
 * at each step boundary, then started again, completes every deploy, and Render sees exactly one
 * trigger per command. Commands accepted while no worker runs are all executed once one starts.
 * Two instances share the work, and the survivor resumes a dead one's deploys without triggering
 * them again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerCrashIT {

    private static final String SERVICE = EmulatorSeed.HEALTHY_SERVICE;
    private static WorkerHarness harness;

    @BeforeAll
    static void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @BeforeEach
    void freshEmulator() {
        harness.control.reset();
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"after-accept", "after-validate", "journaled-TRIGGERING", "after-trigger",
            "journaled-TRACKING", "journaled-finish"})
    void workerKilledAtAStepBoundaryCompletesTheDeployWithExactlyOneTrigger(String crashPoint) {
        ServiceProcess doomed = harness.startWorker("deploybus.worker.crash-at", crashPoint);
        DeployCommand command = harness.commands.send(aDeployOf(SERVICE).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> !doomed.isAlive());

        try (ServiceProcess restarted = harness.startWorker()) {
            List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());

            assertThat(terminalStatuses(events)).containsOnly(DeployStatus.SUCCEEDED);
            assertThat(harness.control.triggers(SERVICE)).isEqualTo(1);
            assertThat(events.stream().map(DeployEvent::getRenderDeployId).filter(id -> id != null).distinct()).hasSize(1);
        }
    }

    private static List<DeployStatus> terminalStatuses(List<DeployEvent> events) {
        return events.stream().filter(e -> e.getFinishedAt() != null).map(DeployEvent::getStatus).toList();
    }

    @Test
    void commandsAcceptedWhileNoWorkerRunsAllExecuteOnceOneStarts() {
        List<DeployCommand> commands = List.of(
                harness.commands.send(aDeployOf(EmulatorSeed.HEALTHY_SERVICE).build()),
                harness.commands.send(aDeployOf(EmulatorSeed.SECOND_HEALTHY_SERVICE).build()),
                harness.commands.send(aDeployOf(EmulatorSeed.HEALTHY_SERVICE).build()));

        try (ServiceProcess worker = harness.startWorker()) {
            for (DeployCommand command : commands) {
                assertThat(harness.awaitOutcome(command.getDeployId()).getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
            }
        }
        assertThat(harness.control.triggers(EmulatorSeed.HEALTHY_SERVICE)).isEqualTo(2);
        assertThat(harness.control.triggers(EmulatorSeed.SECOND_HEALTHY_SERVICE)).isEqualTo(1);
    }

    @Test
    void survivorResumesTheDeploysOfAKilledInstanceWithoutTriggeringThemAgain() {
        List<String> services = List.of(EmulatorSeed.HEALTHY_SERVICE, EmulatorSeed.SECOND_HEALTHY_SERVICE, EmulatorSeed.IMAGE_SERVICE);
        services.forEach(s -> harness.control.script(s, "{\"duration\": \"12s\"}"));
        try (ServiceProcess first = harness.startWorker(); ServiceProcess second = harness.startWorker()) {
            List<DeployCommand> commands = services.stream().map(s -> harness.commands.send(aDeployOf(s).build())).toList();
            commands.forEach(c -> harness.eventsUntil(c.getDeployId(), events -> events.stream()
                    .anyMatch(e -> e.getType() == DeployEventType.DeployTriggered)));

            first.kill();

            for (DeployCommand command : commands) {
                assertThat(terminalStatuses(harness.awaitOutcome(command.getDeployId())))
                        .as("a deploy ends in exactly one outcome, even when its lane moves").containsOnly(DeployStatus.SUCCEEDED);
            }
            services.forEach(s -> assertThat(harness.control.triggers(s)).as("triggers of %s", s).isEqualTo(1));
            assertThat(second.isAlive()).isTrue();
        }
    }
}
