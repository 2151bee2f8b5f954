package io.deploybus.worker;

import java.time.Duration;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's poll loop on a thread of its own: runs one poll's work after another until stopped.
 * {@link #stop()} wakes the consumer out of its poll, waits for the loop to end and closes it; the
 * consumer is only ever touched by the loop's thread.
 */
public final class PollLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final String consequence;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Runnable pollOnce;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param consequence what it means for the instance when the loop dies of an error, for the log
     * @param pollOnce    one poll and its work; it may throw to end the loop
     */
    public PollLoop(String name, String consequence, KafkaConsumer<String, byte[]> consumer, Runnable pollOnce) {
        this.name = name;
        this.consequence = consequence;
        this.consumer = consumer;
        this.pollOnce = pollOnce;
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(STOP_WAIT);
    }

    private void run() {
        try {
            while (running) {
                pollOnce.run();
            }
        } catch (WakeupException e) {
            LOG.info("{} stopping", name);
        } catch (RuntimeException e) {
            LOG.error("{} failed; {}", name, consequence, e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }
}
