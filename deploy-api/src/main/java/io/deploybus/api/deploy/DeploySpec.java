package io.deploybus.api.deploy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.deploybus.schemas.avro.EnvVarAction;
import io.micronaut.core.annotation.Nullable;

/**
 * A validated deploy request: what to deploy, as the client asked for it, env var values still in
 * clear. Two requests with equal specs are the same request (which is what an
 * {@code Idempotency-Key} repeat must be); what is remembered of a spec to tell that is its
 * {@link #fingerprint}, which holds no value in clear.
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
     * What tells this request from another, without its secrets: the spec without env vars, and
     * each env var as its key, action and a digest of its value.
     *
     * @param digest a keyed digest of a value, so that a fingerprint cannot be used to guess values
     */
    Fingerprint fingerprint(Function<SecretValue, String> digest) {
        var withoutEnvVars = new DeploySpec(serviceId, commitId, imageUrl, clearCache, labels, timeoutSeconds,
                List.of(), envGroups, rollback);
        return new Fingerprint(withoutEnvVars, envVars.stream()
                .map(edit -> new EnvVarPrint(edit.key(), edit.action(),
                        edit instanceof EnvVarEdit.Set set ? digest.apply(set.value()) : null))
                .toList());
    }

    /** A spec as an {@code Idempotency-Key} remembers it. */
    public record Fingerprint(DeploySpec withoutEnvVars, List<EnvVarPrint> envVars) {
    }

    /** An env var change as a fingerprint holds it: the value only as a digest. */
    public record EnvVarPrint(String key, EnvVarAction action, @Nullable String valueDigest) {
    }
}
