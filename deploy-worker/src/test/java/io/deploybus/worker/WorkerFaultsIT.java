package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Ports;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker keeps taking work through Kafka's faults, and says so when it cannot: readiness DOWN
 * while Kafka is away, liveness DOWN once a poll loop has given up. Each test has a broker of its
 * own, since one of them stops it.
 */
class WorkerFaultsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration KAFKA_AWAY = Duration.ofSeconds(90);

    private LocalKafka kafka;
    private WorkerHarness harness;
    private final List<ServiceProcess> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(ServiceProcess::close);
        if (harness != null) {
            harness.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aWorkerTakesCommandsAgainOnceABrokerRestartedUnderItAndFinishesWhatWasInFlight() {
        Path data = Workspace.newRunDirectory("kafka-restarted");
        int port = Ports.free();
        kafka = LocalKafka.start(data, port, true);
        harness = new WorkerHarness(kafka);
        ServiceProcess worker = start();
        DeployCommand inFlight = harness.commands.send(aDeployOf(EmulatorSeed.HEALTHY_SERVICE).build());
        harness.eventsUntil(inFlight.getDeployId(), events -> events.stream()
                .anyMatch(e -> e.getType() == DeployEventType.DeployTriggered));
        DeployCommand justSent = harness.commands.send(aDeployOf(EmulatorSeed.SECOND_HEALTHY_SERVICE).build());

        kafka.close();
        await().atMost(KAFKA_AWAY).until(() -> status(worker, "/health/readiness") == 503);
        kafka = LocalKafka.start(data, port, true);
        harness.reconnect(kafka);

        DeployCommand afterRestart = harness.commands.send(aDeployOf(EmulatorSeed.HEALTHY_SERVICE).build());
        for (DeployCommand command : List.of(inFlight, justSent, afterRestart)) {
            List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());
            assertThat(events.getLast().getStatus()).as(command.getDeployId()).isEqualTo(DeployStatus.SUCCEEDED);
        }
        assertThat(harness.control.triggers(EmulatorSeed.HEALTHY_SERVICE)).as("one trigger per command").isEqualTo(2);
        assertThat(harness.control.triggers(EmulatorSeed.SECOND_HEALTHY_SERVICE)).as("one trigger per command").isEqualTo(1);
        await().atMost(KAFKA_AWAY).until(() -> status(worker, "/health/readiness") == 200);
        assertThat(status(worker, "/health/liveness")).isEqualTo(200);
    }

    @Test
    void aWorkerWhoseIntakeGaveUpIsNotAliveAndAnotherInstanceRunsItsCommand() {
        kafka = LocalKafka.startForTests();
        harness = new WorkerHarness(kafka);
        ServiceProcess failing = start("deploybus.worker.crash-at", "intake-accepted");
        assertThat(status(failing, "/health/liveness")).isEqualTo(200);

        DeployCommand command = harness.commands.send(aDeployOf(EmulatorSeed.HEALTHY_SERVICE).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> status(failing, "/health/liveness") == 503);
        assertThat(status(failing, "/health/readiness")).isEqualTo(503);
        assertThat(body(failing, "/health/liveness")).contains("deploy-command-intake").contains("FAILED")
                .contains("this worker takes no more commands");

        start();
        List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());
        assertThat(events.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(harness.control.triggers(EmulatorSeed.HEALTHY_SERVICE)).isEqualTo(1);
    }

    private ServiceProcess start(String... extra) {
        ServiceProcess worker = harness.startWorker(extra);
        workers.add(worker);
        return worker;
    }

    private static int status(ServiceProcess service, String path) {
        return get(service, path).statusCode();
    }

    private static String body(ServiceProcess service, String path) {
        return get(service, path).body();
    }

    private static HttpResponse<String> get(ServiceProcess service, String path) {
        URI uri = service.baseUri().resolve(path);
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
