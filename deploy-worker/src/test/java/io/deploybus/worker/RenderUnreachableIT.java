package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Ports;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker that cannot reach Render: its deploys say why while they wait, and the deploy's timeout
 * ends them, though they never got as far as a trigger.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RenderUnreachableIT {

    private static WorkerHarness harness;
    private static ServiceProcess worker;

    @BeforeAll
    static void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
        worker = harness.startAliveWorker("render.api.base-url", "http://127.0.0.1:" + Ports.free() + "/v1",
                "render.api.max-attempts", "1");
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
    void aWorkerThatCannotReachRenderIsNotReadyAndSaysWhy() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(worker.baseUri().resolve("/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("Render unreachable at http://127.0.0.1:").doesNotContain(WorkerHarness.RENDER_KEY);
    }

    @Test
    void aDeployThatCannotReachRenderSaysSoAndTimesOut() {
        DeployCommand command = harness.commands.send(aDeployOf(EmulatorSeed.HEALTHY_SERVICE).setTimeoutSeconds(6).build());

        List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());

        assertThat(events).filteredOn(e -> e.getType() == DeployEventType.DeployStatusChanged).first()
                .satisfies(waiting -> {
                    assertThat(waiting.getStatus()).isEqualTo(DeployStatus.VALIDATING);
                    assertThat(waiting.getReason()).startsWith("Render unreachable since ");
                });
        assertThat(events).extracting(DeployEvent::getSequence).isSorted().doesNotHaveDuplicates();
        assertThat(events).filteredOn(e -> e.getType() == DeployEventType.DeployAccepted).hasSize(1);
        DeployEvent last = events.getLast();
        assertThat(last.getType()).isEqualTo(DeployEventType.DeployTimedOut);
        assertThat(last.getStatus()).isEqualTo(DeployStatus.TIMED_OUT);
        assertThat(last.getReason()).startsWith("the deploy outlived its timeout of 6 s: Render unreachable since ");
        assertThat(last.getRenderDeployId()).isNull();
    }
}
