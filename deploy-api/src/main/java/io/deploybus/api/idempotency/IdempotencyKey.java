package io.deploybus.api.idempotency;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;

/**
 * The value of an {@code Idempotency-Key} header (draft-ietf-httpapi-idempotency-key-header):
 * 1 to 255 printable ASCII characters, such as a UUID.
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{0,254}");

    /**
     * The key a request sent, or empty when it sent none.
     *
     * @throws InvalidRequestException when the header is there but not a valid key
     */
    public static Optional<IdempotencyKey> parse(@Nullable String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (!VALID.matcher(value).matches()) {
            throw new InvalidRequestException("The Idempotency-Key header is not a valid key.",
                    List.of(FieldProblem.header(HEADER, "must be 1 to 255 printable ASCII characters")),
                    "Use a fresh UUID for every distinct request, and the same one when you retry it.");
        }
        return Optional.of(new IdempotencyKey(value));
    }
}
