package io.deploybus.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import reactor.core.publisher.Mono;

/**
 * The emulated web services themselves, as far as a health monitor sees them:
 * {@code GET /apps/{serviceId}{healthCheckPath}} answers as {@link ServiceHealth} says. Other paths
 * of a service are 404, as an app without such a route would answer.
 */
@Controller("/apps/{serviceId}")
final class AppHealthController {

    private final ServiceCatalog catalog;
    private final ServiceHealth health;
    private final DeployLifecycle lifecycle;

    AppHealthController(ServiceCatalog catalog, ServiceHealth health, DeployLifecycle lifecycle) {
        this.catalog = catalog;
        this.health = health;
        this.lifecycle = lifecycle;
    }

    @Get
    Mono<MutableHttpResponse<Map<String, Object>>> root(String serviceId) {
        return probe(serviceId, "");
    }

    @Get("/{+path}")
    Mono<MutableHttpResponse<Map<String, Object>>> probe(String serviceId, @Nullable String path) {
        EmulatedService service = catalog.service(serviceId);
        String requested = "/" + (path == null ? "" : path);
        if (!requested.equals(service.healthCheckPath())) {
            return Mono.just(HttpResponse.<Map<String, Object>>status(HttpStatus.NOT_FOUND).body(Map.of("status", "no such path")));
        }
        boolean deployFailing = lifecycle.inProgress(serviceId).map(Deploy::unhealthyWhileRunning).orElse(false);
        ServiceHealth.Answer answer = health.probe(service, deployFailing);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service.name());
        body.put("status", answer.status() == 200 ? "ok" : "failing");
        var response = Mono.just(HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(answer.status())).body(body));
        return answer.delay().isZero() ? response : Mono.delay(answer.delay()).then(response);
    }
}
