package io.deploybus.api.deploy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import io.deploybus.api.auth.ApiClient;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.view.TopicViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /v1/deploys}: accept a deploy, list deploys, look one up. */
@Controller("/v1/deploys")
final class DeployController {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,90}");

    private final DeployIntake intake;
    private final DeployView view;
    private final TopicViews views;
    private final Clock clock;

    DeployController(DeployIntake intake, DeployView view, TopicViews views, Clock clock) {
        this.intake = intake;
        this.view = view;
        this.views = views;
        this.clock = clock;
    }

    /** Off the event loop: it waits for Kafka's acknowledgement. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<DeployAccepted> create(@RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client,
                                        @Nullable @Header(IdempotencyKey.HEADER) String idempotencyKey,
                                        @Body DeployRequest request) {
        var key = IdempotencyKey.parse(idempotencyKey);
        var outcome = intake.submit(client.name(), key, request.toSpec());
        DeployAccepted deploy = outcome.value();
        var response = HttpResponse.accepted(URI.create("/v1/deploys/" + deploy.id())).body(deploy);
        return outcome.replayed() ? response.header(REPLAYED_HEADER, "true") : response;
    }

    /** Deploys, newest first, filtered and a page at a time; see {@link DeployQuery} for the parameters. */
    @Get
    DeploySummaryResource.Page list(HttpRequest<?> request) {
        return DeploySummaryResource.Page.of(view.list(DeployQuery.parse(request.getParameters().asMap())));
    }

    /** How deploys went in the last {@code window}; a literal path, so it takes precedence over {@code /{id}}. */
    @Get("/stats")
    DeployStatsResource stats(HttpRequest<?> request) {
        StatsQuery query = StatsQuery.parse(request.getParameters().asMap());
        Instant now = clock.instant();
        DeployStats stats = DeployStats.of(view.runs(query.serviceId()), now.minus(query.window()), now);
        String window = request.getParameters().getFirst("window").orElse("24h").strip();
        return DeployStatsResource.of(window, query, now, stats);
    }

    /**
     * Before it says 404, it makes sure the view holds all Kafka has, so that a deploy accepted a
     * moment ago by another instance is found; off the event loop, as that may wait.
     */
    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    DeployResource find(String id) {
        return view.find(id).or(() -> views.awaitCurrent() ? view.find(id) : Optional.empty())
                .map(DeployResource::of).orElseThrow(() -> new DeployNotFoundException(
                PRINTABLE_ID.matcher(id).matches() ? "No deploy " + id + " is known." : "No such deploy is known."));
    }
}
