package io.deploybus.api.batch;

import java.util.List;
import java.util.Map;

import io.deploybus.api.deploy.DeploySpec;
import io.deploybus.api.idempotency.CanonicalForm;
import io.deploybus.schemas.avro.BatchFailurePolicy;

/**
 * A validated batch request: its steps in the order given, each step's deploy still with env var
 * values in clear, and its dependencies forming no cycle.
 */
record BatchSpec(List<Step> steps, int parallelism, BatchFailurePolicy failurePolicy, Map<String, String> labels) {

    BatchSpec {
        steps = List.copyOf(steps);
        labels = Map.copyOf(labels);
    }

    /** Writes what tells this request from another, each step's deploy as {@link DeploySpec#writeTo} does. */
    void writeTo(CanonicalForm form) {
        form.number(steps.size());
        for (Step step : steps) {
            form.text(step.ref());
            step.deploy().writeTo(form);
            form.texts(step.dependsOn());
        }
        form.number(parallelism).text(failurePolicy.name()).labels(labels);
    }

    /** One deploy of the batch. */
    record Step(String ref, DeploySpec deploy, List<String> dependsOn) {

        Step {
            dependsOn = List.copyOf(dependsOn);
        }
    }
}
