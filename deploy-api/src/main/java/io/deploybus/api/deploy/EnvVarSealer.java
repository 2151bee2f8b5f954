package io.deploybus.api.deploy;

import java.util.List;

import io.deploybus.schemas.avro.EnvVarChange;
import io.deploybus.schemas.secrets.SecretBox;
import io.deploybus.schemas.secrets.SecretContexts;
import io.micronaut.context.annotation.Context;

/**
 * Turns env var edits into the {@link EnvVarChange}s of a command, each value sealed with the
 * {@link SecretBox} for the context {@code env:<serviceId>:<KEY>}, the context deploy-worker opens it
 * with: a value copied to another service or variable does not open.
 *
 * <p>Created with the application context, not at the first deploy with env vars, so that a missing
 * or malformed {@code deploybus.secrets.*} key fails the start.
 */
@Context
final class EnvVarSealer {

    private final SecretBox box;

    EnvVarSealer(SecretBox box) {
        this.box = box;
    }

    /** The context a value of {@code key} of {@code serviceId} is sealed for. */
    static String context(String serviceId, String key) {
        return SecretContexts.envVar(serviceId, key);
    }

    List<EnvVarChange> seal(String serviceId, List<EnvVarEdit> edits) {
        return edits.stream().map(edit -> seal(serviceId, edit)).toList();
    }

    private EnvVarChange seal(String serviceId, EnvVarEdit edit) {
        var change = EnvVarChange.newBuilder().setKey(edit.key()).setAction(edit.action()).setValue(null);
        if (edit instanceof EnvVarEdit.Set set) {
            change.setValue(box.seal(set.value().plaintext(), context(serviceId, set.key())));
        }
        return change.build();
    }
}
