package io.deploybus.api;

import static io.deploybus.api.ProblemAssertions.assertProblem;
import static io.deploybus.api.deploy.DeployEvents.anEventOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two deploy-api instances on one real broker, as behind a load balancer: whichever instance a
 * request reaches, and after a restart, it gets the same answer.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplicasIT {

    private static final String CI_KEY = "ci-bot-key-for-the-replicas-test";
    private static final String SECRET = "postgres://app:s3cr3t-never-in-clear@db:5432/app";

    private static LocalKafka kafka;
    private static Map<String, String> configuration;
    private static ServiceProcess one;
    private static ServiceProcess other;

    @BeforeAll
    static void start(LocalKafka broker) {
        kafka = broker;
        configuration = Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "deploybus.api.keys.ci-bot", CI_KEY,
                "deploybus.secrets.keys.local", SecretBox.newKey(),
                // Render cannot be reached here, and these tests ask nothing of it.
                "render.api.key", "rnd_unused_in_this_test", "render.api.health.enabled", "false");
        one = Service.DEPLOY_API.start(configuration);
        other = Service.DEPLOY_API.start(configuration);
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess instance : new ServiceProcess[] {one, other}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void repeatOnTheOtherInstanceGetsTheOriginalDeployBack() {
        String body = deployWithASecretOf(aServiceId());
        String key = UUID.randomUUID().toString();

        var first = client(one).postDeploy(body, key);
        var repeat = client(other).postDeploy(body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        // Before it takes a key for new, an instance reads all Kafka has: the repeat publishes nothing.
        assertThat(commandsUnder(key)).extracting(DeployCommand::getDeployId).containsExactly(first.json().get("id").asText());
    }

    @Test
    void sameKeyWithAnotherBodyOnTheOtherInstanceIsRefused() {
        String key = UUID.randomUUID().toString();
        String serviceId = aServiceId();
        client(one).postDeploy(deployWithASecretOf(serviceId), key);

        var otherValue = client(other).postDeploy(deployWithASecretOf(serviceId).replace("s3cr3t", "s3cr4t"), key);
        var otherService = client(other).postDeploy(deployWithASecretOf(aServiceId()), key);

        assertProblem(otherValue, 422, "idempotency-key-reused");
        assertProblem(otherService, 422, "idempotency-key-reused");
        assertThat(otherValue.text()).doesNotContain("s3cr");
        assertThat(commandsUnder(key)).hasSize(1);
    }

    @Test
    void oneRequestReachingBothInstancesAtTheSameMomentIsOneDeploy() throws Exception {
        String body = deployWithASecretOf(aServiceId());
        String key = UUID.randomUUID().toString();
        var together = new CyclicBarrier(2);

        var onOne = CompletableFuture.supplyAsync(() -> postWhenBothAreReady(together, one, body, key));
        var onOther = CompletableFuture.supplyAsync(() -> postWhenBothAreReady(together, other, body, key));

        var first = onOne.get();
        var second = onOther.get();
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(second.status()).as(second.toString()).isEqualTo(202);
        String id = first.json().get("id").asText();
        assertThat(second.json().get("id").asText()).isEqualTo(id);
        // Both instances may have published before either read the other's command: then two commands
        // of one deploy id, which deploy-worker runs once (a lane knows the ids it has).
        assertThat(commandsUnder(key)).isNotEmpty().extracting(DeployCommand::getDeployId).containsOnly(id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(client(other).get("/v1/deploys/" + id).json())
                        .isEqualTo(client(one).get("/v1/deploys/" + id).json()));
    }

    @Test
    void deployOrBatchAcceptedByOneInstanceIsFoundAtOnceOnTheOther() {
        for (int i = 0; i < 5; i++) {
            String deployId = client(one).postDeploy("{\"serviceId\": \"" + aServiceId() + "\"}").json().get("id").asText();
            String batchId = client(one).postBatch("{\"steps\": [{\"ref\": \"db\", \"deploy\": {\"serviceId\": \""
                    + aServiceId() + "\"}}]}").json().get("id").asText();

            assertThat(client(other).get("/v1/deploys/" + deployId).status()).isEqualTo(200);
            assertThat(client(other).get("/v1/batches/" + batchId).status()).isEqualTo(200);
        }
    }

    @Test
    void repeatedBatchOnTheOtherInstanceGetsTheOriginalBatchBack() {
        String body = "{\"steps\": [{\"ref\": \"db\", \"deploy\": " + deployWithASecretOf(aServiceId()) + "}]}";
        String key = UUID.randomUUID().toString();

        var first = client(one).postBatch(body, key);
        var repeat = client(other).postBatch(body, key);
        var changed = client(other).postBatch(body.replace("s3cr3t", "s3cr4t"), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.json()).isEqualTo(first.json());
        assertProblem(changed, 422, "idempotency-key-reused");
        assertThat(plansUnder(key)).extracting(DeployBatch::getBatchId).containsExactly(first.json().get("id").asText());
    }

    @Test
    void restartedInstanceIsReadyOnlyWithEveryDeployAndBatchAndReplaysThemAsTheyAreNow() throws Exception {
        String serviceId = aServiceId();
        String deployKey = UUID.randomUUID().toString();
        String batchKey = UUID.randomUUID().toString();
        String deployBody = deployWithASecretOf(serviceId);
        String batchBody = "{\"steps\": [{\"ref\": \"web\", \"deploy\": {\"serviceId\": \"" + aServiceId() + "\"}}]}";
        String deployId = client(one).postDeploy(deployBody, deployKey).json().get("id").asText();
        String batchId = client(one).postBatch(batchBody, batchKey).json().get("id").asText();
        var unkeyed = client(one).postDeploy("{\"serviceId\": \"" + aServiceId() + "\"}").json().get("id").asText();
        Instant acceptedAt = Instant.parse(client(one).get("/v1/deploys/" + deployId).json().get("acceptedAt").asText());
        KafkaForTests.publishEvents(kafka,
                anEventOf(serviceId, deployId, acceptedAt, 1, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING).build(),
                anEventOf(serviceId, deployId, acceptedAt, 2, DeployEventType.DeploySucceeded, DeployStatus.SUCCEEDED)
                        .setFinishedAt(acceptedAt.plusSeconds(2)).build());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "SUCCEEDED".equals(client(other).get("/v1/deploys/" + deployId).json().get("status").asText()));

        one.close();
        one = Service.DEPLOY_API.start(configuration);

        // Ready means caught up: every answer is there at once, no waiting.
        JsonNode deploy = client(one).get("/v1/deploys/" + deployId).json();
        assertThat(deploy.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(deploy).isEqualTo(client(other).get("/v1/deploys/" + deployId).json());
        assertThat(client(one).get("/v1/deploys/" + unkeyed).status()).isEqualTo(200);
        assertThat(client(one).get("/v1/batches/" + batchId).status()).isEqualTo(200);
        var deployRepeat = client(one).postDeploy(deployBody, deployKey);
        var batchRepeat = client(one).postBatch(batchBody, batchKey);
        assertThat(deployRepeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(deployRepeat.json().get("id").asText()).isEqualTo(deployId);
        assertThat(deployRepeat.json().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(batchRepeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(batchRepeat.json().get("id").asText()).isEqualTo(batchId);
        assertThat(commandsUnder(deployKey)).hasSize(1);
        assertThat(plansUnder(batchKey)).hasSize(1);
    }

    private static ApiClientForTests.Reply postWhenBothAreReady(CyclicBarrier together, ServiceProcess instance,
                                                                String body, String key) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client(instance).postDeploy(body, key);
    }

    private static List<DeployCommand> commandsUnder(String key) {
        return KafkaForTests.recordsOn(kafka, Topics.DEPLOY_COMMANDS, AvroSerde.of(DeployCommand.class)).stream()
                .map(record -> record.value()).filter(command -> key.equals(command.getIdempotencyKey())).toList();
    }

    private static List<DeployBatch> plansUnder(String key) {
        return KafkaForTests.recordsOn(kafka, Topics.DEPLOY_BATCHES, AvroSerde.of(DeployBatch.class)).stream()
                .map(record -> record.value())
                .filter(entry -> entry != null && entry.getEntry() instanceof BatchPlan plan
                        && key.equals(plan.getSteps().getFirst().getCommand().getIdempotencyKey()))
                .toList();
    }

    private static String deployWithASecretOf(String serviceId) {
        return """
                {"serviceId": "%s", "envVars": [{"key": "DATABASE_URL", "value": "%s"}], "labels": {"b": "2", "a": "1"}}"""
                .formatted(serviceId, SECRET);
    }

    private static ApiClientForTests client(ServiceProcess instance) {
        return new ApiClientForTests(instance.baseUri(), CI_KEY);
    }

    private static String aServiceId() {
        return "srv-rep" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }
}
