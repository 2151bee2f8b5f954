package io.deploybus.api.deploy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    private static final Set<String> PARAMETERS =
            Set.of("serviceId", "status", "batchId", "label", "since", "until", "limit", "cursor");
    private static final Pattern BATCH_ID = Pattern.compile("bat-[0-9a-z]{26}");
    private static final String HINT = "The parameters of GET /v1/deploys are described in docs/deploy-api.md.";

    DeployQuery {
        statuses = Set.copyOf(statuses);
        labels = Map.copyOf(labels);
    }

    /** The deploys of one service: the service is in the path, so {@code serviceId} is no parameter. */
    static DeployQuery ofService(String serviceId, Map<String, List<String>> parameters) {
        var rest = new HashMap<>(parameters);
        rest.remove("serviceId");
        var reader = new QueryParameters(rest).knowing(PARAMETERS);
        if (!DeployRequest.SERVICE_ID.matcher(serviceId).matches()) {
            reader.problem("serviceId", "must be a Render service id: 'srv-' followed by lowercase letters and digits");
        }
        if (parameters.containsKey("serviceId")) {
            reader.problem("serviceId", "is in the path already, not a query parameter here");
        }
        DeployQuery query = read(reader, null);
        return new DeployQuery(serviceId, query.statuses, query.batchId, query.labels, query.since, query.until,
                query.limit, query.after);
    }

    /**
     * @param parameters the query parameters, each with every value it was given
     * @throws InvalidRequestException naming every parameter at fault
     */
    static DeployQuery parse(Map<String, List<String>> parameters) {
        var reader = new QueryParameters(parameters).knowing(PARAMETERS);
        return read(reader, reader.single("serviceId", DeployQuery::serviceId));
    }

    private static DeployQuery read(QueryParameters reader, @Nullable String serviceId) {
        var query = new DeployQuery(
                serviceId,
                statuses(reader),
                reader.single("batchId", DeployQuery::batchId),
                labels(reader),
                reader.single("since", DeployQuery::time),
                reader.single("until", DeployQuery::time),
                orDefault(reader.single("limit", DeployQuery::limit), DEFAULT_LIMIT),
                reader.single("cursor", value -> Cursor.decode(value).orElseThrow(() -> new QueryParameters.Refused(
                        "is not a cursor this API gave out; pass the nextCursor of a page as it is"))));
        if (query.since != null && query.until != null && !query.until.isAfter(query.since)) {
            reader.problem("until", "must be later than since");
        }
        reader.check(HINT);
        return query;
    }

    private static Set<DeployStatus> statuses(QueryParameters reader) {
        var statuses = EnumSet.noneOf(DeployStatus.class);
        for (String value : reader.values("status")) {
            if (value.equalsIgnoreCase("active")) {
                statuses.addAll(ACTIVE);
                continue;
            }
            try {
                statuses.add(DeployStatus.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                reader.problem("status", QueryParameters.quoted(value) + " is not a status; one of "
                        + Arrays.stream(DeployStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                        + ", or active for every status in progress");
            }
        }
        return statuses;
    }

    private static Map<String, String> labels(QueryParameters reader) {
        var labels = new HashMap<String, String>();
        for (String value : reader.all("label")) {
            int colon = value.indexOf(':');
            String key = colon < 0 ? value : value.substring(0, colon);
            if (colon < 0 || !DeployRequest.LABEL_KEY.matcher(key).matches()
                    || value.length() - colon - 1 > DeployRequest.MAX_LABEL_VALUE_LENGTH) {
                reader.problem("label", "must be key:value, a label key (1-63 of A-Za-z0-9._/-) and a value of up to "
                        + DeployRequest.MAX_LABEL_VALUE_LENGTH + " characters");
            } else if (labels.putIfAbsent(key, value.substring(colon + 1)) != null) {
                reader.problem("label", "names the label " + QueryParameters.quoted(key) + " twice");
            }
        }
        return labels;
    }

    private static String serviceId(String value) {
        if (!DeployRequest.SERVICE_ID.matcher(value).matches()) {
            throw new QueryParameters.Refused("must be a Render service id: 'srv-' followed by lowercase letters and digits");
        }
        return value;
    }

    private static String batchId(String value) {
        if (!BATCH_ID.matcher(value).matches()) {
            throw new QueryParameters.Refused("must be a batch id: 'bat-' followed by 26 lowercase letters and digits");
        }
        return value;
    }

    static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new QueryParameters.Refused("must be an RFC 3339 time with an offset, such as 2026-03-01T10:00:00Z");
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
        throw new QueryParameters.Refused("must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static int orDefault(@Nullable Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
