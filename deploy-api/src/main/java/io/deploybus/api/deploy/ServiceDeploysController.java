package io.deploybus.api.deploy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code /v1/services/{serviceId}/deploys}: a service's deploy in flight, its queue and its history. */
@Controller("/v1/services/{serviceId}/deploys")
final class ServiceDeploysController {

    private final DeployView view;

    ServiceDeploysController(DeployView view) {
        this.view = view;
    }

    /** The history takes the parameters of {@code GET /v1/deploys} but {@code serviceId}. */
    @Get
    DeploySummaryResource.ServiceDeploys find(String serviceId, HttpRequest<?> request) {
        DeployQuery history = DeployQuery.ofService(serviceId, request.getParameters().asMap());
        return DeploySummaryResource.ServiceDeploys.of(serviceId, view.lineOf(serviceId), view.list(history));
    }
}
