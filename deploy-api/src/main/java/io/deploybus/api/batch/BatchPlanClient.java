package io.deploybus.api.batch;

import java.util.concurrent.CompletableFuture;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployBatch;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.messaging.annotation.MessageBody;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Writes batch plans to {@value Topics#DEPLOY_BATCHES} under {@code BatchKeys.plan(batchId)}, placed by
 * the default partitioner, so that the plan lands where the coordinator looks for the batch.
 * Acknowledged by all in-sync replicas, by an idempotent producer; its timeouts are
 * {@code kafka.producers.deploy-batches.*}.
 */
@KafkaClient(id = "deploy-batches", acks = KafkaClient.Acknowledge.ALL,
        properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
interface BatchPlanClient {

    /** Completes when Kafka acknowledged the plan, or failed to. May block up to {@code max.block.ms}. */
    @Topic(Topics.DEPLOY_BATCHES)
    CompletableFuture<RecordMetadata> send(@KafkaKey String key, @MessageBody DeployBatch plan, Headers headers);
}
