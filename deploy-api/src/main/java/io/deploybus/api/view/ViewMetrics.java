package io.deploybus.api.view;

import io.deploybus.api.batch.BatchView;
import io.deploybus.api.deploy.DeployView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * The views on {@code /metrics}: how much they hold (heap grows with it, about 1.7 KB a deploy) and
 * how far behind the topics they still are at start-up.
 */
@Context
final class ViewMetrics {

    ViewMetrics(MeterRegistry meters, TopicViews views, DeployView deploys, BatchView batches) {
        Gauge.builder("deploybus.api.views.deploys", deploys, DeployView::count)
                .description("Deploys in this instance's view").register(meters);
        Gauge.builder("deploybus.api.views.batches", batches, BatchView::count)
                .description("Batches in this instance's view").register(meters);
        Gauge.builder("deploybus.api.views.records.behind", views, TopicViews::behind)
                .description("Records the views still have to read to reach the topics' ends as of the start")
                .register(meters);
    }
}
