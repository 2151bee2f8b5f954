package io.deploybus.api.deploy;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deploybus.api.problem.FieldProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One member of {@code envVars}, as sent: {@code {"key": "K", "value": "v"}} sets K,
 * {@code {"key": "K", "delete": true}} removes it, {@code {"key": "K", "generateValue": true}} lets
 * Render generate a random value.
 *
 * <p>The value is a secret: no problem reported about it, and not {@link #toString()}, contains it.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record EnvVarRequest(
        @Nullable @Serdeable.Deserializable(using = StrictStringDeserializer.class) String key,
        @Nullable @Serdeable.Deserializable(using = StrictStringDeserializer.class) String value,
        @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean delete,
        @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean generateValue) {

    static final int MAX_KEY_LENGTH = 256;
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The edit this member asks for; null when it is wrong, and then what is wrong is in {@code problems}.
     *
     * @param member the member's path in the body, e.g. {@code envVars/3}
     */
    @Nullable
    EnvVarEdit toEdit(String member, List<FieldProblem> problems) {
        if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
            problems.add(FieldProblem.body(member + "/key", "must be an env var name: letters, digits and '_', "
                    + "not starting with a digit, at most " + MAX_KEY_LENGTH + " characters"));
            return null;
        }
        boolean set = value != null;
        boolean remove = Boolean.TRUE.equals(delete);
        boolean generate = Boolean.TRUE.equals(generateValue);
        if ((set ? 1 : 0) + (remove ? 1 : 0) + (generate ? 1 : 0) != 1) {
            problems.add(FieldProblem.body(member, key + " needs exactly one of \"value\", \"delete\": true "
                    + "or \"generateValue\": true"));
            return null;
        }
        if (set) {
            var secret = new SecretValue(value);
            if (secret.utf8Length() > MAX_VALUE_BYTES) {
                problems.add(FieldProblem.body(member + "/value",
                        "the value of " + key + " is longer than " + MAX_VALUE_BYTES + " bytes (UTF-8)"));
                return null;
            }
            return new EnvVarEdit.Set(key, secret);
        }
        return remove ? new EnvVarEdit.Delete(key) : new EnvVarEdit.Generate(key);
    }

    @Override
    public String toString() {
        return "EnvVarRequest[key=" + key + ", value=" + (value == null ? null : "(hidden)") + ", delete=" + delete
                + ", generateValue=" + generateValue + "]";
    }
}
