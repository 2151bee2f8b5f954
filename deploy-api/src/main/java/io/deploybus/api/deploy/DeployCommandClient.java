package io.deploybus.api.deploy;

import java.util.concurrent.CompletableFuture;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.messaging.annotation.MessageBody;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Writes deploy commands to {@value Topics#DEPLOY_COMMANDS}, keyed by Render service id. Acknowledged
 * by all in-sync replicas, by an idempotent producer, so that an acknowledged command is durable and
 * a producer retry never writes it twice. Its timeouts are {@code kafka.producers.deploy-commands.*}.
 */
@KafkaClient(id = "deploy-commands", acks = KafkaClient.Acknowledge.ALL,
        properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
interface DeployCommandClient {

    /** Completes when Kafka acknowledged the command, or failed to. May block up to {@code max.block.ms}. */
    @Topic(Topics.DEPLOY_COMMANDS)
    CompletableFuture<RecordMetadata> send(@KafkaKey String serviceId, @MessageBody DeployCommand command, Headers headers);
}
