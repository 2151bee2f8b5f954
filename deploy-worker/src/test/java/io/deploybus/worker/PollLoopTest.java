package io.deploybus.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.deploybus.render.RenderServerException;
import io.deploybus.service.Backoff;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollLoopTest {

    private static final Backoff QUICK = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private static final Duration SOON = Duration.ofSeconds(5);

    private final List<MockConsumer<String, byte[]>> consumers = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private PollLoop loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void aLoopThatPollsIsRunning() {
        loop = start(() -> polls.incrementAndGet(), 3);

        await().atMost(SOON).until(() -> polls.get() > 3);
        assertThat(loop.state()).isEqualTo(PollLoop.State.RUNNING);
        assertThat(loop.problem()).isNull();
        assertThat(consumers).hasSize(1);
    }

    @Test
    void transientFailuresCloseTheConsumerAndTheLoopGoesOnWithANewOne() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        loop = start(() -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new TimeoutException("Timeout of 60000ms expired before successfully committing offsets");
            }
            polls.incrementAndGet();
        }, 3);

        await().atMost(SOON).until(() -> polls.get() > 0);
        assertThat(loop.state()).isEqualTo(PollLoop.State.RUNNING);
        assertThat(consumers).hasSize(3);
        assertThat(consumers.subList(0, 2)).allMatch(MockConsumer::closed);
        assertThat(consumers.get(2).closed()).isFalse();
    }

    @Test
    void aLoopRecoveringFromAFailureSaysWhy() {
        loop = start(() -> {
            throw new RenderServerException(503, "Render answered 503", null, null);
        }, 1_000);

        await().atMost(SOON).until(() -> consumers.size() > 1);
        assertThat(loop.state()).isEqualTo(PollLoop.State.RECOVERING);
        assertThat(loop.problem()).contains("Render answered 503");
    }

    @Test
    void aLoopGivesUpOnceItsFailureBudgetIsSpent() {
        loop = start(() -> {
            throw new IllegalStateException("a bug");
        }, 3);

        await().atMost(SOON).until(() -> loop.state() == PollLoop.State.FAILED);
        assertThat(consumers).hasSize(4).allMatch(MockConsumer::closed);
        assertThat(loop.problem()).startsWith("gave up (nothing works) after").contains("a bug");
    }

    @Test
    void aFatalFailureEndsTheLoopAtOnce() {
        loop = start(() -> {
            throw new SaslAuthenticationException("Authentication failed: Invalid username or password");
        }, 100);

        await().atMost(SOON).until(() -> loop.state() == PollLoop.State.FAILED);
        assertThat(consumers).hasSize(1);
    }

    @Test
    void stoppingALoopClosesItsConsumer() throws InterruptedException {
        loop = start(() -> polls.incrementAndGet(), 3);
        await().atMost(SOON).until(() -> polls.get() > 0);

        loop.stop();

        assertThat(loop.state()).isEqualTo(PollLoop.State.STOPPED);
        assertThat(consumers).singleElement().matches(MockConsumer::closed);
    }

    private PollLoop start(Runnable pollOnce, int failureBudget) {
        var started = new PollLoop("test-loop", "nothing works", () -> {
            var consumer = new MockConsumer<String, byte[]>(OffsetResetStrategy.EARLIEST);
            consumers.add(consumer);
            return consumer;
        }, () -> {
            pollOnce.run();
            Thread.onSpinWait();
        }, QUICK, failureBudget);
        started.start();
        return started;
    }
}
