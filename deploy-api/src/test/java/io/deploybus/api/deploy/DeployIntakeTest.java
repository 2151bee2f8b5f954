package io.deploybus.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.deploybus.api.idempotency.IdempotencyConfiguration;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.idempotency.IdempotencyKeyReusedException;
import io.deploybus.schemas.CloudEventHeaders;
import io.deploybus.schemas.Topics;
import io.deploybus.schemas.avro.CachePolicy;
import io.deploybus.schemas.avro.DeployCommand;
import io.deploybus.schemas.avro.DeployStatus;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeployIntakeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final DeploySpec SPEC = new DeploySpec("srv-intake1", "abc1234", null, true, Map.of("k", "v"), 600);

    private final FakeKafka kafka = new FakeKafka();
    private final DeployView view = new DeployView(100, 100);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DeployIntake intake = new DeployIntake(
            new DeployCommandPublisher(kafka, new DeploysConfiguration(Duration.ofMillis(200), Duration.ofSeconds(5), 100, 100)),
            view, new DeployIdGenerator(clock), new IdempotencyConfiguration(100, Duration.ofHours(1)), clock);

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
        assertThat(CloudEventHeaders.text(sent.headers(), CloudEventHeaders.ID)).isEqualTo(command.getEventId());
        assertThat(CloudEventHeaders.text(sent.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("srv-intake1");
        assertThat(accepted).isEqualTo(new DeployAccepted(command.getDeployId(), "srv-intake1", "QUEUED"));
        assertThat(view.find(accepted.id()).orElseThrow().status()).isEqualTo(DeployStatus.QUEUED);
    }

    @Test
    void deployWithoutTimeoutGetsTheCommandsDefault() {
        intake.submit("ci-bot", Optional.empty(), new DeploySpec("srv-intake1", null, null, false, Map.of(), null));

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
                new DeploySpec("srv-other1", null, null, false, Map.of(), null)))
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
