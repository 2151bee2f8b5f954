package io.deploybus.api.auth;

import io.deploybus.api.problem.Problem;
import io.deploybus.api.problem.ProblemType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 401 with the RFC 6750 challenge: {@code error="invalid_token"} only when a key was sent. */
@Singleton
final class UnauthenticatedExceptionHandler implements ExceptionHandler<UnauthenticatedException, HttpResponse<Problem>> {

    private static final String CHALLENGE = "Bearer realm=\"deploybus\"";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, UnauthenticatedException exception) {
        String challenge = exception.keyPresented() ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE;
        return Problem.of(ProblemType.UNAUTHORIZED, exception.getMessage())
                .withHint("Send the header Authorization: Bearer <your API key>.")
                .toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
}
