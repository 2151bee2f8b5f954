package io.deploybus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.deploybus.testkit.EmulatorControl;
import io.micronaut.serde.ObjectMapper;

/**
 * The bench's Render: Git-backed web services with Render-format ids, and how long each of their
 * deploys takes.
 *
 * <p>The emulator's timing ({@code emulator.timing.*}) is one fixed duration per phase; its
 * deploy scripts set a deploy's total, split over the phases in the timing's proportions. So the
 * timing is set to a typical deploy (1 s created, 30 s build, 7.5 s update) and every deploy is
 * scripted to last 26–52 s, uniformly: builds of 20–40 s and updates of 5–10 s, scaled together.
 */
record RenderSeed(String ownerId, List<String> serviceIds, Map<String, List<Duration>> deployDurations) {

    /** {@code emulator.timing.*}: the phases' proportions, and a typical deploy. */
    static final Map<String, String> TIMING = Map.of(
            "emulator.timing.created", "1s",
            "emulator.timing.build", "30s",
            "emulator.timing.update", "7500ms");
    static final Duration SHORTEST = Duration.ofSeconds(26);
    static final Duration LONGEST = Duration.ofSeconds(52);

    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    static RenderSeed generate(int services, int deploysPerService, long seed) {
        var random = new Random(seed);
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < services) {
            ids.add("srv-" + renderId(random));
        }
        Map<String, List<Duration>> durations = new LinkedHashMap<>();
        long spread = LONGEST.toMillis() - SHORTEST.toMillis();
        for (String id : ids) {
            List<Duration> deploys = new ArrayList<>();
            for (int i = 0; i < deploysPerService; i++) {
                deploys.add(SHORTEST.plusMillis(random.nextLong(spread + 1)));
            }
            durations.put(id, List.copyOf(deploys));
        }
        return new RenderSeed("tea-" + renderId(random), List.copyOf(ids), durations);
    }

    /** Writes the seed file the emulator starts from ({@code emulator.seed-file}). */
    Path writeTo(Path directory) {
        List<Map<String, Object>> services = new ArrayList<>();
        for (int i = 0; i < serviceIds.size(); i++) {
            String name = "bench-svc-%03d".formatted(i + 1);
            services.add(Map.of("id", serviceIds.get(i), "name", name, "repo", "https://github.com/deploybus-bench/" + name,
                    "branch", "main", "healthCheckPath", "/healthz"));
        }
        Path file = directory.resolve("bench-seed.json");
        try {
            Files.write(file, ObjectMapper.getDefault().writeValueAsBytes(Map.of("ownerId", ownerId, "services", services)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seed file " + file, e);
        }
        return file;
    }

    /** Scripts each service's next deploys to last their drawn durations, in order. */
    void scriptDurations(EmulatorControl control) {
        deployDurations.forEach((serviceId, durations) -> durations.forEach(duration ->
                control.script(serviceId, "{\"duration\": \"" + duration.toMillis() + "ms\"}")));
    }

    /** The longest sum of one service's deploy durations: no run can end sooner. */
    Duration longestChain() {
        return deployDurations.values().stream()
                .map(ds -> ds.stream().reduce(Duration.ZERO, Duration::plus))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The median of all the deploy durations drawn. */
    Duration medianDeploy() {
        List<Duration> all = deployDurations.values().stream().flatMap(List::stream).sorted().toList();
        return all.get(all.size() / 2);
    }

    private static String renderId(Random random) {
        var id = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
