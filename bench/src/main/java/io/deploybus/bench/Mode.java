package io.deploybus.bench;

import java.util.Map;

/**
 * How the worker follows a triggered deploy, with the worker properties the bench sets for it
 * (beyond Kafka, Render and the secrets key; {@code max-concurrent-deploys} is the service count).
 */
enum Mode {
    /**
     * Polling, with the worker's default schedule (looks at 2, 6, 14, 30 and 50 s after the trigger,
     * then every 20 s): the emulated deploys take 26–52 s, so up to five looks per deploy.
     */
    POLLING(Map.of()),
    /**
     * Webhooks, relayed by the bench as deploy-api would; the safety poll keeps its default of 60 s,
     * longer than any emulated deploy, so it only fires for a deploy whose webhook was late.
     */
    WEBHOOKS(Map.of("deploybus.worker.webhooks", "true"));

    private final Map<String, String> workerProperties;

    Mode(Map<String, String> workerProperties) {
        this.workerProperties = workerProperties;
    }

    Map<String, String> workerProperties() {
        return workerProperties;
    }

    String label() {
        return name().toLowerCase();
    }
}
