package io.deploybus.api.deploy;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class DeployNotFoundExceptionHandler implements ExceptionHandler<DeployNotFoundException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DeployNotFoundException exception) {
        return Problem.of(ProblemType.DEPLOY_NOT_FOUND, exception.getMessage())
                .withHint("Use the id from the Location header of the 202 that accepted the deploy.")
                .toResponse();
    }
}
