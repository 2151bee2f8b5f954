package io.deploybus.api.idempotency;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class IdempotencyKeyReusedExceptionHandler
        implements ExceptionHandler<IdempotencyKeyReusedException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, IdempotencyKeyReusedException exception) {
        return Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, exception.getMessage())
                .withHint("Use a new Idempotency-Key for a new request; reuse a key only to retry the very same request.")
                .toResponse();
    }
}
