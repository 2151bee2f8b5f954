package io.deploybus.emulator;

import java.util.List;
import java.util.regex.Pattern;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The emulator's own API, for tests, demos and benchmarks; not Render's, and not behind Render's
 * key, rate limits or faults. See docs/render-emulator.md.
 */
@Controller("/_emulator")
final class ControlController {

    private final EmulatorControl control;
    private final RequestLog requests;
    private final DeployLifecycle lifecycle;
    private final FaultInjector faults;
    private final ServiceHealth health;
    private final WebhookSender webhooks;

    ControlController(EmulatorControl control, RequestLog requests, DeployLifecycle lifecycle, FaultInjector faults,
                      ServiceHealth health, WebhookSender webhooks) {
        this.control = control;
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.faults = faults;
        this.health = health;
        this.webhooks = webhooks;
    }

    /**
     * The requests {@code /v1} received, oldest first, optionally only those of one method, of a path
     * matching a regular expression, or answered with one status.
     */
    @Get("/requests")
    List<RecordedRequest> requests(@Nullable @QueryValue String method, @Nullable @QueryValue String path,
                                   @Nullable @QueryValue Integer status) {
        Pattern pattern = path == null ? null : Pattern.compile(path);
        return requests.matching(request -> (method == null || method.equalsIgnoreCase(request.method()))
                && (pattern == null || pattern.matcher(request.path()).matches())
                && (status == null || status == request.status()));
    }

    @Post("/reset")
    HttpResponse<Void> reset() {
        control.reset();
        return HttpResponse.noContent();
    }

    /** Replaces the seed (same shape as the seed file, as JSON) and resets to it. */
    @Put("/seed")
    HttpResponse<Void> seed(@Body SeedFile seed) {
        control.seed(seed);
        return HttpResponse.noContent();
    }

    @Post("/services/{serviceId}/deploy-script")
    HttpResponse<Void> script(String serviceId, @Body DeployScript script) {
        lifecycle.script(serviceId, script);
        return HttpResponse.noContent();
    }

    @Put("/services/{serviceId}/health")
    ServiceHealth.Setting setHealth(String serviceId, @Body ServiceHealth.Setting setting) {
        return health.set(serviceId, setting);
    }

    @Get("/services/{serviceId}/health")
    ServiceHealth.Setting health(String serviceId) {
        return health.setting(serviceId);
    }

    @Post("/faults")
    HttpResponse<FaultRule> addFault(@Body FaultRule rule) {
        faults.add(rule);
        return HttpResponse.created(rule);
    }

    @Get("/faults")
    List<FaultRule> faults() {
        return faults.active();
    }

    @Delete("/faults")
    HttpResponse<Void> clearFaults() {
        faults.clear();
        return HttpResponse.noContent();
    }

    @Post("/webhooks")
    HttpResponse<Void> addWebhook(@Body WebhookUrl webhook) {
        if (webhook.url() == null || !webhook.url().matches("^https?://.+")) {
            throw new InvalidRequestException("url must be an http(s) URL");
        }
        webhooks.addUrl(webhook.url());
        return HttpResponse.noContent();
    }

    @Get("/webhooks/deliveries")
    List<WebhookSender.Delivery> deliveries() {
        return webhooks.deliveries();
    }

    @Serdeable
    record WebhookUrl(@Nullable String url) {
    }
}
