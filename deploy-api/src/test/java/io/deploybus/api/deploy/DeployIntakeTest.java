package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.deploybus.api.batch.BatchView;
import io.deploybus.api.idempotency.IdempotencyConfiguration;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.idempotency.IdempotencyKeyReusedException;
import io.deploybus.api.idempotency.RequestDigests;
import io.deploybus.api.view.TopicViews;
import io.deploybus.api.view.ViewsConfiguration;
import io.deploybus.schemas.AvroSerde;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.KafkaClients;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import io.deploybus.schemas.avro.EnvVarAction;
import io.deploybus.schemas.avro.EnvVarChange;
import io.deploybus.schemas.avro.SealedValue;
import io.deploybus.schemas.avro.DeployEventType;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretsConfiguration;
import io.deploybus.testkit.ManualClock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeployIntakeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final DeploySpec SPEC = new DeploySpec("srv-intake1", "abc1234", null, true, Map.of("k", "v"), 600,
            List.of(), EnvGroupChanges.NONE, RollbackSpec.DEFAULT);
    private static final String DATABASE_URL = "postgres://app:hunter2-in-clear@db:5432/app";
    private static final DeploySpec WITH_ENV = withEnvVars(SPEC, List.of(
            new EnvVarEdit.Set("DATABASE_URL", new SecretValue(DATABASE_URL)),
            new EnvVarEdit.Delete("OLD_FLAG"),
            new EnvVarEdit.Generate("SESSION_SECRET")));
    private static final String SECRETS_KEY = SecretBox.newKey();

    private static final Duration KEY_TTL = Duration.ofHours(1);

    private final FakeKafka kafka = new FakeKafka();
    private final ManualClock clock = new ManualClock(NOW);
    private final DeployView view = new DeployView(Duration.ofDays(30), 100);
    private final DeployIntake intake = anInstance(view);

    /**
     * A deploy-api instance with its own state, the shared secrets key, and the given view. Its views
     * are not fed from Kafka here: each command it publishes it takes in itself, as it does when the
     * views lag (an await timeout of zero).
     */
    private DeployIntake anInstance(DeployView itsView) {
        var views = new TopicViews(KafkaClients.of(Map.of("bootstrap.servers", "localhost:1")), itsView, new BatchView(Duration.ofDays(1)),
                new ViewsConfiguration(Duration.ZERO), clock);
        var configuration = new DeploysConfiguration(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofDays(30), 100);
        return new DeployIntake(new DeployCommandPublisher(kafka, configuration), itsView, views,
                new DeployIdGenerator(clock), new EnvVarSealer(box("test", SECRETS_KEY)),
                new RequestDigests(new SecretsConfiguration("test", Map.of("test", SECRETS_KEY))),
                new IdempotencyConfiguration(KEY_TTL), configuration, clock);
    }

    @Test
    void acceptedDeployIsPublishedWithItsCloudEventHeadersAndQueued() {
        var accepted = intake.submit("ci-bot", Optional.empty(), SPEC).value();

        assertThat(kafka.sent).hasSize(1);
        Sent sent = kafka.sent.getFirst();
        DeployCommand command = sent.command();
        assertThat(sent.key()).isEqualTo("srv-intake1");
        assertThat(command.getDeployId()).isEqualTo(accepted.id());
        assertThat(command.getRequestedBy()).isEqualTo("ci-bot");
        assertThat(command.getOccurredAt()).isEqualTo(NOW);
        assertThat(command.getCommitId()).isEqualTo("abc1234");
        assertThat(command.getCachePolicy()).isEqualTo(CachePolicy.CLEAR_CACHE);
        assertThat(command.getTimeoutSeconds()).isEqualTo(600);
        assertThat(command.getLabels()).containsExactly(Map.entry("k", "v"));
        assertThat(command.getRollback().getEnabled()).isTrue();
        assertThat(command.getRollback().getDisableAutoDeploy()).isFalse();
        assertThat(command.getEnvVarChanges()).isEmpty();
        assertThat(CloudEventHeaders.text(sent.headers(), CloudEventHeaders.ID)).isEqualTo(command.getEventId());
        assertThat(CloudEventHeaders.text(sent.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("srv-intake1");
        assertThat(accepted).isEqualTo(new DeployAccepted(command.getDeployId(), "srv-intake1", "QUEUED"));
        assertThat(view.find(accepted.id()).orElseThrow().status()).isEqualTo(DeployStatus.QUEUED);
    }

    @Test
    void deployWithoutTimeoutGetsTheCommandsDefault() {
        intake.submit("ci-bot", Optional.empty(), DeploySpec.of("srv-intake1"));

        assertThat(kafka.sent.getFirst().command().getTimeoutSeconds()).isEqualTo(1800);
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheFirstDeployAndPublishesOnce() {
        var key = Optional.of(new IdempotencyKey("retry-me"));

        var first = intake.submit("ci-bot", key, SPEC);
        var repeat = intake.submit("ci-bot", key, SPEC);

        assertThat(repeat.value()).isEqualTo(first.value());
        assertThat(repeat.replayed()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThat(kafka.sent).hasSize(1);
        assertThat(kafka.sent.getFirst().command().getIdempotencyKey()).isEqualTo("retry-me");
    }

    @Test
    void idempotencyKeyReusedForAnotherDeployIsRefused() {
        var key = Optional.of(new IdempotencyKey("once"));
        intake.submit("ci-bot", key, SPEC);

        assertThatThrownBy(() -> intake.submit("ci-bot", key,
                DeploySpec.of("srv-other1")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(kafka.sent).hasSize(1);
    }

    @Test
    void deployKafkaDoesNotAcknowledgeInTimeIsNotAcceptedAndNotQueued() {
        kafka.answer = command -> new CompletableFuture<>();

        assertThatThrownBy(() -> intake.submit("ci-bot", Optional.empty(), SPEC))
                .isInstanceOf(CommandNotAcknowledgedException.class);
        assertThat(view.size()).isZero();
    }

    @Test
    void deployKafkaFailsRetriablyIsNotAcceptedAndItsKeyCanBeRetried() {
        var key = Optional.of(new IdempotencyKey("flaky"));
        kafka.answer = command -> CompletableFuture.failedFuture(new NotEnoughReplicasException("min.insync.replicas"));

        assertThatThrownBy(() -> intake.submit("ci-bot", key, SPEC)).isInstanceOf(CommandNotAcknowledgedException.class);

        kafka.answer = FakeKafka::acknowledge;
        var retry = intake.submit("ci-bot", key, SPEC);
        assertThat(retry.replayed()).isFalse();
        assertThat(view.find(retry.value().id())).isPresent();
    }

    @Test
    void nonRetriableKafkaFailureIsAFaultNotATryAgain() {
        kafka.answer = command -> CompletableFuture.failedFuture(new RecordTooLargeException("too large"));

        assertThatThrownBy(() -> intake.submit("ci-bot", Optional.empty(), SPEC))
                .isInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void envVarValueIsSealedForItsServiceAndKeyAndOpensWithTheSharedKey() {
        intake.submit("ci-bot", Optional.empty(), WITH_ENV);

        List<EnvVarChange> changes = kafka.sent.getFirst().command().getEnvVarChanges();
        assertThat(changes).extracting(EnvVarChange::getKey).containsExactly("DATABASE_URL", "OLD_FLAG", "SESSION_SECRET");
        assertThat(changes).extracting(EnvVarChange::getAction)
                .containsExactly(EnvVarAction.SET, EnvVarAction.DELETE, EnvVarAction.GENERATE);
        SealedValue sealed = changes.getFirst().getValue();
        assertThat(sealed.getKeyId()).isEqualTo("test");
        // A worker configured with the same key, and no state shared with deploy-api, opens it.
        assertThat(box("test", SECRETS_KEY).open(sealed, "env:srv-intake1:DATABASE_URL")).isEqualTo(DATABASE_URL);
        assertThat(changes.get(1).getValue()).isNull();
        assertThat(changes.get(2).getValue()).isNull();
    }

    @Test
    void sealedValueDoesNotOpenForAnotherServiceOrKey() {
        intake.submit("ci-bot", Optional.empty(), WITH_ENV);

        SealedValue sealed = kafka.sent.getFirst().command().getEnvVarChanges().getFirst().getValue();
        assertThatThrownBy(() -> box("test", SECRETS_KEY).open(sealed, "env:srv-other1:DATABASE_URL"))
                .isInstanceOf(SecretBox.SecretBoxException.class);
        assertThatThrownBy(() -> box("test", SECRETS_KEY).open(sealed, "env:srv-intake1:OLD_FLAG"))
                .isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void commandOnTheWireAndItsTextCarryNoValueInClear() {
        intake.submit("ci-bot", Optional.empty(), WITH_ENV);

        DeployCommand command = kafka.sent.getFirst().command();
        byte[] wire = AvroSerde.of(DeployCommand.class).serialize(Topics.DEPLOY_COMMANDS, command);
        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain(DATABASE_URL).doesNotContain("hunter2");
        assertThat(command.toString()).doesNotContain("hunter2");
    }

    @Test
    void envGroupsAndRollbackPolicyGoIntoTheCommand() {
        var spec = new DeploySpec("srv-intake1", null, null, false, Map.of(), null, List.of(),
                new EnvGroupChanges(List.of("evg-new1", "evg-new2"), List.of("evg-old1")), new RollbackSpec(true, true));

        intake.submit("ci-bot", Optional.empty(), spec);

        DeployCommand command = kafka.sent.getFirst().command();
        assertThat(command.getEnvGroupLinks()).containsExactly("evg-new1", "evg-new2");
        assertThat(command.getEnvGroupUnlinks()).containsExactly("evg-old1");
        assertThat(command.getRollback().getEnabled()).isTrue();
        assertThat(command.getRollback().getDisableAutoDeploy()).isTrue();
    }

    @Test
    void deployWithoutRollbackSaysSoInTheCommand() {
        intake.submit("ci-bot", Optional.empty(), new DeploySpec("srv-intake1", null, null, false, Map.of(), null,
                List.of(), EnvGroupChanges.NONE, new RollbackSpec(false, false)));

        assertThat(kafka.sent.getFirst().command().getRollback().getEnabled()).isFalse();
    }

    @Test
    void viewOfADeployWithEnvVarsShowsKeysAndActionsButNoValue() {
        var accepted = intake.submit("ci-bot", Optional.empty(), WITH_ENV).value();

        var deploy = view.find(accepted.id()).orElseThrow();
        assertThat(deploy.envVars()).containsExactly(new DeployView.EnvVar("DATABASE_URL", EnvVarAction.SET),
                new DeployView.EnvVar("OLD_FLAG", EnvVarAction.DELETE),
                new DeployView.EnvVar("SESSION_SECRET", EnvVarAction.GENERATE));
        assertThat(DeployResource.of(deploy).toString()).doesNotContain("hunter2");
    }

    @Test
    void repeatedIdempotencyKeyWithTheSameEnvVarValuesIsReplayed() {
        var key = Optional.of(new IdempotencyKey("env-retry"));
        var same = withEnvVars(SPEC, List.of(new EnvVarEdit.Set("DATABASE_URL", new SecretValue(DATABASE_URL))));

        var first = intake.submit("ci-bot", key, same);
        var repeat = intake.submit("ci-bot", key, withEnvVars(SPEC,
                List.of(new EnvVarEdit.Set("DATABASE_URL", new SecretValue(DATABASE_URL)))));

        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.value()).isEqualTo(first.value());
        assertThat(kafka.sent).hasSize(1);
    }

    @Test
    void idempotencyKeyReusedWithAnotherEnvVarValueIsRefused() {
        var key = Optional.of(new IdempotencyKey("env-once"));
        intake.submit("ci-bot", key, withEnvVars(SPEC, List.of(new EnvVarEdit.Set("TOKEN", new SecretValue("one")))));

        assertThatThrownBy(() -> intake.submit("ci-bot", key,
                withEnvVars(SPEC, List.of(new EnvVarEdit.Set("TOKEN", new SecretValue("two"))))))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(kafka.sent).hasSize(1);
    }

    @Test
    void repeatOnAnotherInstanceReadingTheSameTopicsIsReplayed() {
        var key = Optional.of(new IdempotencyKey("anywhere"));
        var first = intake.submit("ci-bot", key, WITH_ENV);

        var repeat = anInstance(view).submit("ci-bot", key, withEnvVars(SPEC, List.of(
                new EnvVarEdit.Set("DATABASE_URL", new SecretValue(DATABASE_URL)),
                new EnvVarEdit.Delete("OLD_FLAG"),
                new EnvVarEdit.Generate("SESSION_SECRET"))));

        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.value().id()).isEqualTo(first.value().id());
        assertThat(kafka.sent).hasSize(1);
        assertThat(kafka.sent.getFirst().command().getRequestDigest()).startsWith("test:").doesNotContain("hunter2");
    }

    @Test
    void twoInstancesTakingTheSameRequestAtOnceGiveItOneDeployId() {
        var key = Optional.of(new IdempotencyKey("at-once"));

        var onOne = intake.submit("ci-bot", key, SPEC);
        var onOther = anInstance(new DeployView(Duration.ofDays(30), 100)).submit("ci-bot", key, SPEC);

        assertThat(onOther.value().id()).isEqualTo(onOne.value().id());
        assertThat(kafka.sent).extracting(sent -> sent.command().getDeployId()).containsOnly(onOne.value().id());
    }

    @Test
    void aDifferentRequestUnderTheKeyWhoseCommandCameSecondIsRefused() {
        var key = Optional.of(new IdempotencyKey("raced"));
        var otherView = new DeployView(Duration.ofDays(30), 100);
        intake.submit("ci-bot", key, SPEC);
        DeployCommand first = kafka.sent.getFirst().command();
        // The other instance's view reads the first command just before its own, which came second.
        kafka.answer = command -> {
            otherView.accepted(first);
            return FakeKafka.acknowledge(command);
        };

        assertThatThrownBy(() -> anInstance(otherView).submit("ci-bot", key, withEnvVars(SPEC,
                List.of(new EnvVarEdit.Delete("OLD_FLAG"))))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(kafka.sent).extracting(sent -> sent.command().getDeployId()).containsOnly(first.getDeployId());
    }

    @Test
    void twoRequestsForTwoServicesUnderOneKeyAtOnceAreTwoDeploys() {
        var key = Optional.of(new IdempotencyKey("two-services"));
        var otherView = new DeployView(Duration.ofDays(30), 100);
        var onOne = intake.submit("ci-bot", key, SPEC);
        DeployCommand first = kafka.sent.getFirst().command();
        kafka.answer = command -> {
            otherView.accepted(first);
            return FakeKafka.acknowledge(command);
        };

        var onOther = anInstance(otherView).submit("ci-bot", key, DeploySpec.of("srv-other1"));

        assertThat(onOther.replayed()).isFalse();
        assertThat(onOther.value().id()).isNotEqualTo(onOne.value().id());
        assertThat(onOther.value().serviceId()).isEqualTo("srv-other1");
    }

    @Test
    void replayShowsTheDeployAsItIsNow() {
        var key = Optional.of(new IdempotencyKey("later"));
        var first = intake.submit("ci-bot", key, SPEC).value();
        view.apply(DeployEvents.anEventOf("srv-intake1", first.id(), NOW, 1, DeployEventType.DeploySucceeded,
                DeployStatus.SUCCEEDED).build());

        var repeat = intake.submit("ci-bot", key, SPEC);

        assertThat(repeat.value()).isEqualTo(new DeployAccepted(first.id(), "srv-intake1", "SUCCEEDED"));
    }

    @Test
    void keyUsedAgainAfterItsTimeToLiveIsANewDeployWithANewId() {
        var key = Optional.of(new IdempotencyKey("daily"));
        var first = intake.submit("ci-bot", key, SPEC).value();

        clock.advance(KEY_TTL.plusSeconds(1));
        var again = intake.submit("ci-bot", key, DeploySpec.of("srv-other1"));

        assertThat(again.replayed()).isFalse();
        assertThat(again.value().id()).isNotEqualTo(first.id());
        assertThat(kafka.sent).hasSize(2);
    }

    private static DeploySpec withEnvVars(DeploySpec spec, List<EnvVarEdit> envVars) {
        return new DeploySpec(spec.serviceId(), spec.commitId(), spec.imageUrl(), spec.clearCache(), spec.labels(),
                spec.timeoutSeconds(), envVars, spec.envGroups(), spec.rollback());
    }

    private static SecretBox box(String keyId, String key) {
        return SecretBox.of(keyId, Map.of(keyId, key));
    }

    private record Sent(String key, DeployCommand command, Headers headers) {
    }

    /** Stands in for the Kafka client: records what is sent and answers as told. */
    private static final class FakeKafka implements DeployCommandClient {
        final List<Sent> sent = new ArrayList<>();
        Function<DeployCommand, CompletableFuture<RecordMetadata>> answer = FakeKafka::acknowledge;

        @Override
        public CompletableFuture<RecordMetadata> send(String serviceId, DeployCommand command, Headers headers) {
            var result = answer.apply(command);
            if (!result.isCompletedExceptionally() && result.isDone()) {
                sent.add(new Sent(serviceId, command, headers));
            }
            return result;
        }

        static CompletableFuture<RecordMetadata> acknowledge(DeployCommand command) {
            return CompletableFuture.completedFuture(
                    new RecordMetadata(new TopicPartition(Topics.DEPLOY_COMMANDS, 0), 0, 0, 0, 0, 0));
        }
    }
}
