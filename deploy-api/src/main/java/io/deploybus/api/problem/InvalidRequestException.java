package io.deploybus.api.problem;

import java.util.List;

import io.micronaut.core.annotation.Nullable;

/** A request that deploy-api refuses to act on as sent: answered 400 with every problem found in it. */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;
    private final String hint;

    public InvalidRequestException(String detail, List<FieldProblem> problems, @Nullable String hint) {
        super(detail);
        this.problems = List.copyOf(problems);
        this.hint = hint;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Nullable
    public String hint() {
        return hint;
    }
}
