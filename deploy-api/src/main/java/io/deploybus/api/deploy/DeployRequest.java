package io.deploybus.api.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /v1/deploys}, as sent. Every member is optional here so that
 * {@link #toSpec()} can report all that is wrong at once. Unknown members are ignored: the API
 * grows by adding members, and old servers must not refuse new clients' requests.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record DeployRequest(
        @Nullable String serviceId,
        @Nullable String commitId,
        @Nullable String imageUrl,
        @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean clearCache,
        @Nullable Map<String, String> labels,
        @Nullable Integer timeoutSeconds) {

    static final int MIN_TIMEOUT_SECONDS = 60;
    static final int MAX_TIMEOUT_SECONDS = 86_400;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL_VALUE_LENGTH = 256;
    static final int MAX_IMAGE_URL_LENGTH = 2_048;

    private static final Pattern SERVICE_ID = Pattern.compile("srv-[a-z0-9]{1,60}");
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern IMAGE_URL = Pattern.compile("\\S+");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");

    /**
     * The deploy this request asks for.
     *
     * @throws InvalidRequestException listing every member that is wrong
     */
    DeploySpec toSpec() {
        var problems = new ArrayList<FieldProblem>();
        checkServiceId(problems);
        checkCommitAndImage(problems);
        checkTimeout(problems);
        checkLabels(problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(summary(problems), problems, hint(problems));
        }
        return new DeploySpec(serviceId,
                commitId == null ? null : commitId.toLowerCase(Locale.ROOT),
                imageUrl,
                Boolean.TRUE.equals(clearCache),
                labels == null ? Map.of() : labels,
                timeoutSeconds);
    }

    private void checkServiceId(List<FieldProblem> problems) {
        if (serviceId == null || serviceId.isBlank()) {
            problems.add(FieldProblem.body("serviceId", "is required"));
        } else if (!SERVICE_ID.matcher(serviceId).matches()) {
            problems.add(FieldProblem.body("serviceId",
                    "must be a Render service id: 'srv-' followed by lowercase letters and digits"));
        }
    }

    private void checkCommitAndImage(List<FieldProblem> problems) {
        if (commitId != null && !COMMIT_ID.matcher(commitId).matches()) {
            problems.add(FieldProblem.body("commitId", "must be a git commit sha: 7 to 40 hexadecimal digits"));
        }
        if (imageUrl != null && (imageUrl.length() > MAX_IMAGE_URL_LENGTH || !IMAGE_URL.matcher(imageUrl).matches())) {
            problems.add(FieldProblem.body("imageUrl",
                    "must be an image reference without spaces, at most " + MAX_IMAGE_URL_LENGTH + " characters"));
        }
        if (commitId != null && imageUrl != null) {
            problems.add(FieldProblem.body("imageUrl",
                    "cannot be given with commitId: a deploy builds a commit or runs an image, not both"));
        }
    }

    private void checkTimeout(List<FieldProblem> problems) {
        if (timeoutSeconds != null && (timeoutSeconds < MIN_TIMEOUT_SECONDS || timeoutSeconds > MAX_TIMEOUT_SECONDS)) {
            problems.add(FieldProblem.body("timeoutSeconds",
                    "must be between " + MIN_TIMEOUT_SECONDS + " and " + MAX_TIMEOUT_SECONDS));
        }
    }

    private void checkLabels(List<FieldProblem> problems) {
        if (labels == null) {
            return;
        }
        if (labels.size() > MAX_LABELS) {
            problems.add(FieldProblem.body("labels", "must have at most " + MAX_LABELS + " entries"));
        }
        labels.forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches()) {
                problems.add(FieldProblem.body("labels", "has an invalid key: a label key is 1 to 63 letters, "
                        + "digits, '.', '_', '/' or '-', starting with a letter or digit"));
            } else if (value == null || value.length() > MAX_LABEL_VALUE_LENGTH) {
                problems.add(FieldProblem.body("labels/" + key,
                        "must be a string of at most " + MAX_LABEL_VALUE_LENGTH + " characters"));
            }
        });
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.size() == 1
                ? "The deploy request has an invalid member."
                : "The deploy request has " + problems.size() + " problems.";
    }

    private static String hint(List<FieldProblem> problems) {
        boolean serviceIdWrong = problems.stream().anyMatch(p -> "#/serviceId".equals(p.pointer()));
        return serviceIdWrong
                ? "A Render service id looks like srv-d1a2b3c4e5f6g7h8i9j0; it is in the service's dashboard URL."
                : "See the request members in docs/deploy-api.md.";
    }
}
