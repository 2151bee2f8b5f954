package io.deploybus.api.deploy;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 503 with {@code Retry-After}: nothing is wrong with the request, Kafka just did not take it. */
@Singleton
final class CommandNotAcknowledgedExceptionHandler
        implements ExceptionHandler<CommandNotAcknowledgedException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(CommandNotAcknowledgedExceptionHandler.class);

    private final long retryAfterSeconds;

    CommandNotAcknowledgedExceptionHandler(DeploysConfiguration configuration) {
        this.retryAfterSeconds = Math.max(1, configuration.retryAfter().toSeconds());
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, CommandNotAcknowledgedException exception) {
        LOG.warn("Deploy not accepted: {}", exception.getMessage());
        return Problem.of(ProblemType.DEPLOY_NOT_ACCEPTED,
                        "The deploy was not accepted: its command could not be stored durably in time.")
                .withHint("Retry the same request after Retry-After seconds, with the same Idempotency-Key.")
                .toResponse()
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
