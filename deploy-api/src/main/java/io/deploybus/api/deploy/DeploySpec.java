package io.deploybus.api.deploy;

import java.util.List;
import java.util.Map;

import io.deploybus.api.idempotency.CanonicalForm;
import io.deploybus.schemas.avro.DeployCommand;
import io.micronaut.core.annotation.Nullable;

/**
 * A validated deploy request: what to deploy, as the client asked for it, env var values still in
 * clear. Two requests with equal specs are the same request (which is what an
 * {@code Idempotency-Key} repeat must be); what is remembered of a spec to tell that is a digest
 * of what {@link #writeTo} writes, which holds no value in clear.
 *
 * @param timeoutSeconds null for the default of {@code DeployCommand}
 * @param envVars        env var changes, in the order given, each key at most once
 */
public record DeploySpec(
        String serviceId,
        @Nullable String commitId,
        @Nullable String imageUrl,
        boolean clearCache,
        Map<String, String> labels,
        @Nullable Integer timeoutSeconds,
        List<EnvVarEdit> envVars,
        EnvGroupChanges envGroups,
        RollbackSpec rollback) {

    /** What a command without a timeout gets: the schema's default, read from it so as not to be spelled twice. */
    private static final int DEFAULT_TIMEOUT_SECONDS =
            ((Number) DeployCommand.getClassSchema().getField("timeoutSeconds").defaultVal()).intValue();

    public DeploySpec {
        labels = Map.copyOf(labels);
        envVars = List.copyOf(envVars);
    }

    /** A deploy of the service's branch head, with every other member at its default. */
    static DeploySpec of(String serviceId) {
        return new DeploySpec(serviceId, null, null, false, Map.of(), null, List.of(), EnvGroupChanges.NONE,
                RollbackSpec.DEFAULT);
    }

    /**
     * Writes what tells this request from another, env var values included, for its digest under an
     * {@code Idempotency-Key}; a default written out and the default left out are the same request.
     */
    public void writeTo(CanonicalForm form) {
        form.text(serviceId).text(commitId).text(imageUrl).flag(clearCache).labels(labels)
                .number(timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds).number(envVars.size());
        for (EnvVarEdit edit : envVars) {
            form.text(edit.key()).text(edit.action().name())
                    .text(edit instanceof EnvVarEdit.Set set ? set.value().plaintext() : null);
        }
        form.texts(envGroups.link()).texts(envGroups.unlink()).flag(rollback.enabled()).flag(rollback.disableAutoDeploy());
    }
}
