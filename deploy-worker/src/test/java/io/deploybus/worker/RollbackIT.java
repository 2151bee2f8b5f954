package io.deploybus.worker;

import static io.deploybus.testkit.fixtures.DeployCommands.aDeployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.deploybus.render.RenderApiConfiguration;
import io.deploybus.render.RenderClient;
import io.deploybus.render.RenderNotFoundException;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployEvent;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.deploybus.schemas.avro.EnvVarChange;
import io.deploybus.schemas.avro.RollbackPolicy;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretContexts;
import io.deploybus.testkit.EmulatorSeed;
import io.deploybus.testkit.KafkaBrokerExtension;
import io.deploybus.testkit.LocalKafka;
import io.deploybus.testkit.ServiceProcess;
import io.deploybus.testkit.RawTopic;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Config changes with restore, rollback, timeouts, and secrets that never show in clear. */
@ExtendWith(KafkaBrokerExtension.class)
class RollbackIT {

    private static final String OLD_VALUE = "old-value-7c1e9a";
    private static final String NEW_SECRET = "new-secret-4f2b8d";
    private static WorkerHarness harness;
    private static ServiceProcess worker;
    private static RenderClient render;
    private static SecretBox box;

    @BeforeAll
    static void start(LocalKafka kafka) {
        harness = new WorkerHarness(kafka);
        worker = harness.startWorker();
        render = new RenderClient(RenderApiConfiguration.of(harness.emulator.baseUri().resolve("/v1"), WorkerHarness.RENDER_KEY),
                ObjectMapper.getDefault());
        box = SecretBox.of("local", Map.of("local", harness.secretsKey));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void failedDeployIsRolledBackToTheLastLiveDeployWithItsConfigurationRestored() {
        String service = EmulatorSeed.FAILING_BUILD_SERVICE;
        render.setEnvVar(service, "FEATURE_FLAG", OLD_VALUE);
        DeployCommand command = harness.commands.send(aDeployOf(service)
                .setEnvVarChanges(List.of(set(service, "FEATURE_FLAG", NEW_SECRET), set(service, "ADDED_BY_DEPLOY", NEW_SECRET)))
                .setRollback(new RollbackPolicy(true, true)).build());

        List<DeployEvent> events = harness.awaitOutcome(command.getDeployId());

        assertThat(events).extracting(DeployEvent::getType).containsSubsequence(DeployEventType.DeployConfigured,
                DeployEventType.DeployTriggered, DeployEventType.RollbackStarted, DeployEventType.DeployRolledBack);
        assertThat(events.getLast().getStatus()).isEqualTo(DeployStatus.ROLLED_BACK);
        assertThat(events.getLast().getReason()).contains("build_failed").contains("rolled back");
        assertThat(render.getEnvVar(service, "FEATURE_FLAG").value()).isEqualTo(OLD_VALUE);
        assertThatThrownBy(() -> render.getEnvVar(service, "ADDED_BY_DEPLOY")).isInstanceOf(RenderNotFoundException.class);
        assertThat(render.getService(service).autoDeploy()).isEqualTo("no");
        assertThat(harness.control.requests("POST", "/v1/services/" + service + "/rollback")).hasSize(1);
    }

    @Test
    void deployThatOutlivesItsTimeoutIsCanceledOnRenderAndEndsTimedOut() {
        String service = EmulatorSeed.SECOND_HEALTHY_SERVICE;
        harness.control.script(service, "{\"duration\": \"60s\"}");
        DeployCommand command = harness.commands.send(aDeployOf(service).setTimeoutSeconds(3)
                .setRollback(new RollbackPolicy(false, false)).build());

        DeployEvent outcome = harness.awaitOutcome(command.getDeployId()).getLast();

        assertThat(outcome.getType()).isEqualTo(DeployEventType.DeployTimedOut);
        assertThat(outcome.getStatus()).isEqualTo(DeployStatus.TIMED_OUT);
        assertThat(harness.control.requests("POST", "/v1/services/" + service + "/deploys/.*/cancel")).hasSize(1);
        assertThat(render.getDeploy(service, outcome.getRenderDeployId()).status()).isEqualTo("canceled");
    }

    @Test
    void envVarValuesNeverAppearInClearInEventsTheJournalOrLogs() throws Exception {
        String service = EmulatorSeed.IMAGE_SERVICE;
        render.setEnvVar(service, "API_TOKEN", OLD_VALUE);
        DeployCommand command = harness.commands.send(aDeployOf(service)
                .setEnvVarChanges(List.of(set(service, "API_TOKEN", NEW_SECRET))).build());
        assertThat(harness.awaitOutcome(command.getDeployId()).getLast().getStatus()).isEqualTo(DeployStatus.SUCCEEDED);
        assertThat(render.getEnvVar(service, "API_TOKEN").value()).isEqualTo(NEW_SECRET);

        for (String topic : List.of(Topics.DEPLOY_EVENTS, Topics.DEPLOY_JOURNAL, Topics.DEPLOY_COMMANDS_DLQ)) {
            assertThat(RawTopic.valuesAsText(harness.kafka, topic)).as("records of %s", topic).noneMatch(v -> v.contains(NEW_SECRET) || v.contains(OLD_VALUE));
        }
        assertThat(Files.readString(worker.log())).doesNotContain(NEW_SECRET).doesNotContain(OLD_VALUE);
    }

    private static EnvVarChange set(String service, String key, String value) {
        return new EnvVarChange(key, EnvVarAction.SET, box.seal(value, SecretContexts.envVar(service, key)));
    }
}
