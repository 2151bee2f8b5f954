package io.deploybus.api.batch;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 503 with {@code Retry-After}: nothing is wrong with the request, Kafka just did not take the plan. */
@Singleton
final class BatchNotAcknowledgedExceptionHandler
        implements ExceptionHandler<BatchNotAcknowledgedException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchNotAcknowledgedExceptionHandler.class);

    private final long retryAfterSeconds;

    BatchNotAcknowledgedExceptionHandler(BatchesConfiguration configuration) {
        this.retryAfterSeconds = Math.max(1, configuration.retryAfter().toSeconds());
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, BatchNotAcknowledgedException exception) {
        LOG.warn("Batch not accepted: {}", exception.getMessage());
        return Problem.of(ProblemType.BATCH_NOT_ACCEPTED,
                        "The batch was not accepted: its plan could not be stored durably in time.")
                .withHint("Retry the same request after Retry-After seconds, with the same Idempotency-Key.")
                .toResponse()
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
