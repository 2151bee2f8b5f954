package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.RenderWebhook;
import io.deploybus.testkit.CallbackReceiver;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With webhooks on, the worker tracks a deploy from Render's deploy_ended webhook (verified by
 * deploy-api and put on render.webhooks; here the test plays deploy-api) instead of polling: the
 * deploy ends long before the safety poll, in three Render API calls.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WebhookTrackingIT {

    private static final String SERVICE = EmulatorSeed.IMAGE_SERVICE;

    @Test
    void deployEndsOnRendersWebhookInThreeApiCalls(LocalKafka kafka) throws Exception {
        try (var harness = new WorkerHarness(kafka);
             var renderWebhooks = CallbackReceiver.start();
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new StringSerializer(), AvroSerde.of(RenderWebhook.class));
             ServiceProcess worker = harness.startWorker("deploybus.worker.webhooks", "true",
                     "deploybus.worker.webhook-safety-poll", "5m")) {
            harness.control.webhooks(renderWebhooks.url("/render").toString());
            DeployCommand command = harness.commands.send(aDeployOf(SERVICE).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> deployEnded(renderWebhooks));
            produce(producer, RenderWebhook.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(Instant.now()).setServiceId(SERVICE).setRenderEventId("evt-test")
                    .setType("deploy_ended").setStatus("succeeded").build());

            assertThat(harness.awaitOutcome(command.getDeployId()).getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
            // Every call but /v1/owners: that is the readiness check of Render, once a minute, not per deploy.
            assertThat(harness.control.requests("GET|POST|PATCH|PUT|DELETE", "/v1/(?!owners).*")).hasSize(3);
        }
    }

    private static boolean deployEnded(CallbackReceiver receiver) {
        var json = ObjectMapper.getDefault();
        return receiver.received().stream().anyMatch(request -> {
            try {
                Map<String, Object> body = json.readValue(request.body(), Argument.mapOf(String.class, Object.class));
                return "deploy_ended".equals(body.get("type"))
                        && body.get("data") instanceof Map<?, ?> data && SERVICE.equals(data.get("serviceId"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private static void produce(KafkaProducer<String, RenderWebhook> producer, RenderWebhook webhook) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RENDER_WEBHOOKS, null, webhook.getServiceId(), webhook,
                CloudEventHeaders.of(webhook, "/deploybus/test", webhook.getServiceId()))).get(30, TimeUnit.SECONDS);
    }
}
