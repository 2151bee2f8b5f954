package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.EmulatorControl;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.TopicReader;
import io.deploybus.testkit.fixtures.CommandProducer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A real broker, the emulator and deploy-worker processes, and ways to watch what they do. */
final class WorkerHarness implements AutoCloseable {

    static final String RENDER_KEY = "rnd_worker_test_key";
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

    LocalKafka kafka;
    final ServiceProcess emulator;
    final EmulatorControl control;
    CommandProducer commands;
    final String secretsKey = SecretBox.newKey();

    WorkerHarness(LocalKafka kafka) {
        this.kafka = kafka;
        kafka.createCatalogueTopics();
        this.emulator = Service.RENDER_EMULATOR.start(Map.of("emulator.api-keys", RENDER_KEY));
        this.control = new EmulatorControl(emulator.baseUri());
        this.commands = new CommandProducer(kafka);
    }

    /** After the broker was restarted: new clients for it (the workers' own reconnect by themselves). */
    void reconnect(LocalKafka restarted) {
        commands.close();
        kafka = restarted;
        commands = new CommandProducer(restarted);
    }

    /** Starts a worker; {@code extra} are Micronaut properties such as {@code deploybus.worker.crash-at}. */
    ServiceProcess startWorker(String... extra) {
        return Service.DEPLOY_WORKER.start(workerProperties(extra));
    }

    /** Starts a worker that is rightly not ready (its Render unreachable, say): waits only until it is alive. */
    ServiceProcess startAliveWorker(String... extra) {
        return Service.DEPLOY_WORKER.startAlive(workerProperties(extra));
    }

    private Map<String, String> workerProperties(String... extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "render.api.base-url", emulator.baseUri().resolve("/v1").toString(),
                "render.api.key", RENDER_KEY,
                "deploybus.secrets.keys.local", secretsKey,
                "deploybus.worker.poll-initial", "200ms",
                "deploybus.worker.poll-max", "1s",
                "deploybus.worker.retry-initial", "200ms"));
        for (int i = 0; i < extra.length; i += 2) {
            properties.put(extra[i], extra[i + 1]);
        }
        return properties;
    }

    /**
     * A deploy of each service, scripted on the emulator to take {@code duration} on Render;
     * returns once every one has been triggered, so that all are in flight.
     */
    List<DeployCommand> deploysTriggered(List<String> services, Duration duration) {
        List<DeployCommand> sent = new ArrayList<>();
        for (String service : services) {
            control.script(service, "{\"outcome\": \"live\", \"duration\": \"" + duration.toSeconds() + "s\", \"count\": 1}");
            sent.add(commands.send(aDeployOf(service).build()));
        }
        for (DeployCommand command : sent) {
            eventsUntil(command.getDeployId(), events -> events.stream().anyMatch(e -> e.getType() == DeployEventType.DeployTriggered));
        }
        return sent;
    }

    /** Every event of the deploy, in topic order, once its terminal event is on the topic. */
    List<DeployEvent> awaitOutcome(String deployId) {
        return eventsUntil(deployId, events -> events.stream().anyMatch(e -> e.getFinishedAt() != null));
    }

    List<DeployEvent> eventsUntil(String deployId, Predicate<List<DeployEvent>> condition) {
        try (var reader = TopicReader.of(kafka, Topics.DEPLOY_EVENTS, DeployEvent.class)) {
            return reader.readUntil(records -> condition.test(of(records, deployId)), DEPLOY_TIMEOUT)
                    .stream().map(ConsumerRecord::value).filter(e -> e.getDeployId().equals(deployId)).toList();
        }
    }

    private static List<DeployEvent> of(List<ConsumerRecord<String, DeployEvent>> records, String deployId) {
        return records.stream().map(ConsumerRecord::value).filter(e -> e.getDeployId().equals(deployId)).toList();
    }

    @Override
    public void close() {
        commands.close();
        emulator.close();
    }
}
