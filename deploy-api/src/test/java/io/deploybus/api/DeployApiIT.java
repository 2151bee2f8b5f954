package io.deploybus.api;

import static io.deploybus.api.ProblemAssertions.assertProblem;
import static io.deploybus.api.batch.BatchEntries.aProgressOf;
import static io.deploybus.api.batch.BatchEntries.aResultOf;
import static io.deploybus.api.batch.BatchEntries.aStepState;
import static io.deploybus.api.deploy.DeployEvents.anEventOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.BatchKeys;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.deploybus.schemas.avro.BatchPlan;
import io.deploybus.schemas.avro.BatchStatus;
import io.deploybus.schemas.avro.BatchStep;
import io.deploybus.schemas.avro.BatchStepResult;
import io.deploybus.schemas.avro.BatchStepStatus;
import io.deploybus.schemas.avro.DeployBatch;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.deploybus.schemas.avro.EnvVarChange;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretContexts;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.Service;
import io.deploybus.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy-api as a process against a real broker, seen from outside: HTTP in, Kafka out and in. */
@ExtendWith(KafkaBrokerExtension.class)
class DeployApiIT {

    private static final String CI_KEY = "ci-bot-key-for-the-integration-test";
    private static final String LOCAL_KEY = "local-key-for-the-integration-test";
    private static final String SECRETS_KEY = SecretBox.newKey();
    private static final String SECRET = "postgres://app:s3cr3t-never-in-clear@db:5432/app";

    private static LocalKafka kafka;
    private static ServiceProcess api;
    private static ApiClientForTests ciBot;

    @BeforeAll
    static void start(LocalKafka broker) {
        kafka = broker;
        api = Service.DEPLOY_API.start(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "deploybus.api.keys.local", LOCAL_KEY,
                "deploybus.api.keys.ci-bot", CI_KEY,
                "deploybus.secrets.keys.local", SECRETS_KEY,
                // Render plays no part here and cannot be reached: a key, as deploy-api needs one to
                // start, and no readiness check of Render (RenderHealthIndicatorTest, RealRenderStackIT).
                "render.api.key", "rnd_unused_in_this_test", "render.api.health.enabled", "false"));
        ciBot = client(CI_KEY);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void acceptedDeployIsOnDeployCommandsWithCloudEventHeadersBeforeThe202() {
        String serviceId = aServiceId();

        var reply = ciBot.postDeploy("""
                {"serviceId": "%s", "commitId": "A1B2C3D4E5F6", "clearCache": true,
                 "labels": {"pipeline": "4711"}, "timeoutSeconds": 900, "notYetKnown": {"x": 1}}""".formatted(serviceId));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        String id = reply.json().get("id").asText();
        assertThat(id).matches("dpl-[0-9a-z]{26}");
        assertThat(reply.json().get("serviceId").asText()).isEqualTo(serviceId);
        assertThat(reply.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(reply.header("Location")).isEqualTo("/v1/deploys/" + id);

        var record = onlyCommandOf(id);
        assertThat(record.key()).isEqualTo(serviceId);
        DeployCommand command = record.value();
        assertThat(command.getServiceId()).isEqualTo(serviceId);
        assertThat(command.getRequestedBy()).isEqualTo("ci-bot");
        assertThat(command.getCommitId()).isEqualTo("a1b2c3d4e5f6");
        assertThat(command.getCachePolicy().name()).isEqualTo("CLEAR_CACHE");
        assertThat(command.getLabels()).containsExactly(Map.entry("pipeline", "4711"));
        assertThat(command.getTimeoutSeconds()).isEqualTo(900);
        assertThat(command.toString()).doesNotContain(CI_KEY);
        var headers = record.headers();
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.ID)).isEqualTo(command.getEventId());
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.SOURCE)).isEqualTo("/deploybus/deploy-api");
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.TYPE)).isEqualTo("io.deploybus.DeployCommand");
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.SUBJECT)).isEqualTo(serviceId);
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.TIME)).isEqualTo(command.getOccurredAt().toString());
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/avro");
    }

    @Test
    void envVarValuesTravelSealedAndOpenWithTheSharedKeyForTheirServiceAndKey() {
        String serviceId = aServiceId();

        var reply = ciBot.postDeploy("""
                {"serviceId": "%s",
                 "envVars": [{"key": "DATABASE_URL", "value": "%s"}, {"key": "OLD_FLAG", "delete": true},
                             {"key": "SESSION_SECRET", "generateValue": true}],
                 "envGroups": {"link": ["evg-shared1"], "unlink": ["evg-legacy1"]},
                 "rollback": {"enabled": true, "disableAutoDeploy": true}}""".formatted(serviceId, SECRET));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        DeployCommand command = onlyCommandOf(reply.json().get("id").asText()).value();
        List<EnvVarChange> changes = command.getEnvVarChanges();
        assertThat(changes).extracting(EnvVarChange::getKey).containsExactly("DATABASE_URL", "OLD_FLAG", "SESSION_SECRET");
        assertThat(changes).extracting(EnvVarChange::getAction)
                .containsExactly(EnvVarAction.SET, EnvVarAction.DELETE, EnvVarAction.GENERATE);
        var workersBox = SecretBox.of("local", Map.of("local", SECRETS_KEY));
        assertThat(workersBox.open(changes.getFirst().getValue(), SecretContexts.envVar(serviceId, "DATABASE_URL"))).isEqualTo(SECRET);
        assertThat(command.getEnvGroupLinks()).containsExactly("evg-shared1");
        assertThat(command.getEnvGroupUnlinks()).containsExactly("evg-legacy1");
        assertThat(command.getRollback().getEnabled()).isTrue();
        assertThat(command.getRollback().getDisableAutoDeploy()).isTrue();
        byte[] onTheWire = commandsOnTopic(new ByteArrayDeserializer()).stream()
                .filter(r -> command.getEventId().equals(CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID)))
                .findFirst().orElseThrow().value();
        assertThat(new String(onTheWire, StandardCharsets.ISO_8859_1)).contains("DATABASE_URL").doesNotContain("s3cr3t");
    }

    @Test
    void deployShowsEnvVarKeysAndActionsButNeverAValue() {
        String serviceId = aServiceId();
        String id = ciBot.postDeploy("""
                {"serviceId": "%s", "envVars": [{"key": "DATABASE_URL", "value": "%s"}, {"key": "OLD", "delete": true}],
                 "envGroups": {"link": ["evg-shared1"]}}""".formatted(serviceId, SECRET)).json().get("id").asText();

        var reply = ciBot.get("/v1/deploys/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.text()).doesNotContain("s3cr3t");
        JsonNode deploy = reply.json();
        assertThat(deploy.get("envVars")).extracting(e -> e.get("key").asText() + "=" + e.get("action").asText())
                .containsExactly("DATABASE_URL=SET", "OLD=DELETE");
        assertThat(deploy.get("envVars").get(0).has("value")).isFalse();
        assertThat(deploy.get("envGroups").get("link")).extracting(JsonNode::asText).containsExactly("evg-shared1");
        assertThat(deploy.get("envGroups").get("unlink")).isEmpty();
        assertThat(deploy.get("rollback").get("enabled").asBoolean()).isTrue();
        assertThat(deploy.get("rollback").get("disableAutoDeploy").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "value and delete | {\"key\": \"API_TOKEN\", \"value\": \"%1$s\", \"delete\": true} | #/envVars/1       | API_TOKEN",
            "value too long   | {\"key\": \"API_TOKEN\", \"value\": \"%1$s%2$s\"}             | #/envVars/1/value | API_TOKEN",
            "key given twice  | {\"key\": \"DATABASE_URL\", \"value\": \"%1$s\"}               | #/envVars/1/key   | DATABASE_URL",
    })
    void invalidEnvVarIsRefusedNamingTheKeyWithoutEchoingTheValue(String what, String envVar, String pointer, String key) {
        var reply = ciBot.postDeploy("""
                {"serviceId": "srv-abc1", "envVars": [{"key": "DATABASE_URL", "value": "%s"}, %s]}"""
                .formatted(SECRET, envVar.formatted(SECRET, "x".repeat(70_000))));

        assertProblem(reply, 400, "invalid-request");
        assertThat(reply.text()).doesNotContain("s3cr3t");
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo(pointer);
        assertThat(error.get("detail").asText()).contains(key);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "value an object  | {\"key\": \"TOKEN\", \"value\": {\"nested\": \"%s\"}}",
            "value a list     | {\"key\": \"TOKEN\", \"value\": [\"%s\"]}",
            "value a number   | {\"key\": \"TOKEN\", \"value\": 4711}",
            "value in a flag  | {\"key\": \"TOKEN\", \"delete\": \"%s\"}",
            "value as the key | {\"key\": \"%s\", \"value\": \"x\"}",
            "entry a string   | \"%s\"",
    })
    void unreadableEnvVarIsRefusedWithoutEchoingTheValue(String what, String envVar) {
        var reply = ciBot.postDeploy("""
                {"serviceId": "srv-abc1", "envVars": [%s]}""".formatted(envVar.formatted(SECRET)));

        assertProblem(reply, 400, "invalid-request");
        assertThat(reply.text()).doesNotContain("s3cr3t");
    }

    @Test
    void acceptedDeployIsQueuedAtOnce() {
        String serviceId = aServiceId();
        String id = ciBot.postDeploy(deployOf(serviceId)).json().get("id").asText();

        var reply = ciBot.get("/v1/deploys/" + id);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode deploy = reply.json();
        assertThat(deploy.get("id").asText()).isEqualTo(id);
        assertThat(deploy.get("serviceId").asText()).isEqualTo(serviceId);
        assertThat(deploy.get("status").asText()).isEqualTo("QUEUED");
        assertThat(deploy.get("events")).isEmpty();
        assertThat(Instant.parse(deploy.get("acceptedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(deploy.get("finishedAt").isNull()).isTrue();
    }

    @Test
    void deployEventsMoveTheStatusAndAreListedInSequenceOrder() throws Exception {
        String serviceId = aServiceId();
        String id = ciBot.postDeploy(deployOf(serviceId)).json().get("id").asText();
        Instant acceptedAt = Instant.parse(ciBot.get("/v1/deploys/" + id).json().get("acceptedAt").asText());

        publishEvents(
                anEventOf(serviceId, id, acceptedAt, 2, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING)
                        .setRenderDeployId("dep-render1").setRenderStatus("build_in_progress").build(),
                anEventOf(serviceId, id, acceptedAt, 1, DeployEventType.DeployValidated, DeployStatus.VALIDATING).build(),
                anEventOf(serviceId, id, acceptedAt, 3, DeployEventType.DeployFailed, DeployStatus.FAILED)
                        .setRenderDeployId("dep-render1").setRenderStatus("build_failed").setReason("build failed")
                        .setFinishedAt(acceptedAt.plusSeconds(3)).build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode deploy = ciBot.get("/v1/deploys/" + id).json();
            assertThat(deploy.get("status").asText()).isEqualTo("FAILED");
            assertThat(deploy.get("renderDeployId").asText()).isEqualTo("dep-render1");
            assertThat(deploy.get("reason").asText()).isEqualTo("build failed");
            assertThat(Instant.parse(deploy.get("finishedAt").asText())).isEqualTo(acceptedAt.plusSeconds(3));
            assertThat(deploy.get("events")).extracting(e -> e.get("type").asText())
                    .containsExactly("DeployValidated", "DeployTriggered", "DeployFailed");
            assertThat(deploy.get("events")).extracting(e -> e.get("sequence").asInt()).containsExactly(1, 2, 3);
            assertThat(deploy.get("events").get(1).get("status").asText()).isEqualTo("DEPLOYING");
            assertThat(deploy.get("events").get(1).get("renderStatus").asText()).isEqualTo("build_in_progress");
        });
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheOriginalDeployAndPublishesOneCommand() {
        String serviceId = aServiceId();
        String key = UUID.randomUUID().toString();

        var first = ciBot.postDeploy(deployOf(serviceId), key);
        var repeat = ciBot.postDeploy(deployOf(serviceId), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
        assertThat(repeat.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(acknowledgedCommands()).filteredOn(c -> key.equals(c.value().getIdempotencyKey()))
                .extracting(c -> c.value().getDeployId())
                .containsExactly(first.json().get("id").asText());
    }

    @Test
    void sameIdempotencyKeyFromAnotherClientIsAnotherDeploy() {
        String serviceId = aServiceId();
        String key = UUID.randomUUID().toString();

        var fromCi = ciBot.postDeploy(deployOf(serviceId), key);
        var fromLocal = client(LOCAL_KEY).postDeploy(deployOf(serviceId), key);

        assertThat(fromLocal.status()).isEqualTo(202);
        assertThat(fromLocal.json().get("id")).isNotEqualTo(fromCi.json().get("id"));
    }

    @Test
    void idempotencyKeyReusedForADifferentDeployIsRefused() {
        String key = UUID.randomUUID().toString();
        ciBot.postDeploy(deployOf(aServiceId()), key);

        var reply = ciBot.postDeploy(deployOf(aServiceId()), key);

        assertProblem(reply, 422, "idempotency-key-reused");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no serviceId           | {\"commitId\": \"abc1234\"}                                           | #/serviceId",
            "not a Render id        | {\"serviceId\": \"web-1\"}                                              | #/serviceId",
            "commit not a sha       | {\"serviceId\": \"srv-abc1\", \"commitId\": \"main\"}                   | #/commitId",
            "commit and image       | {\"serviceId\": \"srv-abc1\", \"commitId\": \"abc1234\", \"imageUrl\": \"docker.io/a/b:1\"} | #/imageUrl",
            "timeout too short      | {\"serviceId\": \"srv-abc1\", \"timeoutSeconds\": 5}                    | #/timeoutSeconds",
            "env var name           | {\"serviceId\": \"srv-abc1\", \"envVars\": [{\"key\": \"A-B\", \"delete\": true}]} | #/envVars/0/key",
            "env group id           | {\"serviceId\": \"srv-abc1\", \"envGroups\": {\"link\": [\"grp-1\"]}}            | #/envGroups/link/0",
            "linked and unlinked    | {\"serviceId\": \"srv-abc1\", \"envGroups\": {\"link\": [\"evg-a\"], \"unlink\": [\"evg-a\"]}} | #/envGroups/unlink/0",
            "no rollback, no auto   | {\"serviceId\": \"srv-abc1\", \"rollback\": {\"enabled\": false, \"disableAutoDeploy\": true}} | #/rollback/disableAutoDeploy",
    })
    void invalidDeployIsRefusedWith400NamingTheMember(String what, String body, String pointer) {
        var reply = ciBot.postDeploy(body);

        assertProblem(reply, 400, "invalid-request");
        assertThat(reply.json().get("errors")).extracting(e -> e.get("pointer").asText()).contains(pointer);
        assertThat(reply.json().get("hint").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON      | {\"serviceId\": ",
            "not an object       | [1, 2]",
            "wrong member type   | {\"serviceId\": \"srv-abc1\", \"clearCache\": \"maybe\"}",
            "labels not strings  | {\"serviceId\": \"srv-abc1\", \"labels\": [\"a\"]}",
            "envVars not a list  | {\"serviceId\": \"srv-abc1\", \"envVars\": {\"A\": \"b\"}}",
            "rollback flag text  | {\"serviceId\": \"srv-abc1\", \"rollback\": {\"enabled\": \"yes\"}}",
    })
    void unreadableBodyIsRefusedWith400(String what, String body) {
        assertProblem(ciBot.postDeploy(body), 400, "invalid-request");
    }

    @Test
    void emptyBodyIsRefusedWith400() {
        assertProblem(ciBot.postDeploy(""), 400, "invalid-request");
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWith415() {
        var reply = ciBot.send(ciBot.request("/v1/deploys").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("serviceId=srv-abc1")));

        assertProblem(reply, 415, "unsupported-media-type");
    }

    @Test
    void invalidIdempotencyKeyIsRefusedWith400() {
        var reply = ciBot.postDeploy(deployOf(aServiceId()), "k".repeat(300));

        assertProblem(reply, 400, "invalid-request");
        assertThat(reply.json().get("errors").get(0).get("header").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void requestWithoutKeyIsRefusedWith401AndABearerChallenge() {
        var reply = client(null).postDeploy(deployOf(aServiceId()));

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"deploybus\"");
    }

    @Test
    void requestWithWrongKeyIsRefusedWith401WithoutEchoingTheKey() {
        String wrongKey = CI_KEY + "-but-not-quite";

        var post = client(wrongKey).postDeploy(deployOf(aServiceId()));
        var get = client(wrongKey).get("/v1/deploys/dpl-anything");
        var anonymous = client(null);
        var basic = anonymous.send(anonymous.request("/v1/deploys/dpl-anything").header("Authorization", "Basic Y2k6Ym90").GET());

        assertProblem(post, 401, "unauthorized");
        assertThat(post.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"deploybus\", error=\"invalid_token\"");
        assertThat(post.text()).doesNotContain(wrongKey).doesNotContain(CI_KEY);
        assertProblem(get, 401, "unauthorized");
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        var anonymous = client(null);

        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/health/readiness").status()).isEqualTo(200);
        var metrics = anonymous.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("deploybus_api_views_deploys", "deploybus_api_views_records_behind 0");
    }

    @Test
    void unknownDeployIs404() {
        assertProblem(ciBot.get("/v1/deploys/dpl-00000000000000000000000000"), 404, "deploy-not-found");
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() {
        assertProblem(ciBot.get("/v1/no-such-thing"), 404, "not-found");
        assertProblem(client(null).get("/no-such-thing"), 404, "not-found");
        assertProblem(ciBot.send(ciBot.request("/v1/deploys").DELETE()), 405, "method-not-allowed");
    }

    @Test
    void acceptedBatchIsOnePlanOnDeployBatchesWithSealedStepCommandsBeforeThe202() throws Exception {
        String dbService = aServiceId();
        String apiService = aServiceId();

        var reply = ciBot.postBatch("""
                {"steps": [
                   {"ref": "db", "deploy": {"serviceId": "%s", "envVars": [{"key": "DATABASE_URL", "value": "%s"}]}},
                   {"ref": "api", "deploy": {"serviceId": "%s", "commitId": "ABC1234"}, "dependsOn": ["db"]}],
                 "parallelism": 2, "failurePolicy": "continue", "labels": {"release": "2026.3"}}"""
                .formatted(dbService, SECRET, apiService));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        String batchId = reply.json().get("id").asText();
        assertThat(batchId).matches("bat-[0-9a-z]{26}");
        assertThat(reply.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(reply.json().get("steps")).extracting(s -> s.get("ref").asText() + "=" + s.get("deployId").asText())
                .containsExactly("db=" + batchId + ".db", "api=" + batchId + ".api");
        assertThat(reply.header("Location")).isEqualTo("/v1/batches/" + batchId);
        assertThat(reply.text()).doesNotContain("s3cr3t");

        var record = onlyPlanOf(batchId);
        assertThat(record.key()).isEqualTo(BatchKeys.plan(batchId));
        assertThat(record.partition()).isEqualTo(BatchKeys.partition(batchId, partitionsOf(Topics.DEPLOY_BATCHES)));
        assertThat(CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE)).isEqualTo("io.deploybus.DeployBatch");
        assertThat(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)).isEqualTo(record.value().getEventId());
        assertThat(CloudEventHeaders.text(record.headers(), CloudEventHeaders.SUBJECT)).isEqualTo(batchId);
        var plan = (BatchPlan) record.value().getEntry();
        assertThat(plan.getRequestedBy()).isEqualTo("ci-bot");
        assertThat(plan.getParallelism()).isEqualTo(2);
        assertThat(plan.getFailurePolicy()).isEqualTo(BatchFailurePolicy.CONTINUE);
        assertThat(plan.getLabels()).containsExactly(Map.entry("release", "2026.3"));
        assertThat(plan.getSteps()).extracting(BatchStep::getRef).containsExactly("db", "api");
        assertThat(plan.getSteps().get(1).getDependsOn()).containsExactly("db");
        DeployCommand db = plan.getSteps().get(0).getCommand();
        DeployCommand apiCommand = plan.getSteps().get(1).getCommand();
        assertThat(db.getDeployId()).isEqualTo(BatchKeys.deployId(batchId, "db"));
        assertThat(apiCommand.getDeployId()).isEqualTo(BatchKeys.deployId(batchId, "api"));
        assertThat(List.of(db.getBatchId(), apiCommand.getBatchId())).containsOnly(batchId);
        assertThat(db.getServiceId()).isEqualTo(dbService);
        assertThat(apiCommand.getCommitId()).isEqualTo("abc1234");
        assertThat(apiCommand.getRequestedBy()).isEqualTo("ci-bot");
        var workersBox = SecretBox.of("local", Map.of("local", SECRETS_KEY));
        assertThat(workersBox.open(db.getEnvVarChanges().getFirst().getValue(),
                SecretContexts.envVar(dbService, "DATABASE_URL"))).isEqualTo(SECRET);
        byte[] onTheWire = recordsOn(Topics.DEPLOY_BATCHES, new ByteArrayDeserializer()).stream()
                .filter(r -> batchId.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(new String(onTheWire, StandardCharsets.ISO_8859_1)).contains("DATABASE_URL").doesNotContain("s3cr3t");
        assertThat(acknowledgedCommands()).as("the coordinator, not deploy-api, sends a batch's commands")
                .noneMatch(c -> batchId.equals(c.value().getBatchId()));
    }

    @Test
    void batchShowsItsProgressStepResultsAndTheDeploysStatus() throws Exception {
        String batchId = ciBot.postBatch("""
                {"steps": [{"ref": "db", "deploy": {"serviceId": "%s"}},
                           {"ref": "api", "deploy": {"serviceId": "%s"}, "dependsOn": ["db"]},
                           {"ref": "web", "deploy": {"serviceId": "%s"}, "dependsOn": ["api"]}]}"""
                .formatted(aServiceId(), aServiceId(), aServiceId())).json().get("id").asText();

        JsonNode pending = ciBot.get("/v1/batches/" + batchId).json();
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("parallelism").asInt()).isEqualTo(1);
        assertThat(pending.get("failurePolicy").asText()).isEqualTo("stop_dependents");
        assertThat(pending.get("finishedAt").isNull()).isTrue();
        assertThat(pending.get("steps")).extracting(s -> s.get("state").asText()).containsOnly("PENDING");
        assertThat(pending.get("steps").get(2).get("dependsOn")).extracting(JsonNode::asText).containsExactly("api");
        assertThat(pending.get("steps").get(0).get("deployStatus").isNull()).isTrue();

        Instant now = Instant.now();
        String apiDeploy = BatchKeys.deployId(batchId, "api");
        publishBatchEntries(
                aProgressOf(batchId, now, BatchStatus.RUNNING, aStepState(batchId, "db", BatchStepStatus.DISPATCHED),
                        aStepState(batchId, "api", BatchStepStatus.PENDING), aStepState(batchId, "web", BatchStepStatus.PENDING)),
                aResultOf(batchId, now.plusSeconds(1), "db", DeployStatus.SUCCEEDED));
        publishEvents(anEventOf(aServiceId(), apiDeploy, now, 1, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING)
                .build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode batch = ciBot.get("/v1/batches/" + batchId).json();
            assertThat(batch.get("status").asText()).isEqualTo("RUNNING");
            assertThat(batch.get("steps")).extracting(s -> s.get("ref").asText() + "=" + s.get("state").asText())
                    .containsExactly("db=SUCCEEDED", "api=PENDING", "web=PENDING");
            assertThat(batch.get("steps").get(1).get("deployId").asText()).isEqualTo(apiDeploy);
            assertThat(batch.get("steps").get(1).get("deployStatus").asText()).isEqualTo("DEPLOYING");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cycle              | {\"ref\": \"db\", \"deploy\": {\"serviceId\": \"srv-a1\"}, \"dependsOn\": [\"api\"]} | #/steps                   | api → db → api",
            "deploy invalid     | {\"ref\": \"db\", \"deploy\": {\"serviceId\": \"srv-a1\", \"commitId\": \"zz\"}}   | #/steps/1/deploy/commitId | commit",
            "deploy missing     | {\"ref\": \"db\"}                                                                   | #/steps/1/deploy          | required",
            "unknown dependency | {\"ref\": \"db\", \"deploy\": {\"serviceId\": \"srv-a1\"}, \"dependsOn\": [\"cache\"]} | #/steps/1/dependsOn/0   | cache",
            "duplicate ref      | {\"ref\": \"api\", \"deploy\": {\"serviceId\": \"srv-a1\"}}                              | #/steps/1/ref             | already",
            "self dependency    | {\"ref\": \"db\", \"deploy\": {\"serviceId\": \"srv-a1\"}, \"dependsOn\": [\"db\"]}    | #/steps/1/dependsOn/0     | itself",
    })
    void invalidBatchIsRefusedWith400PointingIntoTheSteps(String what, String secondStep, String pointer, String named) {
        var reply = ciBot.postBatch("""
                {"steps": [{"ref": "api", "deploy": {"serviceId": "srv-a2"}, "dependsOn": %s}, %s]}"""
                .formatted(what.startsWith("cycle") ? "[\"db\"]" : "[]", secondStep));

        JsonNode problem = assertProblem(reply, 400, "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("pointer").asText()).containsExactly(pointer);
        assertThat(problem.get("errors").get(0).get("detail").asText()).contains(named);
        assertThat(problem.get("detail").asText()).contains(named);
    }

    @Test
    void batchWithTooManyStepsOrTooMuchParallelismIsRefused() {
        String step = "{\"ref\": \"s%d\", \"deploy\": {\"serviceId\": \"srv-a1\"}}";
        var steps = new ArrayList<String>();
        for (int i = 0; i < 101; i++) {
            steps.add(step.formatted(i));
        }

        var tooMany = ciBot.postBatch("{\"steps\": [" + String.join(",", steps) + "]}");
        var tooParallel = ciBot.postBatch("{\"steps\": [" + steps.getFirst() + "], \"parallelism\": 51}");

        assertThat(assertProblem(tooMany, 400, "invalid-request").get("errors"))
                .extracting(e -> e.get("pointer").asText()).containsExactly("#/steps");
        assertThat(assertProblem(tooParallel, 400, "invalid-request").get("errors"))
                .extracting(e -> e.get("pointer").asText()).containsExactly("#/parallelism");
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheOriginalBatchAndPublishesOnePlan() {
        String body = "{\"steps\": [{\"ref\": \"db\", \"deploy\": {\"serviceId\": \"" + aServiceId() + "\"}}]}";
        String key = UUID.randomUUID().toString();

        var first = ciBot.postBatch(body, key);
        var repeat = ciBot.postBatch(body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        onlyPlanOf(first.json().get("id").asText());
        var changed = ciBot.postBatch(body.replace("\"db\"", "\"cache\""), key);
        assertProblem(changed, 422, "idempotency-key-reused");
    }

    @Test
    void unknownBatchIs404() {
        assertProblem(ciBot.get("/v1/batches/bat-00000000000000000000000000"), 404, "batch-not-found");
    }

    @Test
    void deploysAreListedNewestFirstAPageAtATimeWithTheirFilters() throws Exception {
        String serviceId = aServiceId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ciBot.postDeploy("{\"serviceId\": \"%s\", \"labels\": {\"pipeline\": \"%d\"}}"
                    .formatted(serviceId, i)).json().get("id").asText());
        }
        Instant acceptedAt = Instant.parse(ciBot.get("/v1/deploys/" + ids.getFirst()).json().get("acceptedAt").asText());
        publishEvents(anEventOf(serviceId, ids.getFirst(), acceptedAt, 1, DeployEventType.DeployFailed, DeployStatus.FAILED)
                .setFinishedAt(acceptedAt.plusSeconds(1)).build());

        JsonNode first = ciBot.get("/v1/deploys?serviceId=" + serviceId + "&limit=2").json();
        JsonNode second = ciBot.get("/v1/deploys?serviceId=" + serviceId + "&limit=2&cursor="
                + first.get("nextCursor").asText()).json();

        assertThat(first.get("deploys")).extracting(d -> d.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        assertThat(second.get("deploys")).extracting(d -> d.get("id").asText()).containsExactly(ids.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(first.get("deploys").get(0).get("labels").get("pipeline").asText()).isEqualTo("2");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                ciBot.get("/v1/deploys?serviceId=" + serviceId + "&status=FAILED,ROLLED_BACK").json().get("deploys"))
                .extracting(d -> d.get("id").asText()).containsExactly(ids.get(0)));
        assertThat(ciBot.get("/v1/deploys?serviceId=" + serviceId + "&status=active").json().get("deploys"))
                .extracting(d -> d.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        assertThat(ciBot.get("/v1/deploys?label=pipeline:1&serviceId=" + serviceId).json().get("deploys"))
                .extracting(d -> d.get("id").asText()).containsExactly(ids.get(1));
        assertThat(ciBot.get("/v1/deploys?serviceId=" + serviceId + "&until=" + acceptedAt).json().get("deploys")).isEmpty();
        assertThat(ciBot.get("/v1/deploys?serviceId=" + serviceId + "&since=" + acceptedAt.plusSeconds(3600))
                .json().get("deploys")).isEmpty();
    }

    @Test
    void aServicesDeploysAreTheOneInFlightItsQueueInOrderAndItsHistory() throws Exception {
        String serviceId = aServiceId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ciBot.postDeploy(deployOf(serviceId)).json().get("id").asText());
        }
        Instant acceptedAt = Instant.parse(ciBot.get("/v1/deploys/" + ids.getFirst()).json().get("acceptedAt").asText());
        publishEvents(anEventOf(serviceId, ids.getFirst(), acceptedAt, 1, DeployEventType.DeployTriggered,
                DeployStatus.DEPLOYING).build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode service = ciBot.get("/v1/services/" + serviceId + "/deploys").json();
            assertThat(service.get("serviceId").asText()).isEqualTo(serviceId);
            assertThat(service.get("inFlight").get("id").asText()).isEqualTo(ids.get(0));
            assertThat(service.get("inFlight").get("status").asText()).isEqualTo("DEPLOYING");
            assertThat(service.get("queue")).extracting(d -> d.get("id").asText()).containsExactly(ids.get(1), ids.get(2));
            assertThat(service.get("history")).extracting(d -> d.get("id").asText())
                    .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        });
        JsonNode idle = ciBot.get("/v1/services/" + aServiceId() + "/deploys").json();
        assertThat(idle.get("inFlight").isNull()).isTrue();
        assertThat(idle.get("queue")).isEmpty();
        assertThat(idle.get("history")).isEmpty();
    }

    @Test
    void statsOfAServiceCountOutcomesDurationsRollbacksAndRecoveries() throws Exception {
        String serviceId = aServiceId();
        String failed = ciBot.postDeploy(deployOf(serviceId)).json().get("id").asText();
        String recovered = ciBot.postDeploy(deployOf(serviceId)).json().get("id").asText();
        String running = ciBot.postDeploy(deployOf(serviceId)).json().get("id").asText();
        Instant acceptedAt = Instant.parse(ciBot.get("/v1/deploys/" + failed).json().get("acceptedAt").asText());
        publishEvents(
                anEventOf(serviceId, failed, acceptedAt, 1, DeployEventType.RollbackStarted, DeployStatus.ROLLING_BACK).build(),
                anEventOf(serviceId, failed, acceptedAt, 2, DeployEventType.DeployRolledBack, DeployStatus.ROLLED_BACK)
                        .setFinishedAt(acceptedAt.plusSeconds(1)).build(),
                anEventOf(serviceId, recovered, acceptedAt, 1, DeployEventType.DeploySucceeded, DeployStatus.SUCCEEDED)
                        .setFinishedAt(acceptedAt.plusSeconds(3)).build(),
                anEventOf(serviceId, running, acceptedAt, 1, DeployEventType.DeployTriggered, DeployStatus.DEPLOYING).build());

        // Deploys count once they have finished, and these finish a few seconds after they were accepted.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode stats = ciBot.get("/v1/deploys/stats?window=1h&serviceId=" + serviceId).json();
            assertThat(stats.get("window").asText()).isEqualTo("1h");
            assertThat(stats.get("serviceId").asText()).isEqualTo(serviceId);
            assertThat(stats.get("finished").asInt()).isEqualTo(2);
            assertThat(stats.get("outcomes").get("SUCCEEDED").asInt()).isEqualTo(1);
            assertThat(stats.get("outcomes").get("ROLLED_BACK").asInt()).isEqualTo(1);
            assertThat(stats.get("successRate").asDouble()).isEqualTo(0.5);
            assertThat(stats.get("rollbacks").asInt()).isEqualTo(1);
            assertThat(stats.get("recoveries").asInt()).isEqualTo(1);
            assertThat(stats.get("meanTimeToRecoverySeconds").asDouble()).isEqualTo(2.0);
            assertThat(stats.get("inProgress").asInt()).isEqualTo(1);
            assertThat(stats.get("durationSeconds").get("p95").asDouble()).isPositive();
        });
        assertProblem(ciBot.get("/v1/deploys/stats?window=1y"), 400, "invalid-request");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/v1/deploys?status=SUCEEDED                     | status",
            "/v1/deploys?status=active&status=NOPE           | status",
            "/v1/deploys?limit=0                             | limit",
            "/v1/deploys?limit=101                           | limit",
            "/v1/deploys?since=yesterday                     | since",
            "/v1/deploys?until=2026-03-01                    | until",
            "/v1/deploys?cursor=bm90LW91cnM                  | cursor",
            "/v1/deploys?label=no-colon                      | label",
            "/v1/deploys?serviceId=web-1                     | serviceId",
            "/v1/deploys?servceId=srv-a1                     | servceId",
            "/v1/services/web-1/deploys                      | serviceId",
            "/v1/services/srv-a1/deploys?limit=-1            | limit",
    })
    void invalidQueryIsRefusedWith400NamingTheParameter(String path, String parameter) {
        JsonNode problem = assertProblem(ciBot.get(path), 400, "invalid-request");

        assertThat(problem.get("errors")).extracting(e -> e.get("parameter").asText()).contains(parameter);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /v1/deploys?status=%ZZ",
            "GET    | /v1/deploys/%ZZ",
            "GET    | /v1/deploys/a%00b",
            "GET    | /v1/services/%ZZ/deploys",
            "GET    | /v1/deploys?limit=1&limit=2",
            "PUT    | /v1/services/srv-a1/deploys",
            "DELETE | /v1/batches",
            "GET    | /v1/services",
    })
    void oddRequestsAreProblemsNeverServerErrors(String method, String path) {
        String response = ciBot.raw(method, path);

        assertThat(response).as(response).matches("(?s)HTTP/1\\.1 4\\d\\d .*")
                .containsIgnoringCase("content-type: application/problem+json");
    }

    @Test
    void queryOrHeadersFarTooLongAreProblemsNeverServerErrors() {
        String longQuery = ciBot.raw("GET", "/v1/deploys?label=a:" + "x".repeat(20_000));
        String manyParameters = ciBot.raw("GET", "/v1/deploys?" + "status=FAILED&".repeat(250));

        // A request line over Netty's limit is refused before routing, as 413, still a problem.
        assertThat(longQuery).as(longQuery).matches("(?s)HTTP/1\\.[01] 4\\d\\d .*")
                .containsIgnoringCase("content-type: application/problem+json");
        assertThat(manyParameters).as(manyParameters).matches("(?s)HTTP/1\\.1 200 .*");
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"serviceId\": \"srv-abc1\", \"labels\": {\"x\": \"" + "y".repeat(1_100_000) + "\"}}";

        assertProblem(ciBot.postDeploy(huge), 413, "payload-too-large");
    }

    private static ApiClientForTests client(String key) {
        return new ApiClientForTests(api.baseUri(), key);
    }

    private static String aServiceId() {
        return "srv-it" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    private static String deployOf(String serviceId) {
        return "{\"serviceId\": \"" + serviceId + "\"}";
    }

    private static ConsumerRecord<String, DeployCommand> onlyCommandOf(String deployId) {
        return acknowledgedCommands().stream().filter(r -> r.value().getDeployId().equals(deployId))
                .reduce((a, b) -> {
                    throw new AssertionError("two commands of " + deployId);
                })
                .orElseThrow(() -> new AssertionError("no command of " + deployId + " on " + Topics.DEPLOY_COMMANDS));
    }

    /** Every command on the topic up to its end now: a 202 promises its command is among them. */
    private static List<ConsumerRecord<String, DeployCommand>> acknowledgedCommands() {
        return commandsOnTopic(AvroSerde.of(DeployCommand.class));
    }

    private static <V> List<ConsumerRecord<String, V>> commandsOnTopic(Deserializer<V> values) {
        return recordsOn(Topics.DEPLOY_COMMANDS, values);
    }

    private static <V> List<ConsumerRecord<String, V>> recordsOn(String topic, Deserializer<V> values) {
        return KafkaForTests.recordsOn(kafka, topic, values);
    }

    private static ConsumerRecord<String, DeployBatch> onlyPlanOf(String batchId) {
        List<ConsumerRecord<String, DeployBatch>> plans = recordsOn(Topics.DEPLOY_BATCHES, AvroSerde.of(DeployBatch.class))
                .stream().filter(r -> batchId.equals(r.value().getBatchId()) && r.value().getEntry() instanceof BatchPlan)
                .toList();
        assertThat(plans).as("plans of " + batchId + " on " + Topics.DEPLOY_BATCHES).hasSize(1);
        return plans.getFirst();
    }

    private static int partitionsOf(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
        }
    }

    /** As the coordinator and the workers write them: each under its own key, in the batch's partition. */
    private static void publishBatchEntries(DeployBatch... entries) throws Exception {
        int partitions = partitionsOf(Topics.DEPLOY_BATCHES);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), AvroSerde.of(DeployBatch.class))) {
            for (DeployBatch entry : entries) {
                String batchId = entry.getBatchId();
                String key = entry.getEntry() instanceof BatchStepResult result
                        ? BatchKeys.stepResult(batchId, result.getRef()) : BatchKeys.progress(batchId);
                var headers = CloudEventHeaders.of(entry, "/deploybus/deploy-worker", key);
                producer.send(new ProducerRecord<>(Topics.DEPLOY_BATCHES, BatchKeys.partition(batchId, partitions), key,
                        entry, headers)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void publishEvents(DeployEvent... events) throws Exception {
        KafkaForTests.publishEvents(kafka, events);
    }
}
