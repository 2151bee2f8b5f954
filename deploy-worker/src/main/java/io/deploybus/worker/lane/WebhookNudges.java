package io.deploybus.worker.lane;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.DeadLetterPublisher;
import io.deploybus.schemas.KafkaClients;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.UndecodableRecordException;
import io.deploybus.schemas.avro.RenderWebhook;
import io.deploybus.worker.PollLoop;
import io.deploybus.worker.PollLoops;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Render's webhooks from {@code render.webhooks}, read by every instance from the end of every
 * partition, in no group: a webhook is only a nudge (the lane it is about looks at Render now,
 * instead of at its next scheduled look), so each instance wakes the lanes it owns and ignores
 * the rest. That frees the command intake from owning the two topics' partitions together, and so
 * lets it rebalance cooperatively. Nothing is committed: a nudge missed while an instance restarts
 * costs nothing, since a resumed deploy looks at Render at once.
 */
@Singleton
class WebhookNudges implements ApplicationEventListener<ServerStartupEvent> {

    /** Webhooks after which a tracked deploy may have reached a terminal status; others cost no API call. */
    private static final Set<String> ENDS_A_DEPLOY = Set.of("deploy_ended");
    private static final Duration POLL = Duration.ofMillis(500);

    private final Lanes lanes;
    private final DeadLetterPublisher deadLetters;
    private final KafkaClients clients;
    private final AvroSerde<RenderWebhook> webhooks = AvroSerde.of(RenderWebhook.class);
    private final PollLoop loop;
    /** The loop's current consumer: made, used and closed on the loop's thread only. */
    private KafkaConsumer<String, byte[]> consumer;

    WebhookNudges(Lanes lanes, DeadLetterPublisher deadLetters, KafkaClients clients, PollLoops loops) {
        this.lanes = lanes;
        this.deadLetters = deadLetters;
        this.clients = clients;
        this.loop = loops.create("render-webhook-nudges", "webhooks no longer speed up tracking (the safety poll still ends deploys)",
                this::connect, this::pollOnce);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        loop.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        loop.stop();
    }

    private KafkaConsumer<String, byte[]> connect() {
        consumer = clients.consumer("render-webhook-nudges-" + UUID.randomUUID(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RENDER_WEBHOOKS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(Topics.RENDER_WEBHOOKS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        return consumer;
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            wake(record);
        }
    }

    private void wake(ConsumerRecord<String, byte[]> record) {
        try {
            RenderWebhook webhook = webhooks.deserialize(record.topic(), record.value());
            if (webhook != null && ENDS_A_DEPLOY.contains(webhook.getType())) {
                lanes.nudge(webhook.getServiceId());
            }
        } catch (UndecodableRecordException e) {
            // Every instance reads it; the one owning its partition dead-letters it, once.
            if (lanes.owns(record.partition())) {
                deadLetters.publishRaw(record, e);
            }
        }
    }
}
