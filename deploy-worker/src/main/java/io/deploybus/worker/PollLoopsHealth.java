package io.deploybus.worker;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The poll loops in the worker's health: not ready while any loop cannot take work (starting,
 * recovering from a fault), not alive once any has given up, so an orchestrator restarts it. A
 * worker whose intake died would otherwise report UP and take no more commands.
 */
final class PollLoopsHealth {

    private PollLoopsHealth() {
    }

    static HealthResult of(String name, List<PollLoop> loops, Predicate<PollLoop> healthy) {
        Map<String, String> details = loops.stream().collect(Collectors.toMap(PollLoop::name,
                loop -> loop.problem() == null ? loop.state().name() : loop.state() + ": " + loop.problem()));
        boolean up = loops.stream().allMatch(healthy);
        return HealthResult.builder(name, up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }

    /** Ready when every loop runs. */
    @Singleton
    @Readiness
    static class Ready implements HealthIndicator {
        private final PollLoops loops;

        Ready(PollLoops loops) {
            this.loops = loops;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(of("pollLoops", loops.all(), loop -> loop.state().canWork()));
        }
    }

    /** Alive while no loop has given up. */
    @Singleton
    @Liveness
    static class Alive implements HealthIndicator {
        private final PollLoops loops;

        Alive(PollLoops loops) {
            this.loops = loops;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(of("pollLoopsAlive", loops.all(), loop -> !loop.state().hasGivenUp()));
        }
    }
}
