package io.deploybus.testkit.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.deploybus.testkit.Service;

/**
 * The stack's ports and keys, each overridable by an environment variable: {@code KAFKA_PORT}
 * (9092), {@code DEPLOY_API_PORT} (8080), {@code DEPLOY_WORKER_PORT} (8081),
 * {@code HEALTH_MONITOR_PORT} (8082), {@code ALERT_NOTIFIER_PORT} (8083),
 * {@code RENDER_EMULATOR_PORT} (8090), {@code DEPLOYBUS_API_KEY} ({@code local-dev-key}),
 * {@code RENDER_API_KEY} (the emulator's key), {@code ALERT_CALLBACK_URLS} (none),
 * {@code DEPLOYBUS_STACK_HOME} ({@code .stack/}).
 */
record StackSettings(Map<String, String> environment) {

    private static final String EMULATOR_KEY = "rnd_local_emulator_key";

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

    /** The Micronaut properties a service is started with. */
    Map<String, String> properties(Service service, String bootstrapServers, String secretsKey) {
        Map<String, String> properties = new HashMap<>();
        String renderKey = environment.getOrDefault("RENDER_API_KEY", EMULATOR_KEY);
        switch (service) {
            case RENDER_EMULATOR -> properties.put("emulator.api-keys", renderKey);
            case DEPLOY_API -> {
                properties.put("deploybus.api.keys.local", apiKey());
                properties.put("deploybus.secrets.keys.local", secretsKey);
            }
            case DEPLOY_WORKER -> {
                properties.put("deploybus.secrets.keys.local", secretsKey);
                properties.put("render.api.base-url", "http://127.0.0.1:" + port(Service.RENDER_EMULATOR) + "/v1");
                properties.put("render.api.key", renderKey);
            }
            case ALERT_NOTIFIER -> properties.put("deploybus.notifier.callback-urls",
                    environment.getOrDefault("ALERT_CALLBACK_URLS", ""));
            case HEALTH_MONITOR -> { }
        }
        if (service != Service.RENDER_EMULATOR) {
            properties.put("kafka.bootstrap.servers", bootstrapServers);
        }
        return properties;
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
