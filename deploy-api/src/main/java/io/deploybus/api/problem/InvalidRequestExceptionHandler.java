package io.deploybus.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class InvalidRequestExceptionHandler implements ExceptionHandler<InvalidRequestException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidRequestException exception) {
        return Problem.of(ProblemType.INVALID_REQUEST, exception.getMessage())
                .withErrors(exception.problems())
                .withHint(exception.hint())
                .toResponse();
    }
}
