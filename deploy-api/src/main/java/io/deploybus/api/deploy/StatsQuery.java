package io.deploybus.api.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.deploybus.api.problem.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;

/**
 * A validated {@code GET /v1/deploys/stats} query.
 *
 * @param window    how far back from now, 1 minute to 30 days (what the view keeps by default)
 * @param serviceId one service's deploys, or null for every deploy
 */
record StatsQuery(Duration window, @Nullable String serviceId) {

    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final Duration MAX_WINDOW = Duration.ofDays(30);

    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    private static final Set<String> PARAMETERS = Set.of("window", "serviceId");

    /** @throws InvalidRequestException naming every parameter at fault */
    static StatsQuery parse(Map<String, List<String>> parameters) {
        var reader = new QueryParameters(parameters).knowing(PARAMETERS);
        Duration window = reader.single("window", StatsQuery::window);
        String serviceId = reader.single("serviceId", value -> {
            if (!DeployRequest.SERVICE_ID.matcher(value).matches()) {
                throw new QueryParameters.Refused("must be a Render service id: 'srv-' followed by lowercase letters and digits");
            }
            return value;
        });
        reader.check("window is a whole number and m, h or d, such as 90m, 24h or 7d; serviceId is optional.");
        return new StatsQuery(window == null ? DEFAULT_WINDOW : window, serviceId);
    }

    private static Duration window(String value) {
        Matcher matcher = WINDOW.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration window = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (window.compareTo(MAX_WINDOW) <= 0) {
                return window;
            }
        }
        throw new QueryParameters.Refused("must be a duration from 1m to 30d: a whole number and m, h or d, such as 24h");
    }
}
