package io.deploybus.api.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    private static final TopicPartition EVENTS_0 = new TopicPartition("deploy.events", 0);
    private static final TopicPartition EVENTS_1 = new TopicPartition("deploy.events", 1);

    private final CatchUp catchUp = new CatchUp();

    @Test
    void viewsHaveCaughtUpOnlyOnceEveryPartitionIsReadToItsEndAsOfTheStart() {
        assertThat(catchUp.caughtUp()).as("before the ends are known").isFalse();
        catchUp.target(Map.of(EVENTS_0, 5L, EVENTS_1, 0L));

        catchUp.advance(EVENTS_0, 4);
        assertThat(catchUp.caughtUp()).isFalse();
        assertThat(catchUp.behind()).isEqualTo(1);

        catchUp.advance(EVENTS_0, 5);
        assertThat(catchUp.caughtUp()).isTrue();
    }

    @Test
    void aReconnectDoesNotMoveTheGoalNorTheViewsBack() {
        catchUp.target(Map.of(EVENTS_0, 5L));
        catchUp.advance(EVENTS_0, 3);

        catchUp.target(Map.of(EVENTS_0, 500L));
        catchUp.advance(EVENTS_0, 1);

        assertThat(catchUp.position(EVENTS_0)).isEqualTo(3);
        assertThat(catchUp.behind()).isEqualTo(2);
    }

    @Test
    void awaitingARecordReturnsOnceItIsReadAndGivesUpAfterTheTimeout() throws Exception {
        catchUp.target(Map.of(EVENTS_0, 0L));
        assertThat(catchUp.awaitPast(EVENTS_0, 7, Duration.ofMillis(20))).isFalse();

        var waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return catchUp.awaitPast(EVENTS_0, 7, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        catchUp.advance(EVENTS_0, 7);
        assertThat(waiting).isNotDone();
        catchUp.advance(EVENTS_0, 8);

        assertThat(waiting.get()).isTrue();
    }

    @Test
    void aSyncIsDoneOnceTheReaderTookTheEndsAndTheViewsReadThatFar() throws Exception {
        catchUp.target(Map.of(EVENTS_0, 0L));
        long ticket = catchUp.askSync();
        assertThat(catchUp.pendingSync()).isEqualTo(ticket);
        assertThat(catchUp.awaitSynced(ticket, Duration.ofMillis(20))).as("ends not taken yet").isFalse();

        catchUp.synced(ticket, Map.of(EVENTS_0, 3L, EVENTS_1, 0L));
        assertThat(catchUp.pendingSync()).isZero();
        assertThat(catchUp.awaitSynced(ticket, Duration.ofMillis(20))).as("not read that far yet").isFalse();

        catchUp.advance(EVENTS_0, 3);
        assertThat(catchUp.awaitSynced(ticket, Duration.ofMillis(20))).isTrue();
    }
}
