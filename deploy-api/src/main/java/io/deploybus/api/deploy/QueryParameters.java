package io.deploybus.api.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;

/**
 * The query parameters of a {@code GET}, read and checked: it collects what is wrong with each
 * instead of stopping at the first, so that a 400 names every parameter at fault, and it quotes a
 * value back only when the value is plain.
 */
final class QueryParameters {

    /** What may be quoted back in a problem: anything else is described, not echoed. */
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9_.:+-]{1,40}");

    private final Map<String, List<String>> parameters;
    private final List<FieldProblem> problems = new ArrayList<>();

    QueryParameters(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** Each parameter not among {@code known} is a problem. */
    QueryParameters knowing(Set<String> known) {
        parameters.keySet().stream().filter(name -> !known.contains(name)).sorted()
                .forEach(name -> problem(QUOTABLE.matcher(name).matches() ? name : "(unnamed)",
                        "is not a parameter of this query; known: " + String.join(", ", new TreeSet<>(known))));
        return this;
    }

    /** The value of a parameter given at most once, as {@code parse} makes it; null when absent or refused. */
    @Nullable
    <T> T single(String name, Function<String, T> parse) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            problem(name, "is given " + values.size() + " times; give it once");
            return null;
        }
        return parsed(name, values.getFirst().strip(), parse);
    }

    /** Every value of a repeatable parameter, each of which may itself be a comma-separated list. */
    List<String> values(String name) {
        return parameters.getOrDefault(name, List.of()).stream()
                .flatMap(value -> Arrays.stream(value.split(",", -1))).map(String::strip).toList();
    }

    /** Every value of a repeatable parameter as given. */
    List<String> all(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    @Nullable
    <T> T parsed(String name, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (Refused refused) {
            problem(name, refused.getMessage());
            return null;
        }
    }

    void problem(String name, String detail) {
        problems.add(FieldProblem.parameter(name, detail));
    }

    /** @throws InvalidRequestException naming every parameter at fault, if any is */
    void check(String hint) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("The query has " + (problems.size() == 1 ? "an invalid parameter."
                    : problems.size() + " invalid parameters."), problems, hint);
        }
    }

    static String quoted(String value) {
        return QUOTABLE.matcher(value).matches() ? "'" + value + "'" : "a value";
    }

    /** A parameter value refused, with what is wrong with it; the parameters turn it into a problem. */
    static final class Refused extends RuntimeException {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }
}
