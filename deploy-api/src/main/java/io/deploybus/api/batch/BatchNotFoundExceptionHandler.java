package io.deploybus.api.batch;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class BatchNotFoundExceptionHandler implements ExceptionHandler<BatchNotFoundException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, BatchNotFoundException exception) {
        return Problem.of(ProblemType.BATCH_NOT_FOUND, exception.getMessage())
                .withHint("Use the id from the Location header of the 202 that accepted the batch.")
                .toResponse();
    }
}
