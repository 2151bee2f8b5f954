package io.deploybus.api.batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of a batch as a graph, each pointing at the steps it depends on. A batch can run only
 * if the graph has no cycle: a step in a cycle would wait for itself.
 */
final class StepGraph {

    private enum Mark { IN_PROGRESS, DONE }

    private final Map<String, List<String>> dependsOn;

    /** @param dependsOn every step's ref, in the order given, to the refs it depends on (each a key too) */
    StepGraph(Map<String, List<String>> dependsOn) {
        this.dependsOn = new LinkedHashMap<>(dependsOn);
    }

    /**
     * A cycle, if there is one: the refs along it, starting and ending with the same ref
     * ({@code [a, b, a]} for a that depends on b that depends on a). Found by depth-first search,
     * visiting steps in the order given, so that the same batch always reports the same cycle.
     */
    Optional<List<String>> cycle() {
        var marks = new HashMap<String, Mark>();
        for (String ref : dependsOn.keySet()) {
            var path = new ArrayList<String>();
            Optional<List<String>> cycle = visit(ref, marks, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String ref, Map<String, Mark> marks, List<String> path) {
        Mark mark = marks.get(ref);
        if (mark == Mark.DONE) {
            return Optional.empty();
        }
        if (mark == Mark.IN_PROGRESS) {
            var cycle = new ArrayList<>(path.subList(path.indexOf(ref), path.size()));
            cycle.add(ref);
            return Optional.of(List.copyOf(cycle));
        }
        marks.put(ref, Mark.IN_PROGRESS);
        path.add(ref);
        for (String dependency : dependsOn.getOrDefault(ref, List.of())) {
            Optional<List<String>> cycle = visit(dependency, marks, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.removeLast();
        marks.put(ref, Mark.DONE);
        return Optional.empty();
    }
}
