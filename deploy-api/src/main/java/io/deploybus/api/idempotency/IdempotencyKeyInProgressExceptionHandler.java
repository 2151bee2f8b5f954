package io.deploybus.api.idempotency;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class IdempotencyKeyInProgressExceptionHandler
        implements ExceptionHandler<IdempotencyKeyInProgressException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IdempotencyKeyInProgressException exception) {
        return Problem.of(ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS, exception.getMessage())
                .withHint("Retry the same request with the same Idempotency-Key in a moment.")
                .toResponse()
                .header(HttpHeaders.RETRY_AFTER, "1");
    }
}
