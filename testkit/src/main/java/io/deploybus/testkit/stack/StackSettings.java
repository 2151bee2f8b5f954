package io.deploybus.testkit.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.deploybus.testkit.Service;

/**
 * The stack's ports and keys, each overridable by an environment variable: {@code KAFKA_PORT}
 * (9092), {@code DEPLOY_API_PORT} (8080), {@code DEPLOY_WORKER_PORT} (8081),
 * {@code HEALTH_MONITOR_PORT} (8082), {@code ALERT_NOTIFIER_PORT} (8083),
 * {@code RENDER_EMULATOR_PORT} (8090), {@code DEPLOYBUS_API_KEY} ({@code local-dev-key}),
 * {@code RENDER_API_KEY} (the emulator's key; with {@code --render}, required: the Render account's),
 * {@code RENDER_API_URL} (with {@code --render} only: {@code https://api.render.com/v1}),
 * {@code ALERT_CALLBACK_URLS} (none), {@code DEPLOYBUS_STACK_HOME} ({@code .stack/}).
 */
record StackSettings(Map<String, String> environment) {

    private static final String EMULATOR_KEY = "rnd_local_emulator_key";
    private static final String RENDER_API = "https://api.render.com/v1";

    static StackSettings fromEnvironment(Map<String, String> environment) {
        return new StackSettings(Map.copyOf(environment));
    }

    /** Where the stack keeps its process list, logs and Kafka data: {@code DEPLOYBUS_STACK_HOME}, else {@code .stack/}. */
    Path home(Path root) {
        String configured = environment.get("DEPLOYBUS_STACK_HOME");
        return configured == null || configured.isBlank() ? root.resolve(".stack") : Path.of(configured).toAbsolutePath();
    }

    int kafkaPort() {
        return number("KAFKA_PORT", 9092);
    }

    int port(Service service) {
        return switch (service) {
            case DEPLOY_API -> number("DEPLOY_API_PORT", 8080);
            case DEPLOY_WORKER -> number("DEPLOY_WORKER_PORT", 8081);
            case HEALTH_MONITOR -> number("HEALTH_MONITOR_PORT", 8082);
            case ALERT_NOTIFIER -> number("ALERT_NOTIFIER_PORT", 8083);
            case RENDER_EMULATOR -> number("RENDER_EMULATOR_PORT", 8090);
        };
    }

    String apiKey() {
        return environment.getOrDefault("DEPLOYBUS_API_KEY", "local-dev-key");
    }

    /**
     * The Render the services talk to: the stack's emulator, or with {@code real} the Render of
     * {@code RENDER_API_URL} and {@code RENDER_API_KEY}.
     *
     * @throws IllegalArgumentException when {@code real} and {@code RENDER_API_KEY} is not set
     */
    RenderTarget render(boolean real) {
        if (!real) {
            return new RenderTarget("http://127.0.0.1:" + port(Service.RENDER_EMULATOR) + "/v1",
                    environment.getOrDefault("RENDER_API_KEY", EMULATOR_KEY), true);
        }
        String key = environment.getOrDefault("RENDER_API_KEY", "");
        if (key.isBlank()) {
            throw new IllegalArgumentException("bin/stack up --render needs RENDER_API_KEY: set it to a Render API key "
                    + "(Render Dashboard, Account Settings, API Keys)");
        }
        String url = environment.getOrDefault("RENDER_API_URL", "");
        return new RenderTarget((url.isBlank() ? RENDER_API : url.strip()).replaceAll("/+$", ""), key.strip(), false);
    }

    /** What the stack starts besides Kafka, in order: without its emulator when Render is real. */
    List<Service> services(RenderTarget render) {
        return Arrays.stream(Service.values()).filter(s -> render.emulated() || s != Service.RENDER_EMULATOR).toList();
    }

    /** The Micronaut properties a service is started with. */
    Map<String, String> properties(Service service, String bootstrapServers, String secretsKey) {
        Map<String, String> properties = new HashMap<>();
        switch (service) {
            case DEPLOY_API -> {
                properties.put("deploybus.api.keys.local", apiKey());
                properties.put("deploybus.secrets.keys.local", secretsKey);
            }
            case DEPLOY_WORKER -> properties.put("deploybus.secrets.keys.local", secretsKey);
            case ALERT_NOTIFIER -> properties.put("deploybus.notifier.callback-urls",
                    environment.getOrDefault("ALERT_CALLBACK_URLS", ""));
            case RENDER_EMULATOR, HEALTH_MONITOR -> { }
        }
        if (service != Service.RENDER_EMULATOR) {
            properties.put("kafka.bootstrap.servers", bootstrapServers);
        }
        return properties;
    }

    /**
     * The environment variables a service is started with, on top of the stack's own: the Render
     * settings, as variables so that a real Render key does not show in {@code ps}.
     */
    Map<String, String> environment(Service service, RenderTarget render) {
        return switch (service) {
            case RENDER_EMULATOR -> Map.of("RENDER_API_KEY", render.key());
            case DEPLOY_API, DEPLOY_WORKER -> render.clientEnvironment();
            case HEALTH_MONITOR, ALERT_NOTIFIER -> Map.of();
        };
    }

    private int number(String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'", e);
        }
    }
}
