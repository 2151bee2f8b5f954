package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How many deploys one instance runs at once: deploys of different services overlap, up to the bound. */
@ExtendWith(KafkaBrokerExtension.class)
class ConcurrencyIT {

    private static final List<String> SERVICES =
            List.of(EmulatorSeed.HEALTHY_SERVICE, EmulatorSeed.SECOND_HEALTHY_SERVICE, EmulatorSeed.IMAGE_SERVICE);

    @Test
    void deploysOfDifferentServicesRunAtOnceUpToTheBound(LocalKafka kafka) {
        try (var harness = new WorkerHarness(kafka); ServiceProcess worker = harness.startWorker("deploybus.worker.max-concurrent-deploys", "2")) {
            SERVICES.forEach(s -> harness.control.script(s, "{\"duration\": \"5s\"}"));
            List<DeployCommand> commands = SERVICES.stream().map(s -> harness.commands.send(aDeployOf(s).build())).toList();

            List<List<DeployEvent>> runs = commands.stream().map(c -> harness.awaitOutcome(c.getDeployId())).toList();

            assertThat(runs).allSatisfy(events -> assertThat(events.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED));
            assertThat(maxOverlap(runs)).isEqualTo(2);
        }
    }

    /** The most deploys running at one instant, from each deploy's first and last event. */
    private static int maxOverlap(List<List<DeployEvent>> runs) {
        int most = 0;
        for (List<DeployEvent> run : runs) {
            Instant at = run.getFirst().getOccurredAt();
            int running = (int) runs.stream().filter(other -> !other.getFirst().getOccurredAt().isAfter(at)
                    && other.getLast().getOccurredAt().isAfter(at)).count();
            most = Math.max(most, running);
        }
        return most;
    }
}
