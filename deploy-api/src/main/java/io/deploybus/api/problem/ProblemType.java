package io.deploybus.api.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import io.micronaut.http.HttpStatus;

/**
 * The kinds of problem deploy-api reports, each with a stable {@code type} URI that clients can
 * switch on. A URI, once published, never changes meaning.
 */
public enum ProblemType {
    // Generic: also what Micronaut's own errors of that status become.
    INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST, true),
    UNAUTHORIZED("unauthorized", "Missing or invalid API key", HttpStatus.UNAUTHORIZED, true),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND, true),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED, true),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE, true),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, true),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, true),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR, true),

    // Specific to one condition of the API.
    DEPLOY_NOT_FOUND("deploy-not-found", "Deploy not found", HttpStatus.NOT_FOUND, false),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused for a different request", HttpStatus.UNPROCESSABLE_ENTITY, false),
    DEPLOY_NOT_ACCEPTED("deploy-not-accepted", "Deploy not accepted, try again", HttpStatus.SERVICE_UNAVAILABLE, false),
    BATCH_NOT_FOUND("batch-not-found", "Batch not found", HttpStatus.NOT_FOUND, false),
    BATCH_NOT_ACCEPTED("batch-not-accepted", "Batch not accepted, try again", HttpStatus.SERVICE_UNAVAILABLE, false);

    /** Where the problem types are documented; every type URI starts with it. */
    public static final String BASE = "https://deploybus.dev/problems/";

    private final URI uri;
    private final String title;
    private final HttpStatus status;
    private final boolean generic;

    ProblemType(String slug, String title, HttpStatus status, boolean generic) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
        this.generic = generic;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /**
     * The generic type of a status that Micronaut itself answers (an unknown route, a body that is
     * not JSON, ...); empty for statuses without one, which are reported as {@code about:blank}.
     */
    static Optional<ProblemType> genericFor(int status) {
        return Arrays.stream(values())
                .filter(type -> type.generic && type.status.getCode() == status)
                .findFirst();
    }
}
