package io.deploybus.worker.execution;

import java.util.concurrent.CompletableFuture;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployEvent;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.messaging.annotation.MessageBody;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** Writes deploy events, keyed by Render service id, and returns once Kafka has them on every replica. */
@KafkaClient(id = "deploy-events", acks = KafkaClient.Acknowledge.ALL, maxBlock = "10s",
        properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
public interface DeployEventClient {

    @Topic(Topics.DEPLOY_EVENTS)
    RecordMetadata send(@KafkaKey String serviceId, @MessageBody DeployEvent event, Headers headers);

    /** Sends without waiting; the future completes with Kafka's acknowledgement. */
    @Topic(Topics.DEPLOY_EVENTS)
    CompletableFuture<RecordMetadata> sendLater(@KafkaKey String serviceId, @MessageBody DeployEvent event, Headers headers);
}
