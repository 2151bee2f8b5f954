package io.deploybus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code bench/run worker} was asked to do.
 *
 * @param modes             the tracking modes to run, one after the other, each on a fresh stack
 * @param services          how many Render services the emulator is seeded with
 * @param deploysPerService how many deploy commands each service gets
 * @param deadline          how long one mode may wait for its outcomes before it reports what it has
 * @param seed              seeds the service ids and deploy durations, so that runs are comparable
 * @param workerOverrides   extra deploy-worker properties ({@code --worker key=value}), applied last
 */
record BenchSettings(List<Mode> modes, int services, int deploysPerService, Duration deadline, long seed,
                     Map<String, String> workerOverrides) {

    static final String USAGE = """
            usage: bench/run worker [polling|webhooks|both] [--services N] [--deploys-per-service K]
                                    [--deadline MINUTES] [--seed S] [--worker key=value]...""";

    BenchSettings {
        if (services < 1 || deploysPerService < 1) {
            throw new IllegalArgumentException("--services and --deploys-per-service must be at least 1");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("--deadline must be positive");
        }
    }

    int deploys() {
        return services * deploysPerService;
    }

    static BenchSettings parse(String[] args) {
        List<Mode> modes = List.of(Mode.POLLING, Mode.WEBHOOKS);
        int services = 200;
        int perService = 5;
        Duration deadline = Duration.ofMinutes(30);
        long seed = 4;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            switch (arg) {
                case "polling" -> modes = List.of(Mode.POLLING);
                case "webhooks" -> modes = List.of(Mode.WEBHOOKS);
                case "both" -> modes = List.of(Mode.POLLING, Mode.WEBHOOKS);
                case "--services" -> services = Integer.parseInt(value(arg, rest));
                case "--deploys-per-service" -> perService = Integer.parseInt(value(arg, rest));
                case "--deadline" -> deadline = Duration.ofMinutes(Long.parseLong(value(arg, rest)));
                case "--seed" -> seed = Long.parseLong(value(arg, rest));
                case "--worker" -> {
                    String pair = value(arg, rest);
                    int eq = pair.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--worker takes key=value, got " + pair);
                    }
                    overrides.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new BenchSettings(modes, services, perService, deadline, seed, Map.copyOf(overrides));
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }
}
