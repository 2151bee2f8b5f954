package io.deploybus.emulator;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class RenderErrorExceptionHandler implements ExceptionHandler<RenderErrorException, HttpResponse<RenderError>> {

    @Override
    public HttpResponse<RenderError> handle(HttpRequest request, RenderErrorException exception) {
        return HttpResponse.<RenderError>status(exception.status())
                .body(new RenderError(exception.errorId(), exception.getMessage()));
    }
}
