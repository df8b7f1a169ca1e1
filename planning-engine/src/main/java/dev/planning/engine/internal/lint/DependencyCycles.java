package dev.planning.engine.internal.lint;

import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Dependency cycles within one stream's plan, which lint can know without other streams: one
 * finding per group of tasks that depend on each other ({@code ref.cycle}), at the first of them
 * in the plan, showing one cycle through it. The {@code cross_stream_consistency} gate reports the
 * same cycles (and those across streams) at the transition; lint reports them before.
 */
final class DependencyCycles {

    private static final int SHOWN = 20;

    private DependencyCycles() {
    }

    static void check(TaskBreakdown plan, List<Finding> findings) {
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (Task task : plan.tasks()) {
            if (tasks.putIfAbsent(task.id(), task) == null) {
                graph.addVertex(task.id());
            }
        }
        for (Task task : tasks.values()) {
            for (TaskRef ref : task.dependencies()) {
                boolean local = ref.stream().map(plan.stream()::equals).orElse(true);
                if (local && tasks.containsKey(ref.id()) && !ref.id().equals(task.id())) {
                    graph.addEdge(task.id(), ref.id());
                }
            }
        }
        List<String> order = new ArrayList<>(tasks.keySet());
        List<Set<String>> groups = new ArrayList<>(new KosarajuStrongConnectivityInspector<>(graph)
                .stronglyConnectedSets());
        groups.removeIf(group -> group.size() < 2);
        groups.sort(Comparator.comparingInt(group -> group.stream().mapToInt(order::indexOf).min().orElse(0)));
        for (Set<String> group : groups) {
            String first = order.stream().filter(group::contains).findFirst().orElseThrow();
            Graph<String, DefaultEdge> within = new AsSubgraph<>(graph, group);
            String next = within.outgoingEdgesOf(first).stream().map(within::getEdgeTarget).sorted(
                    Comparator.comparingInt(order::indexOf)).findFirst().orElseThrow();
            GraphPath<String, DefaultEdge> back = BFSShortestPath.findPathBetween(within, next, first);
            List<String> path = new ArrayList<>();
            path.add(first);
            path.addAll(back.getVertexList());
            String shown = path.size() > SHOWN
                    ? String.join(" -> ", path.subList(0, SHOWN)) + " -> ... (" + path.size() + " tasks)"
                    : String.join(" -> ", path);
            String members = group.size() > path.size() - 1 ? " (" + group.size() + " tasks depend on each other)" : "";
            findings.add(Finding.error(LintCodes.REF_CYCLE, "task " + first + ": dependencies form a cycle: " + shown
                    + members + "; no task of it can start first", tasks.get(first).location()).withTask(first));
        }
    }
}
