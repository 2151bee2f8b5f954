package io.deploybus.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.deploybus.testkit.ManualClock;
import io.deploybus.api.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotentRequestsTest {

    private static final IdempotencyKey KEY = new IdempotencyKey("key-1");

    private final ManualClock clock = new ManualClock();
    private final IdempotentRequests<String, Integer> requests =
            new IdempotentRequests<>(new IdempotencyConfiguration(3, Duration.ofHours(1)), clock);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void firstRequestRunsAndARepeatReplaysItsOutcome() {
        var first = requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet);
        var repeat = requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet);

        assertThat(first).isEqualTo(new IdempotentRequests.Outcome<>(1, false));
        assertThat(repeat).isEqualTo(new IdempotentRequests.Outcome<>(1, true));
        assertThat(runs).hasValue(1);
    }

    @Test
    void sameKeyForADifferentRequestIsRefused() {
        requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet);

        assertThatThrownBy(() -> requests.run("ci", KEY, "deploy srv-b", runs::incrementAndGet))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void keysOfDifferentClientsDoNotCollide() {
        requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet);
        var other = requests.run("bot", KEY, "deploy srv-b", runs::incrementAndGet);

        assertThat(other).isEqualTo(new IdempotentRequests.Outcome<>(2, false));
    }

    @Test
    void repeatWhileTheFirstStillRunsIsRefused() {
        requests.run("ci", KEY, "deploy srv-a", () -> {
            assertThatThrownBy(() -> requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet))
                    .isInstanceOf(IdempotencyKeyInProgressException.class);
            return runs.incrementAndGet();
        });

        assertThat(runs).hasValue(1);
    }

    @Test
    void failedRequestLeavesNoTraceSoItsRetryRuns() {
        assertThatThrownBy(() -> requests.run("ci", KEY, "deploy srv-a", () -> {
            throw new IllegalStateException("Kafka down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet).replayed()).isFalse();
    }

    @Test
    void keyIsForgottenAfterItsTtl() {
        requests.run("ci", KEY, "deploy srv-a", runs::incrementAndGet);
        clock.advance(Duration.ofHours(1).plusMillis(1));

        assertThat(requests.run("ci", KEY, "deploy srv-b", runs::incrementAndGet))
                .isEqualTo(new IdempotentRequests.Outcome<>(2, false));
    }

    @Test
    void oldestKeyIsForgottenBeyondMaxKeys() {
        for (int i = 1; i <= 4; i++) {
            requests.run("ci", new IdempotencyKey("key-" + i), "deploy", runs::incrementAndGet);
        }

        assertThat(requests.run("ci", new IdempotencyKey("key-1"), "deploy", runs::incrementAndGet).replayed()).isFalse();
        assertThat(requests.run("ci", new IdempotencyKey("key-4"), "deploy", runs::incrementAndGet).replayed()).isTrue();
    }

    @Test
    void headerIsParsedAndAbsentHeaderIsNoKey() {
        assertThat(IdempotencyKey.parse(" 3f2c-uuid ")).contains(new IdempotencyKey("3f2c-uuid"));
        assertThat(IdempotencyKey.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "ünïcödé"})
    void headerThatIsNotAKeyIsRefused(String header) {
        assertThatThrownBy(() -> IdempotencyKey.parse(header)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void overlongHeaderIsRefused() {
        assertThatThrownBy(() -> IdempotencyKey.parse("k".repeat(256))).isInstanceOf(InvalidRequestException.class);
        assertThat(IdempotencyKey.parse("k".repeat(255))).isPresent();
    }
}
