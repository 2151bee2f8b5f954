package io.deploybus.api.batch;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import io.deploybus.api.auth.ApiClient;
import io.deploybus.api.deploy.DeployView;
import io.deploybus.api.idempotency.IdempotencyKey;
import io.deploybus.api.view.TopicViews;
import io.micronaut.core.annotation.Nullable;
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

/** {@code /v1/batches}: accept a batch of deploys, look one up. */
@Controller("/v1/batches")
final class BatchController {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final BatchIntake intake;
    private final BatchView view;
    private final DeployView deploys;
    private final TopicViews views;

    BatchController(BatchIntake intake, BatchView view, DeployView deploys, TopicViews views) {
        this.intake = intake;
        this.view = view;
        this.deploys = deploys;
        this.views = views;
    }

    /** Off the event loop: it waits for Kafka's acknowledgement. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<BatchAccepted> create(@RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client,
                                       @Nullable @Header(IdempotencyKey.HEADER) String idempotencyKey,
                                       @Body BatchRequest request) {
        var key = IdempotencyKey.parse(idempotencyKey);
        var outcome = intake.submit(client.name(), key, request.toSpec());
        BatchAccepted batch = outcome.value();
        var response = HttpResponse.accepted(URI.create("/v1/batches/" + batch.id())).body(batch);
        return outcome.replayed() ? response.header(REPLAYED_HEADER, "true") : response;
    }

    /** As a deploy's lookup: the view holds all Kafka has before it says 404. */
    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    BatchResource find(String id) {
        return view.find(id).or(() -> views.awaitCurrent() ? view.find(id) : Optional.empty())
                .map(batch -> BatchResource.of(batch, deploys::statusOf))
                .orElseThrow(() -> new BatchNotFoundException(
                        PRINTABLE_ID.matcher(id).matches() ? "No batch " + id + " is known." : "No such batch is known."));
    }
}
