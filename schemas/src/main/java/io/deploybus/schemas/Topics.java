package io.deploybus.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The topic catalogue: every Kafka topic of Deploybus, spelled once.
 *
 * <p>The names are compile-time constants so that {@code @Topic} annotations can use them; {@link #ALL}
 * describes each topic (key, partitions, cleanup, retention) for the services that create them.
 */
public final class Topics {

    public static final String DEPLOY_COMMANDS = "deploy.commands";
    public static final String DEPLOY_EVENTS = "deploy.events";
    public static final String DEPLOY_JOURNAL = "deploy.journal";
    public static final String DEPLOY_BATCHES = "deploy.batches";
    public static final String RENDER_WEBHOOKS = "render.webhooks";
    public static final String HEALTH_EVENTS = "health.events";
    public static final String ALERTS = "alerts";
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String ALERT_DELIVERIES = "alert.deliveries";

    /** Suffix of a topic's dead-letter topic, which holds the raw records its consumers could not handle. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final String DEPLOY_COMMANDS_DLQ = DEPLOY_COMMANDS + DLQ_SUFFIX;
    public static final String DEPLOY_EVENTS_DLQ = DEPLOY_EVENTS + DLQ_SUFFIX;
    public static final String RENDER_WEBHOOKS_DLQ = RENDER_WEBHOOKS + DLQ_SUFFIX;
    public static final String HEALTH_EVENTS_DLQ = HEALTH_EVENTS + DLQ_SUFFIX;
    public static final String ALERTS_DLQ = ALERTS + DLQ_SUFFIX;
    public static final String SUBSCRIPTIONS_DLQ = SUBSCRIPTIONS + DLQ_SUFFIX;

    private static final int PARTITIONS = 12;

    /** Every topic, main topics first, then their dead-letter topics. */
    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.deleting(DEPLOY_COMMANDS, "Render service id", PARTITIONS, Duration.ofDays(7)),
            TopicSpec.deleting(DEPLOY_EVENTS, "Render service id", PARTITIONS, Duration.ofDays(30)),
            TopicSpec.compacted(DEPLOY_JOURNAL, "Render service id", PARTITIONS),
            TopicSpec.compacted(DEPLOY_BATCHES, "batch id", PARTITIONS),
            TopicSpec.deleting(RENDER_WEBHOOKS, "Render service id", PARTITIONS, Duration.ofDays(3)),
            TopicSpec.deleting(HEALTH_EVENTS, "Render service id", PARTITIONS, Duration.ofDays(7)),
            TopicSpec.deleting(ALERTS, "alert key", PARTITIONS, Duration.ofDays(30)),
            TopicSpec.compacted(SUBSCRIPTIONS, "subscription id", 1),
            TopicSpec.deleting(ALERT_DELIVERIES, "subscription id", PARTITIONS, Duration.ofDays(7)),
            TopicSpec.deadLetters(DEPLOY_COMMANDS_DLQ),
            TopicSpec.deadLetters(DEPLOY_EVENTS_DLQ),
            TopicSpec.deadLetters(RENDER_WEBHOOKS_DLQ),
            TopicSpec.deadLetters(HEALTH_EVENTS_DLQ),
            TopicSpec.deadLetters(ALERTS_DLQ),
            TopicSpec.deadLetters(SUBSCRIPTIONS_DLQ));

    private static final Map<String, TopicSpec> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(TopicSpec::name, Function.identity()));

    private Topics() {
    }

    /** The catalogue entry of a topic, if the name is one of Deploybus's topics. */
    public static Optional<TopicSpec> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
