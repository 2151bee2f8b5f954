package io.deploybus.emulator;

import java.util.Locale;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The errors Micronaut itself answers (no such route, a query value of the wrong type, a body that
 * is not JSON) in Render's error body rather than Micronaut's, so that clients parse one shape.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class RenderErrorResponseProcessor implements ErrorResponseProcessor<RenderError> {

    @Override
    public MutableHttpResponse<RenderError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        String message = context.getErrors().stream().map(Error::getMessage).findFirst()
                .orElse(response.reason());
        String id = response.status().name().toLowerCase(Locale.ROOT);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(new RenderError(id, message));
    }
}
