package io.deploybus.notifier;

import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.Alert;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.messaging.annotation.MessageBody;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** Writes alerts, keyed by alert key, and returns once Kafka has them on every replica. */
@KafkaClient(id = "alerts", acks = KafkaClient.Acknowledge.ALL, maxBlock = "10s",
        properties = @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"))
interface AlertClient {

    @Topic(Topics.ALERTS)
    RecordMetadata send(@KafkaKey String alertKey, @MessageBody Alert alert, Headers headers);
}
