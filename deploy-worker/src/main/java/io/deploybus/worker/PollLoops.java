package io.deploybus.worker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.deploybus.service.Backoff;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Makes the worker's poll loops, all with the same backoff and failure budget
 * ({@code deploybus.worker.loop-*}), and knows them, so that health can ask how they are.
 */
@Singleton
public class PollLoops {

    private final List<PollLoop> loops = new CopyOnWriteArrayList<>();
    private final Backoff backoff;
    private final int failureBudget;

    PollLoops(WorkerConfiguration configuration) {
        this.backoff = new Backoff(configuration.retryInitial(), configuration.retryMax());
        this.failureBudget = configuration.loopFailureBudget();
    }

    /** A new, not yet started loop; see {@link PollLoop#PollLoop} for the arguments. */
    public PollLoop create(String name, String consequence, Supplier<? extends Consumer<String, byte[]>> connect,
                           Runnable pollOnce) {
        var loop = new PollLoop(name, consequence, connect, pollOnce, backoff, failureBudget);
        loops.add(loop);
        return loop;
    }

    List<PollLoop> all() {
        return List.copyOf(loops);
    }
}
