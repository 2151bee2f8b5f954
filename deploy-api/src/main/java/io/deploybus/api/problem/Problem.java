package io.deploybus.api.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details document, the body of every error deploy-api answers.
 *
 * @param type   a stable URI naming the kind of problem (see {@link ProblemType}), or {@code about:blank}
 * @param title  a short summary of the kind of problem, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong with this request, in words
 * @param errors extension: the parts of the request that were wrong, when there are several
 * @param hint   extension: how to fix the request, when there is something to say
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        @Nullable String detail,
        List<FieldProblem> errors,
        @Nullable String hint) {

    static final URI ABOUT_BLANK = URI.create("about:blank");

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status().getCode(), detail, List.of(), null);
    }

    public Problem withErrors(List<FieldProblem> fieldProblems) {
        return new Problem(type, title, status, detail, fieldProblems, hint);
    }

    public Problem withHint(@Nullable String howToFix) {
        return new Problem(type, title, status, detail, errors, howToFix);
    }

    /** The response that carries this problem, with its status and {@code application/problem+json}. */
    public MutableHttpResponse<Problem> toResponse() {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(this);
    }
}
