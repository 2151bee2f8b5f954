package io.deploybus.api.deploy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deploybus.api.problem.FieldProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The {@code rollback} member, as sent; a member left out takes its default. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record RollbackRequest(
        @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean enabled,
        @Nullable @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean disableAutoDeploy) {

    /** The policy asked for; what is wrong is added to {@code problems}. */
    RollbackSpec toSpec(List<FieldProblem> problems) {
        var spec = new RollbackSpec(enabled == null ? RollbackSpec.DEFAULT.enabled() : enabled,
                disableAutoDeploy == null ? RollbackSpec.DEFAULT.disableAutoDeploy() : disableAutoDeploy);
        if (!spec.enabled() && spec.disableAutoDeploy()) {
            problems.add(FieldProblem.body("rollback/disableAutoDeploy",
                    "needs rollback enabled: auto-deploy is turned off as part of a rollback"));
        }
        return spec;
    }
}
