package io.deploybus.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.RawTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A zombie cannot write: an instance frozen (SIGSTOP) until the group gave its partitions to
 * another, which finished its deploys, wakes up (SIGCONT) to find its journal partitions fenced.
 * It publishes no second outcome, triggers nothing, and stands down.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerFencingIT {

    private static final List<String> SERVICES = List.of(EmulatorSeed.HEALTHY_SERVICE, EmulatorSeed.SECOND_HEALTHY_SERVICE);

    private WorkerHarness harness;
    private final List<ServiceProcess> workers = new ArrayList<>();

    @BeforeEach
    void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
    }

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess worker : workers) {
            signal(worker, "CONT");
            worker.close();
        }
        harness.close();
    }

    @Test
    void anInstanceFrozenUntilItsPartitionsMovedWritesNothingWhenItWakesAndStandsDown() throws Exception {
        ServiceProcess zombie = start();
        List<DeployCommand> commands = harness.deploysTriggered(SERVICES, Duration.ofSeconds(20));

        signal(zombie, "STOP");
        start();
        for (DeployCommand command : commands) {
            assertThat(harness.awaitOutcome(command.getDeployId()).getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        }
        signal(zombie, "CONT");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(zombie.log()).contains("Fenced out of journal partition"));
        for (DeployCommand command : commands) {
            assertThat(outcomesOf(command)).as("outcomes of " + command.getDeployId()).hasSize(1);
            assertThat(harness.control.triggers(command.getServiceId())).as("triggers of " + command.getServiceId()).isEqualTo(1);
        }
        assertThat(zombie.isAlive()).isTrue();
    }

    private ServiceProcess start() {
        ServiceProcess worker = harness.startWorker();
        workers.add(worker);
        return worker;
    }

    /** The terminal events of the deploy on deploy.events, read to the end of the topic. */
    private List<DeployEvent> outcomesOf(DeployCommand command) {
        var serde = AvroSerde.of(DeployEvent.class);
        return RawTopic.readAll(harness.kafka, Topics.DEPLOY_EVENTS).stream()
                .map(record -> serde.deserialize(record.topic(), record.value()))
                .filter(e -> e.getDeployId().equals(command.getDeployId()) && e.getFinishedAt() != null).toList();
    }

    private static void signal(ServiceProcess process, String signal) throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        }
    }
}
