package io.deploybus.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing wrong with one part of a request, as in RFC 9457's example of an {@code errors}
 * extension: a JSON pointer into the body, the name of a header or of a query (or path) parameter,
 * and what is wrong with it.
 *
 * @param pointer   a JSON pointer (RFC 6901, as a URI fragment) to the body member, e.g. {@code #/serviceId}
 * @param header    the name of the offending header, when the problem is not in the body
 * @param parameter the name of the offending parameter of the query or the path, e.g. {@code limit}
 * @param detail    what is wrong, in words
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(@Nullable String pointer, @Nullable String header, @Nullable String parameter, String detail) {

    /** A problem with a member of the JSON body. */
    public static FieldProblem body(String member, String detail) {
        return new FieldProblem("#/" + member, null, null, detail);
    }

    /**
     * The same problem, of a request nested in the body at {@code member}: {@code #/commitId} under
     * {@code steps/1/deploy} is {@code #/steps/1/deploy/commitId}. A header problem stays as it is.
     */
    public FieldProblem under(String member) {
        return pointer == null ? this : new FieldProblem("#/" + member + pointer.substring(1), null, null, detail);
    }

    /** A problem with a request header. */
    public static FieldProblem header(String name, String detail) {
        return new FieldProblem(null, name, null, detail);
    }

    /** A problem with a query parameter, or a parameter in the path. */
    public static FieldProblem parameter(String name, String detail) {
        return new FieldProblem(null, null, name, detail);
    }
}
