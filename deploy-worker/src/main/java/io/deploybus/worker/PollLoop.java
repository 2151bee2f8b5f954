package io.deploybus.worker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.deploybus.service.Backoff;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's poll loop on a thread of its own, which outlives what Kafka and the work throw at it.
 *
 * <p>A failed poll closes the consumer (its partitions, and the lanes or batches on them, are given
 * up and will be restored from Kafka), waits out a {@link Backoff}, and starts over with a new
 * consumer; the loop is {@link State#RECOVERING} meanwhile. A {@linkplain Faults#isFatal fatal}
 * failure, or more failures in a row than the budget allows, ends it {@link State#FAILED}: the
 * instance can no longer do this work, and its liveness says so. The consumer is only ever touched
 * by the loop's thread.
 */
public final class PollLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** Where a loop is; {@link PollLoops} turns it into readiness and liveness. */
    public enum State {
        STARTING, RUNNING, RECOVERING, FAILED, STOPPED;

        boolean canWork() {
            return this == RUNNING;
        }

        boolean hasGivenUp() {
            return this == FAILED;
        }
    }

    private final String name;
    private final String consequence;
    private final Supplier<? extends Consumer<String, byte[]>> connect;
    private final Runnable pollOnce;
    private final Backoff backoff;
    private final int failureBudget;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Consumer<String, byte[]> consumer;
    private volatile State state = State.STARTING;
    private volatile String lastFailure;

    /**
     * @param consequence   what it means for the instance when the loop gives up, for the log and health
     * @param connect       makes a consumer and subscribes it; called on the loop's thread, again after each failure
     * @param pollOnce      one poll and its work, on the consumer {@code connect} made last
     * @param failureBudget how many failures in a row the loop outlives before it gives up
     */
    PollLoop(String name, String consequence, Supplier<? extends Consumer<String, byte[]>> connect, Runnable pollOnce,
             Backoff backoff, int failureBudget) {
        this.name = name;
        this.consequence = consequence;
        this.connect = connect;
        this.pollOnce = pollOnce;
        this.backoff = backoff;
        this.failureBudget = failureBudget;
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public void stop() throws InterruptedException {
        stopped.countDown();
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(STOP_WAIT);
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** Why the loop is not running, for health details; null while it runs. */
    public String problem() {
        return switch (state) {
            case RUNNING, STOPPED -> null;
            case STARTING -> "starting";
            case RECOVERING -> "recovering from: " + lastFailure;
            case FAILED -> "gave up (" + consequence + ") after: " + lastFailure;
        };
    }

    private boolean isStopping() {
        return stopped.getCount() == 0;
    }

    private void run() {
        int failures = 0;
        while (!isStopping()) {
            try {
                consumer = connect.get();
                while (!isStopping()) {
                    pollOnce.run();
                    failures = 0;
                    state = State.RUNNING;
                }
            } catch (WakeupException | InterruptException e) {
                if (isStopping()) {
                    break;
                }
                failures = failed(e, failures);
            } catch (RuntimeException | Error e) {
                failures = failed(e, failures);
            } finally {
                close();
            }
            if (state == State.FAILED || !pauseBefore(failures)) {
                break;
            }
        }
        if (state != State.FAILED) {
            state = State.STOPPED;
            LOG.info("{} stopped", name);
        }
    }

    private int failed(Throwable failure, int failuresBefore) {
        int failures = failuresBefore + 1;
        lastFailure = failure.toString();
        if (Faults.isFatal(failure) || failures > failureBudget) {
            state = State.FAILED;
            LOG.error("{} gave up after {} failure(s) in a row; {}", name, failures, consequence, failure);
        } else {
            state = State.RECOVERING;
            LOG.warn("{} failed ({} of {} in a row allowed), starting over with a new consumer in {}: {}", name,
                    failures, failureBudget, backoff.after(failures), failure.toString());
        }
        return failures;
    }

    /** Waits out the backoff; false when stopped meanwhile. */
    private boolean pauseBefore(int failures) {
        try {
            return !stopped.await(backoff.after(failures).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void close() {
        Consumer<String, byte[]> current = consumer;
        consumer = null;
        if (current == null) {
            return;
        }
        try {
            current.close(CLOSE_WAIT);
        } catch (RuntimeException e) {
            LOG.warn("{}: closing its consumer failed: {}", name, e.toString());
        }
    }
}
