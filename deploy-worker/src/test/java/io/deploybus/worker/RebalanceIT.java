package io.deploybus.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An instance joining moves only the partitions it is given: the first instance gives up exactly
 * those, and the runners of every lane it keeps go on undisturbed (an eager rebalance would stop
 * them all and resume them from the journal).
 */
@ExtendWith(KafkaBrokerExtension.class)
class RebalanceIT {

    /** deploy.commands' partitions in the topic catalogue. */
    private static final int CATALOGUE_PARTITIONS = Topics.find(Topics.DEPLOY_COMMANDS).orElseThrow().partitions();
    private static final Pattern OWNING = Pattern.compile("Owning partitions \\[([0-9, ]*)]");
    private static final Pattern GIVING_UP = Pattern.compile("Giving up partitions \\[([0-9, ]*)]");
    private static final List<String> SERVICES = List.of(EmulatorSeed.HEALTHY_SERVICE, EmulatorSeed.SECOND_HEALTHY_SERVICE,
            EmulatorSeed.IMAGE_SERVICE);

    private WorkerHarness harness;
    private final List<ServiceProcess> workers = new ArrayList<>();

    @BeforeEach
    void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
    }

    @AfterEach
    void stop() {
        workers.forEach(ServiceProcess::close);
        harness.close();
    }

    @Test
    void anInstanceJoiningMovesOnlyItsPartitionsAndLeavesTheOtherLanesRunning() throws IOException {
        ServiceProcess first = start();
        List<DeployCommand> commands = harness.deploysTriggered(SERVICES, Duration.ofSeconds(15));

        ServiceProcess second = start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !partitions(second, OWNING).isEmpty());
        Set<Integer> moved = partitions(second, OWNING);
        List<List<DeployEvent>> outcomes = commands.stream().map(c -> harness.awaitOutcome(c.getDeployId())).toList();

        assertThat(moved).hasSizeBetween(1, 11);
        assertThat(partitions(first, GIVING_UP)).isEqualTo(moved);
        String firstLog = Files.readString(first.log());
        for (List<DeployEvent> events : outcomes) {
            assertThat(events.getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
            assertThat(events).extracting(DeployEvent::getSequence).doesNotHaveDuplicates();
        }
        for (String service : SERVICES) {
            assertThat(harness.control.triggers(service)).as("triggers of " + service).isEqualTo(1);
            if (!moved.contains(partitionOf(service))) {
                assertThat(firstLog).as("the first instance kept " + service + "'s lane")
                        .doesNotContain("Runner of " + service + " stopped");
            }
        }
    }

    private static int partitionOf(String serviceId) {
        return BuiltInPartitioner.partitionForKey(serviceId.getBytes(StandardCharsets.UTF_8), CATALOGUE_PARTITIONS);
    }

    private ServiceProcess start() {
        ServiceProcess worker = harness.startWorker();
        workers.add(worker);
        return worker;
    }

    /** The partitions a worker's log says it took (or gave up) after its first assignment. */
    private static Set<Integer> partitions(ServiceProcess worker, Pattern line) throws IOException {
        Matcher matcher = line.matcher(Files.readString(worker.log()));
        Set<Integer> found = new TreeSet<>();
        while (matcher.find()) {
            if (!matcher.group(1).isBlank()) {
                found.addAll(Arrays.stream(matcher.group(1).split(",\\s*")).map(Integer::parseInt).collect(Collectors.toSet()));
            }
        }
        return found;
    }
}
