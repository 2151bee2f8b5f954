package io.deploybus.api.problem;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Turns the errors Micronaut answers by itself (no such route, method not allowed, a body that is
 * not JSON or not of the expected shape, an unexpected exception) into problem details, so that
 * every error of the API has the same shape. Being an {@link ErrorResponseProcessor} bean, it
 * replaces Micronaut's default JSON and HTML error bodies.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    /** Micronaut's wording of a body it could not bind, which names Java arguments. */
    private static final Pattern ARGUMENT_PREFIX = Pattern.compile("Failed to convert argument \\[\\w+] for value \\[.*?] due to: ");
    private static final Pattern MISSING_BODY = Pattern.compile("Required Body \\[\\w+] not specified");
    /** Jackson's location suffix, reduced to what helps a client find the spot. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*\\n at \\[Source: .*?; line: (\\d+), column: (\\d+)]");

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        var problemResponse = (MutableHttpResponse<Problem>) response;
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return problemResponse;
        }
        return problemResponse.body(problemOf(context, response.code()))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
    }

    private static Problem problemOf(ErrorContext context, int status) {
        if (status >= 500) {
            // The exception's message is for the log (Micronaut logs it), not for the client.
            return Problem.of(ProblemType.INTERNAL_ERROR, "deploy-api could not handle the request; the error is logged.");
        }
        String detail = detailOf(context, status);
        return ProblemType.genericFor(status)
                .map(type -> Problem.of(type, detail))
                .orElseGet(() -> new Problem(Problem.ABOUT_BLANK, reasonPhrase(status), status, detail, List.of(), null))
                .withHint(hintFor(status));
    }

    private static String detailOf(ErrorContext context, int status) {
        HttpRequest<?> request = context.getRequest();
        if (status == HttpStatus.NOT_FOUND.getCode()) {
            return "No resource answers " + request.getMethod() + " " + request.getPath() + ".";
        }
        return context.getErrors().stream().map(Error::getMessage).filter(Objects::nonNull)
                .map(ProblemErrorResponseProcessor::clientWording)
                .distinct()
                .collect(Collectors.joining("; "));
    }

    static String clientWording(String micronautMessage) {
        String message = ARGUMENT_PREFIX.matcher(micronautMessage).replaceFirst("The body is not a valid request: ");
        message = MISSING_BODY.matcher(message).replaceFirst("The request needs a JSON body.");
        return SOURCE_LOCATION.matcher(message).replaceAll(" (line $1, column $2)").strip();
    }

    private static String hintFor(int status) {
        return switch (status) {
            case 400 -> "Send a JSON object as the body; the members are described in docs/deploy-api.md.";
            case 404 -> "The API lives under /v1; check the path.";
            case 415 -> "Send the body as JSON, with the header Content-Type: application/json.";
            default -> null;
        };
    }

    private static String reasonPhrase(int status) {
        try {
            return HttpStatus.valueOf(status).getReason();
        } catch (IllegalArgumentException unknownStatus) {
            return "HTTP " + status;
        }
    }
}
