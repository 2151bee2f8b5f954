package io.deploybus.api.batch;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.deploybus.api.deploy.DeploySpec;
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

    /** What an {@code Idempotency-Key} remembers of the batch: each deploy only as its fingerprint. */
    Fingerprint fingerprint(Function<DeploySpec, DeploySpec.Fingerprint> deployFingerprint) {
        return new Fingerprint(steps.stream()
                .map(step -> new StepPrint(step.ref(), deployFingerprint.apply(step.deploy()), step.dependsOn()))
                .toList(), parallelism, failurePolicy, labels);
    }

    /** One deploy of the batch. */
    record Step(String ref, DeploySpec deploy, List<String> dependsOn) {

        Step {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    record Fingerprint(List<StepPrint> steps, int parallelism, BatchFailurePolicy failurePolicy,
                       Map<String, String> labels) {
    }

    record StepPrint(String ref, DeploySpec.Fingerprint deploy, List<String> dependsOn) {
    }
}
