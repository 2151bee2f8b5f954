package io.deploybus.api.deploy;

import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>Env var values in {@code envVars} are secrets: {@link EnvVarRequest} keeps them out of its
 * text and out of every problem it reports, so neither this record nor a refusal shows them.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeployRequest(
        @Nullable String serviceId,
        @Nullable String commitId,
        @Nullable String imageUrl,
        @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean clearCache,
        @Nullable Map<String, String> labels,
        @Nullable Integer timeoutSeconds,
        @Nullable List<EnvVarRequest> envVars,
        @Nullable EnvGroupsRequest envGroups,
        @Nullable RollbackRequest rollback) {

    static final int MIN_TIMEOUT_SECONDS = 60;
    static final int MAX_TIMEOUT_SECONDS = 86_400;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL_VALUE_LENGTH = 256;
    static final int MAX_IMAGE_URL_LENGTH = 2_048;
    static final int MAX_ENV_VARS = 100;
    /** All values together, so that a command stays well under Kafka's default 1 MB record limit. */
    static final int MAX_ENV_VALUES_BYTES = 512 * 1024;

    static final Pattern SERVICE_ID = Pattern.compile("srv-[a-z0-9]{1,60}");
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern IMAGE_URL = Pattern.compile("\\S+");
    static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");

    /**
     * The deploy this request asks for.
     *
     * @throws InvalidRequestException listing every member that is wrong
     */
    DeploySpec toSpec() {
        var problems = new ArrayList<FieldProblem>();
        DeploySpec spec = validate(problems);
        if (spec == null) {
            throw new InvalidRequestException(summary(problems), problems, hint(problems));
        }
        return spec;
    }

    /**
     * The deploy this request asks for, or {@code null} when something is wrong with it; then
     * {@code problems} has every member that is wrong, with pointers relative to this request (a
     * request nested in another, such as a batch's step, moves them with {@link FieldProblem#under}).
     */
    @Nullable
    public DeploySpec validate(List<FieldProblem> problems) {
        int before = problems.size();
        checkServiceId(problems);
        checkCommitAndImage(problems);
        checkTimeout(problems);
        checkLabels(labels, problems);
        List<EnvVarEdit> edits = envVarEdits(problems);
        EnvGroupChanges groups = envGroups == null ? EnvGroupChanges.NONE : envGroups.toChanges(problems);
        RollbackSpec rollbackSpec = rollback == null ? RollbackSpec.DEFAULT : rollback.toSpec(problems);
        if (problems.size() > before) {
            return null;
        }
        return new DeploySpec(serviceId,
                commitId == null ? null : commitId.toLowerCase(Locale.ROOT),
                imageUrl,
                Boolean.TRUE.equals(clearCache),
                labels == null ? Map.of() : labels,
                timeoutSeconds,
                edits, groups, rollbackSpec);
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

    /** Checks labels as a deploy's are checked, under the member {@code labels}; a batch's are the same. */
    public static void checkLabels(@Nullable Map<String, String> labels, List<FieldProblem> problems) {
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

    private List<EnvVarEdit> envVarEdits(List<FieldProblem> problems) {
        if (envVars == null) {
            return List.of();
        }
        if (envVars.size() > MAX_ENV_VARS) {
            problems.add(FieldProblem.body("envVars", "must have at most " + MAX_ENV_VARS + " entries"));
            return List.of();
        }
        var edits = new ArrayList<EnvVarEdit>();
        var keys = new HashSet<String>();
        for (int i = 0; i < envVars.size(); i++) {
            EnvVarEdit edit = envVarEdit(i, problems);
            if (edit != null && !keys.add(edit.key())) {
                problems.add(FieldProblem.body("envVars/" + i + "/key", edit.key() + " is given more than once"));
            } else if (edit != null) {
                edits.add(edit);
            }
        }
        long valueBytes = edits.stream()
                .mapToLong(edit -> edit instanceof EnvVarEdit.Set set ? set.value().utf8Length() : 0).sum();
        if (valueBytes > MAX_ENV_VALUES_BYTES) {
            problems.add(FieldProblem.body("envVars",
                    "the values together must be at most " + MAX_ENV_VALUES_BYTES + " bytes (UTF-8)"));
        }
        return edits;
    }

    @Nullable
    private EnvVarEdit envVarEdit(int index, List<FieldProblem> problems) {
        EnvVarRequest envVar = envVars.get(index);
        if (envVar == null) {
            problems.add(FieldProblem.body("envVars/" + index, "must be an object with a \"key\""));
            return null;
        }
        return envVar.toEdit("envVars/" + index, problems);
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
