package io.deploybus.api.view;

import java.util.LinkedHashMap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Not ready until the views hold everything the topics held at the start, and while they are not
 * being fed: a load balancer then never sends a request to an instance that would answer 404 for a
 * deploy other instances know, or an old status. Not alive once the thread feeding them has ended
 * (an {@link Error} ends it; a failure only makes it start over), so that an orchestrator restarts
 * an instance whose views would otherwise stand still while it reports UP.
 */
@Singleton
@Readiness
final class ViewReadiness implements HealthIndicator {

    private final TopicViews views;

    ViewReadiness(TopicViews views) {
        this.views = views;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        String problem = views.problem();
        boolean up = views.caughtUp() && problem == null;
        var details = new LinkedHashMap<String, Object>();
        details.put("caughtUp", views.caughtUp());
        details.put("recordsBehind", views.behind());
        if (problem != null) {
            details.put("problem", problem);
        }
        return Publishers.just(HealthResult.builder("views", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }

    @Singleton
    @Liveness
    static final class Alive implements HealthIndicator {

        private final TopicViews views;

        Alive(TopicViews views) {
            this.views = views;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(HealthResult.builder("viewsAlive", views.alive() ? HealthStatus.UP : HealthStatus.DOWN)
                    .build());
        }
    }
}
