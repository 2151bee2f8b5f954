package io.deploybus.bench;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.EmulatorControl;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.TopicReader;
import io.deploybus.testkit.Workspace;
import io.deploybus.testkit.fixtures.CommandProducer;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The performance acceptance of issue #4 ({@code bench/run worker}): one deploy-worker with a
 * 256 MiB heap, a real broker, and the Render emulator at Render's rate limits with 200 services;
 * 1,000 deploy commands, 5 per service; every outcome awaited and the figures reported per mode.
 * Exits 1 when a target is missed, 2 on bad arguments.
 */
public final class WorkerBench {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerBench.class);
    private static final String RENDER_KEY = "rnd_bench_key";
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("deploybus-bench-webhook-secret!!".getBytes(StandardCharsets.UTF_8));
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private static final int IDLE_PROBES = 100;

    private final BenchSettings settings;

    private WorkerBench(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchSettings.USAGE);
            System.exit(2);
            return;
        }
        AvroSerde.trustGeneratedPackage();
        var bench = new WorkerBench(settings);
        List<RunFigures> runs = new ArrayList<>();
        for (Mode mode : settings.modes()) {
            RunFigures figures = bench.run(mode);
            figures.print(System.out);
            runs.add(figures);
        }
        System.exit(runs.stream().allMatch(r -> r.misses().isEmpty()) ? 0 : 1);
    }

    private RunFigures run(Mode mode) {
        LOG.info("{} mode: {} services x {} deploys, deadline {}", mode.label(), settings.services(),
                settings.deploysPerService(), settings.deadline());
        RenderSeed seed = RenderSeed.generate(settings.services(), settings.deploysPerService(), settings.seed());
        try (LocalKafka kafka = LocalKafka.startForTests()) {
            kafka.createCatalogueTopics();
            Path runDirectory = Workspace.newRunDirectory("bench-" + mode.label());
            Path seedFile = seed.writeTo(runDirectory);
            try (ServiceProcess emulator = Service.RENDER_EMULATOR.start(emulatorProperties(seedFile));
                 WebhookRelay relay = mode == Mode.WEBHOOKS ? WebhookRelay.start(kafka, WEBHOOK_SECRET) : null) {
                var control = new EmulatorControl(emulator.baseUri());
                seed.scriptDurations(control);
                if (relay != null) {
                    control.webhooks(relay.url().toString());
                }
                return measure(mode, kafka, emulator, control, relay, seed, runDirectory);
            }
        }
    }

    private RunFigures measure(Mode mode, LocalKafka kafka, ServiceProcess emulator, EmulatorControl control,
                               WebhookRelay relay, RenderSeed seed, Path runDirectory) {
        Map<String, String> workerProperties = workerProperties(mode);
        try (ServiceProcess worker = Service.DEPLOY_WORKER.start(workerProperties(kafka, emulator, workerProperties));
             HeapSampler heap = HeapSampler.start(worker.baseUri());
             CommandProducer commands = new CommandProducer(kafka);
             TopicReader<DeployEvent> events = TopicReader.of(kafka, Topics.DEPLOY_EVENTS, DeployEvent.class)) {
            LOG.info("worker pid {} ready; putting {} commands on {}", worker.pid(), settings.deploys(), Topics.DEPLOY_COMMANDS);
            Map<String, String> firstDeployOf = new LinkedHashMap<>();
            // Round by round: each service's first command finds it idle, the later ones queue behind it.
            for (int round = 0; round < settings.deploysPerService(); round++) {
                for (String serviceId : seed.serviceIds()) {
                    String deployId = commands.send(aDeployOf(serviceId).build()).getDeployId();
                    firstDeployOf.putIfAbsent(serviceId, deployId);
                }
            }
            Outcomes outcomes = awaitOutcomes(events, heap);
            List<Map<String, Object>> requestLog = control.requests(".*", "/v1/.*");
            keep(requestLog, runDirectory.resolve("render-requests.json"));
            RenderCalls calls = RenderCalls.of(requestLog);
            Map<String, Long> commandTimes = commandTimestamps(kafka);
            List<Double> burstTrigger = idleTriggerLatencies(firstDeployOf, commandTimes, calls);
            LOG.info("command -> trigger of each service's first deploy, all sent in one burst: p50 {} ms, p99 {} ms",
                    percentile(burstTrigger, 50), percentile(burstTrigger, 99));
            List<Double> idleTrigger = idleProbe(commands, control, seed);
            long firstCommand = commandTimes.values().stream().mapToLong(Long::longValue).min().orElse(0);
            return new RunFigures(mode, settings.deploys(), outcomes.byStatus(),
                    Duration.ofMillis(outcomes.lastEndMillis() - firstCommand), seed.longestChain(), seed.medianDeploy(),
                    calls, idleTrigger, heap.peakUsedBytes(), heap.peakLiveBytes(), heap.samples(),
                    relay == null ? 0 : relay.relayed(), relay == null ? 0 : relay.rejected(), workerProperties);
        }
    }

    /**
     * The acceptance's latency: from a command on the topic to its trigger call, for an idle service
     * of an idle worker. After the throughput run, one command at a time to a service with nothing
     * in flight, each waited for until Render saw its trigger.
     */
    private List<Double> idleProbe(CommandProducer commands, EmulatorControl control, RenderSeed seed) {
        List<Double> latencies = new ArrayList<>();
        List<String> services = seed.serviceIds().subList(0, Math.min(IDLE_PROBES, seed.serviceIds().size()));
        for (String serviceId : services) {
            int before = control.requests("POST", "/v1/services/" + serviceId + "/deploys").size();
            Instant sent = Instant.now();
            commands.send(aDeployOf(serviceId).build());
            Instant trigger = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> triggerAfter(control, serviceId, before), Objects::nonNull);
            latencies.add(Duration.between(sent, trigger).toNanos() / 1_000_000.0);
        }
        LOG.info("command -> trigger for {} idle services, one at a time: p50 {} ms, p99 {} ms", latencies.size(),
                percentile(latencies, 50), percentile(latencies, 99));
        return latencies;
    }

    private static Instant triggerAfter(EmulatorControl control, String serviceId, int before) {
        List<Map<String, Object>> triggers = control.requests("POST", "/v1/services/" + serviceId + "/deploys");
        return triggers.size() > before ? Instant.parse(String.valueOf(triggers.get(before).get("time"))) : null;
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    /** Terminal status per count, and the record time of the last terminal event. */
    private record Outcomes(Map<String, Integer> byStatus, long lastEndMillis) {
    }

    private Outcomes awaitOutcomes(TopicReader<DeployEvent> events, HeapSampler heap) {
        Map<String, String> ended = new HashMap<>();
        long[] lastEnd = {0};
        int[] scanned = {0};
        Instant[] nextProgress = {Instant.now().plus(PROGRESS_EVERY)};
        try {
            events.readUntil(records -> {
                for (; scanned[0] < records.size(); scanned[0]++) {
                    ConsumerRecord<String, DeployEvent> record = records.get(scanned[0]);
                    if (record.value().getFinishedAt() != null
                            && ended.putIfAbsent(record.value().getDeployId(), record.value().getStatus().name()) == null) {
                        lastEnd[0] = Math.max(lastEnd[0], record.timestamp());
                    }
                }
                if (Instant.now().isAfter(nextProgress[0])) {
                    nextProgress[0] = Instant.now().plus(PROGRESS_EVERY);
                    LOG.info("{} of {} deploys ended; worker heap {} MiB", ended.size(), settings.deploys(),
                            heap.lastUsedBytes() / (1024 * 1024));
                }
                return ended.size() >= settings.deploys();
            }, settings.deadline());
        } catch (ConditionTimeoutException e) {
            LOG.warn("deadline of {} reached with {} of {} deploys ended; reporting what there is",
                    settings.deadline(), ended.size(), settings.deploys());
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        ended.values().forEach(status -> byStatus.merge(status, 1, Integer::sum));
        int unfinished = settings.deploys() - ended.size();
        if (unfinished > 0) {
            byStatus.put("UNFINISHED", unfinished);
        }
        return new Outcomes(byStatus, lastEnd[0]);
    }

    /** Keeps the emulator's request log beside the run's other files, to look into a figure afterwards. */
    private static void keep(List<Map<String, Object>> requestLog, Path file) {
        try {
            Files.write(file, ObjectMapper.getDefault().writeValueAsBytes(requestLog));
            LOG.info("Render request log of the run: {}", file);
        } catch (IOException e) {
            LOG.warn("cannot keep the request log in {}: {}", file, e.getMessage());
        }
    }

    /** Each command's record timestamp (the producer's create time), by deploy id. */
    private Map<String, Long> commandTimestamps(LocalKafka kafka) {
        try (var reader = TopicReader.of(kafka, Topics.DEPLOY_COMMANDS, DeployCommand.class)) {
            Map<String, Long> times = new HashMap<>();
            reader.readUntil(records -> records.size() >= settings.deploys(), Duration.ofSeconds(60))
                    .forEach(r -> times.put(r.value().getDeployId(), r.timestamp()));
            return times;
        }
    }

    private static List<Double> idleTriggerLatencies(Map<String, String> firstDeployOf, Map<String, Long> commandTimes,
                                                     RenderCalls calls) {
        List<Double> latencies = new ArrayList<>();
        firstDeployOf.forEach((serviceId, deployId) -> {
            Instant trigger = calls.firstTrigger().get(serviceId);
            Long command = commandTimes.get(deployId);
            if (trigger != null && command != null) {
                Duration latency = Duration.between(Instant.ofEpochMilli(command), trigger);
                latencies.add(latency.toNanos() / 1_000_000.0);
            }
        });
        return latencies;
    }

    private Map<String, String> emulatorProperties(Path seedFile) {
        Map<String, String> properties = new HashMap<>(RenderSeed.TIMING);
        properties.put("emulator.api-keys", RENDER_KEY);
        properties.put("emulator.seed-file", seedFile.toString());
        properties.put("emulator.request-log-capacity", String.valueOf(Math.max(10_000, settings.deploys() * 30)));
        properties.put("emulator.webhooks.secret", WEBHOOK_SECRET);
        // Render's published limits, spelled out so that no environment variable can turn them off.
        properties.put("emulator.rate-limits.enabled", "true");
        properties.put("emulator.rate-limits.reads", "400");
        properties.put("emulator.rate-limits.writes", "30");
        properties.put("emulator.rate-limits.deploys", "10");
        properties.put("emulator.rate-limits.window", "60s");
        return properties;
    }

    private Map<String, String> workerProperties(Mode mode) {
        Map<String, String> properties = new TreeMap<>(mode.workerProperties());
        // One deploy per service at a time anyway: a permit per service lets every lane run.
        properties.put("deploybus.worker.max-concurrent-deploys", String.valueOf(settings.services()));
        properties.putAll(settings.workerOverrides());
        return properties;
    }

    private static Map<String, String> workerProperties(LocalKafka kafka, ServiceProcess emulator, Map<String, String> tuning) {
        Map<String, String> properties = new HashMap<>(tuning);
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("render.api.base-url", emulator.baseUri().resolve("/v1").toString());
        properties.put("render.api.key", RENDER_KEY);
        properties.put("deploybus.secrets.keys.local", SecretBox.newKey());
        return properties;
    }
}
