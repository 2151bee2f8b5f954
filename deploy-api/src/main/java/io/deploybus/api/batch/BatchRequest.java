package io.deploybus.api.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deploybus.api.deploy.DeployRequest;
import io.deploybus.api.deploy.DeploySpec;
import io.deploybus.api.problem.FieldProblem;
import io.deploybus.api.problem.InvalidRequestException;
import io.deploybus.schemas.avro.BatchFailurePolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /v1/batches}, as sent. Like {@link DeployRequest}, every member is
 * optional here so that {@link #toSpec()} can report all that is wrong at once, and unknown members
 * are ignored. Each step's deploy is checked exactly as {@code POST /v1/deploys} checks a deploy,
 * its problems pointed at inside the step ({@code #/steps/1/deploy/commitId}).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
record BatchRequest(
        @Nullable List<BatchStepRequest> steps,
        @Nullable Integer parallelism,
        @Nullable String failurePolicy,
        @Nullable Map<String, String> labels) {

    static final int MAX_STEPS = 100;
    static final int MAX_PARALLELISM = 50;
    /** One deploy at a time unless the client asks for more: the safe default for production deploys. */
    static final int DEFAULT_PARALLELISM = 1;
    static final BatchFailurePolicy DEFAULT_FAILURE_POLICY = BatchFailurePolicy.STOP_DEPENDENTS;

    private static final Pattern REF = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Map<String, BatchFailurePolicy> FAILURE_POLICIES = Map.of(
            "stop_dependents", BatchFailurePolicy.STOP_DEPENDENTS,
            "continue", BatchFailurePolicy.CONTINUE);

    /**
     * The batch this request asks for.
     *
     * @throws InvalidRequestException listing every member that is wrong
     */
    BatchSpec toSpec() {
        var problems = new ArrayList<FieldProblem>();
        List<BatchSpec.Step> validSteps = steps(problems);
        checkParallelism(problems);
        BatchFailurePolicy policy = failurePolicy(problems);
        DeployRequest.checkLabels(labels, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(summary(problems), problems,
                    "See the batch request members in docs/deploy-api.md.");
        }
        return new BatchSpec(validSteps, parallelism == null ? DEFAULT_PARALLELISM : parallelism, policy,
                labels == null ? Map.of() : labels);
    }

    private List<BatchSpec.Step> steps(List<FieldProblem> problems) {
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            problems.add(FieldProblem.body("steps", "must list 1 to " + MAX_STEPS + " steps"));
            return List.of();
        }
        int before = problems.size();
        var valid = new ArrayList<BatchSpec.Step>();
        for (int i = 0; i < steps.size(); i++) {
            step(i, problems).ifPresent(valid::add);
        }
        checkRefsAreUnique(problems);
        checkDependencies(problems);
        if (problems.size() == before) {
            checkNoCycle(valid, problems);
        }
        return valid;
    }

    private Optional<BatchSpec.Step> step(int index, List<FieldProblem> problems) {
        BatchStepRequest step = steps.get(index);
        String at = "steps/" + index;
        if (step == null) {
            problems.add(FieldProblem.body(at, "must be an object with a \"ref\" and a \"deploy\""));
            return Optional.empty();
        }
        if (step.ref() == null || !REF.matcher(step.ref()).matches()) {
            problems.add(FieldProblem.body(at + "/ref", "is required: 1 to 40 lowercase letters, digits and '-', "
                    + "starting with a letter or digit"));
        }
        DeploySpec deploy = null;
        if (step.deploy() == null) {
            problems.add(FieldProblem.body(at + "/deploy", "is required: the body of a POST /v1/deploys"));
        } else {
            var deployProblems = new ArrayList<FieldProblem>();
            deploy = step.deploy().validate(deployProblems);
            deployProblems.forEach(problem -> problems.add(problem.under(at + "/deploy")));
        }
        boolean complete = deploy != null && step.ref() != null && dependsOn(step).stream().noneMatch(Objects::isNull);
        return complete ? Optional.of(new BatchSpec.Step(step.ref(), deploy, dependsOn(step))) : Optional.empty();
    }

    private void checkRefsAreUnique(List<FieldProblem> problems) {
        var firstIndex = new HashMap<String, Integer>();
        for (int i = 0; i < steps.size(); i++) {
            String ref = refOf(i);
            if (ref == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(ref, i);
            if (first != null) {
                problems.add(FieldProblem.body("steps/" + i + "/ref", ref + " is already the ref of step " + first));
            }
        }
    }

    private void checkDependencies(List<FieldProblem> problems) {
        var refs = new HashSet<String>();
        for (int i = 0; i < steps.size(); i++) {
            refs.add(refOf(i));
        }
        for (int i = 0; i < steps.size(); i++) {
            List<String> dependencies = steps.get(i) == null ? List.of() : dependsOn(steps.get(i));
            var seen = new HashSet<String>();
            for (int d = 0; d < dependencies.size(); d++) {
                String dependency = dependencies.get(d);
                String at = "steps/" + i + "/dependsOn/" + d;
                if (dependency == null) {
                    problems.add(FieldProblem.body(at, "must be the ref of another step"));
                } else if (dependency.equals(refOf(i))) {
                    problems.add(FieldProblem.body(at, dependency + " is this step: a step cannot depend on itself"));
                } else if (!refs.contains(dependency)) {
                    problems.add(FieldProblem.body(at, "names no step of the batch: no step has the ref "
                            + (REF.matcher(dependency).matches() ? dependency : "given")));
                } else if (!seen.add(dependency)) {
                    problems.add(FieldProblem.body(at, dependency + " is named more than once"));
                }
            }
        }
    }

    /** Only with every ref unique and every dependency a known other step, so the graph is well formed. */
    private static void checkNoCycle(List<BatchSpec.Step> valid, List<FieldProblem> problems) {
        var graph = new LinkedHashMap<String, List<String>>();
        valid.forEach(step -> graph.put(step.ref(), step.dependsOn()));
        new StepGraph(graph).cycle().ifPresent(cycle -> problems.add(FieldProblem.body("steps",
                "depend on each other in a cycle: " + String.join(" → ", cycle)
                        + " (each waits for the next), so none of them could ever start")));
    }

    private void checkParallelism(List<FieldProblem> problems) {
        if (parallelism != null && (parallelism < 1 || parallelism > MAX_PARALLELISM)) {
            problems.add(FieldProblem.body("parallelism", "must be between 1 and " + MAX_PARALLELISM));
        }
    }

    @Nullable
    private BatchFailurePolicy failurePolicy(List<FieldProblem> problems) {
        if (failurePolicy == null) {
            return DEFAULT_FAILURE_POLICY;
        }
        BatchFailurePolicy policy = FAILURE_POLICIES.get(failurePolicy);
        if (policy == null) {
            problems.add(FieldProblem.body("failurePolicy", "must be \"stop_dependents\" or \"continue\""));
        }
        return policy;
    }

    @Nullable
    private String refOf(int index) {
        BatchStepRequest step = steps.get(index);
        return step == null ? null : step.ref();
    }

    private static List<String> dependsOn(BatchStepRequest step) {
        return step.dependsOn() == null ? List.of() : step.dependsOn();
    }

    /** A single problem is named in the detail, so that a cycle, a fault of the whole batch, is told there. */
    private static String summary(List<FieldProblem> problems) {
        if (problems.size() == 1) {
            FieldProblem only = problems.getFirst();
            return "The batch request is invalid: " + only.pointer().substring(1) + " " + only.detail() + ".";
        }
        return "The batch request has " + problems.size() + " problems.";
    }
}
