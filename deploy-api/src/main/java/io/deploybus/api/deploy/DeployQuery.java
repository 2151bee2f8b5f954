package io.deploybus.api.deploy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.schemas.avro.DeployStatus;
import io.micronaut.core.annotation.Nullable;

/**
 * A validated query of deploys: which to list, newest first, and which page.
 *
 * @param statuses empty for any status
 * @param labels   every one of them must be among the deploy's labels
 * @param since    accepted at or after it
 * @param until    accepted before it
 * @param after    where the previous page ended, or null for the first page
 */
record DeployQuery(
        @Nullable String serviceId,
        Set<DeployStatus> statuses,
        @Nullable String batchId,
        Map<String, String> labels,
        @Nullable Instant since,
        @Nullable Instant until,
        int limit,
        @Nullable Cursor after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /**
     * The statuses of a deploy in progress, which {@code status=active} stands for. Named one by one,
     * not by the enum's order: a reorder of the Avro symbols is a compatible change.
     */
    static final Set<DeployStatus> ACTIVE = Set.copyOf(EnumSet.of(DeployStatus.QUEUED, DeployStatus.VALIDATING,
            DeployStatus.CONFIGURING, DeployStatus.DEPLOYING, DeployStatus.ROLLING_BACK));

    private static final Set<String> SINGLE = Set.of("serviceId", "batchId", "since", "until", "limit", "cursor");
    private static final Set<String> REPEATABLE = Set.of("status", "label");
    private static final Pattern BATCH_ID = Pattern.compile("bat-[0-9a-z]{26}");
    /** What may be quoted back in a problem: anything else is described, not echoed. */
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9_.:+-]{1,40}");
    private static final String HINT = "The parameters of GET /v1/deploys are described in docs/deploy-api.md.";

    DeployQuery {
        statuses = Set.copyOf(statuses);
        labels = Map.copyOf(labels);
    }

    /** The deploys of one service: the service is in the path, so {@code serviceId} is no parameter. */
    static DeployQuery ofService(String serviceId, Map<String, List<String>> parameters) {
        var problems = new ArrayList<FieldProblem>();
        if (!DeployRequest.SERVICE_ID.matcher(serviceId).matches()) {
            problems.add(FieldProblem.parameter("serviceId",
                    "must be a Render service id: 'srv-' followed by lowercase letters and digits"));
        }
        if (parameters.containsKey("serviceId")) {
            problems.add(FieldProblem.parameter("serviceId", "is in the path already, not a query parameter here"));
        }
        var rest = new HashMap<>(parameters);
        rest.remove("serviceId");
        DeployQuery query = parse(rest, problems);
        return new DeployQuery(serviceId, query.statuses, query.batchId, query.labels, query.since, query.until,
                query.limit, query.after);
    }

    /**
     * @param parameters the query parameters, each with every value it was given
     * @throws InvalidRequestException naming every parameter at fault
     */
    static DeployQuery parse(Map<String, List<String>> parameters) {
        return parse(parameters, new ArrayList<>());
    }

    private static DeployQuery parse(Map<String, List<String>> parameters, List<FieldProblem> problems) {
        var reader = new Reader(parameters, problems);
        reader.refuseUnknown();
        var query = new DeployQuery(
                reader.single("serviceId", DeployQuery::serviceId),
                reader.statuses(),
                reader.single("batchId", DeployQuery::batchId),
                reader.labels(),
                reader.single("since", value -> time("since", value)),
                reader.single("until", value -> time("until", value)),
                orDefault(reader.single("limit", DeployQuery::limit), DEFAULT_LIMIT),
                reader.single("cursor", value -> Cursor.decode(value).orElseThrow(
                        () -> new Refused("is not a cursor this API gave out; pass the nextCursor of a page as it is"))));
        if (query.since != null && query.until != null && !query.until.isAfter(query.since)) {
            problems.add(FieldProblem.parameter("until", "must be later than since"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("The query has " + (problems.size() == 1 ? "an invalid parameter."
                    : problems.size() + " invalid parameters."), problems, HINT);
        }
        return query;
    }

    private static String serviceId(String value) {
        if (!DeployRequest.SERVICE_ID.matcher(value).matches()) {
            throw new Refused("must be a Render service id: 'srv-' followed by lowercase letters and digits");
        }
        return value;
    }

    private static String batchId(String value) {
        if (!BATCH_ID.matcher(value).matches()) {
            throw new Refused("must be a batch id: 'bat-' followed by 26 lowercase letters and digits");
        }
        return value;
    }

    private static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused("must be an RFC 3339 time with an offset, such as 2026-03-01T10:00:00Z");
        }
    }

    private static Integer limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw new Refused("must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static int orDefault(@Nullable Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    static String quoted(String value) {
        return QUOTABLE.matcher(value).matches() ? "'" + value + "'" : "a value";
    }

    /** A parameter value refused, with what is wrong with it; turned into a problem by the reader. */
    private static final class Refused extends RuntimeException {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    /** Reads parameters, collecting what is wrong with them instead of stopping at the first. */
    private record Reader(Map<String, List<String>> parameters, List<FieldProblem> problems) {

        void refuseUnknown() {
            parameters.keySet().stream().filter(name -> !SINGLE.contains(name) && !REPEATABLE.contains(name)).sorted()
                    .forEach(name -> problems.add(FieldProblem.parameter(QUOTABLE.matcher(name).matches() ? name : "(unnamed)",
                            "is not a parameter of this query; known: "
                                    + String.join(", ", new TreeSet<>(union())))));
        }

        @Nullable
        <T> T single(String name, Function<String, T> parse) {
            List<String> values = parameters.getOrDefault(name, List.of());
            if (values.isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                problems.add(FieldProblem.parameter(name, "is given " + values.size() + " times; give it once"));
                return null;
            }
            try {
                return parse.apply(values.getFirst().strip());
            } catch (Refused refused) {
                problems.add(FieldProblem.parameter(name, refused.getMessage()));
                return null;
            }
        }

        Set<DeployStatus> statuses() {
            var statuses = EnumSet.noneOf(DeployStatus.class);
            for (String value : values("status")) {
                if (value.equalsIgnoreCase("active")) {
                    statuses.addAll(ACTIVE);
                    continue;
                }
                try {
                    statuses.add(DeployStatus.valueOf(value.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    problems.add(FieldProblem.parameter("status", quoted(value) + " is not a status; one of "
                            + Arrays.stream(DeployStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                            + ", or active for every status in progress"));
                }
            }
            return statuses;
        }

        Map<String, String> labels() {
            var labels = new HashMap<String, String>();
            for (String value : parameters.getOrDefault("label", List.of())) {
                int colon = value.indexOf(':');
                String key = colon < 0 ? value : value.substring(0, colon);
                if (colon < 0 || !DeployRequest.LABEL_KEY.matcher(key).matches()
                        || value.length() - colon - 1 > DeployRequest.MAX_LABEL_VALUE_LENGTH) {
                    problems.add(FieldProblem.parameter("label", "must be key:value, a label key (1-63 of A-Za-z0-9._/-) "
                            + "and a value of up to " + DeployRequest.MAX_LABEL_VALUE_LENGTH + " characters"));
                } else if (labels.putIfAbsent(key, value.substring(colon + 1)) != null) {
                    problems.add(FieldProblem.parameter("label", "names the label " + quoted(key) + " twice"));
                }
            }
            return labels;
        }

        /** Every value of a repeatable parameter, each of which may itself be a comma-separated list. */
        private List<String> values(String name) {
            return parameters.getOrDefault(name, List.of()).stream()
                    .flatMap(value -> Arrays.stream(value.split(",", -1))).map(String::strip).toList();
        }

        private static Set<String> union() {
            var all = new HashSet<>(SINGLE);
            all.addAll(REPEATABLE);
            return all;
        }
    }
}
