package io.deploybus.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/**
 * Every service's metrics in the Prometheus text format at {@code /metrics}, where scrapers look
 * by default. (Micronaut's own endpoint would serve them at {@code /prometheus}.)
 */
@Controller("/metrics")
class PrometheusController {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    PrometheusController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get
    @Produces(PROMETHEUS_TEXT)
    String scrape() {
        return registry.scrape();
    }
}
