package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.gate.Finding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Measures how deep each task's chain of dependencies goes (a task with no dependencies has depth
 * 0, one that needs such a task depth 1, and so on) and reports the tasks of the checked stream
 * whose depth exceeds the limit. A cycle is collapsed to one step, so depth stays finite; the
 * cycle itself is {@link CycleCheck}'s finding. Of a long chain only its head is reported: a task
 * is left out when a task of the checked stream that needs it exceeds the limit too.
 */
final class DepthCheck {

    /** Depth of every vertex and, for each, the dependency its deepest chain goes through. */
    record Depths(Map<String, Integer> depth, Map<String, String> next) {
        int max() {
            return depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        List<String> chain(String start) {
            List<String> chain = new ArrayList<>();
            for (String at = start; at != null && chain.size() <= depth.size(); at = next.get(at)) {
                chain.add(at);
            }
            return chain;
        }
    }

    private DepthCheck() {
    }

    static Depths depths(Graph<String, DefaultEdge> graph) {
        KosarajuStrongConnectivityInspector<String, DefaultEdge> components =
                new KosarajuStrongConnectivityInspector<>(graph);
        Graph<Graph<String, DefaultEdge>, DefaultEdge> condensation = components.getCondensation();
        // Components are graphs whose equals() compares contents: identity is both right and cheap.
        Map<String, Graph<String, DefaultEdge>> componentOf = new HashMap<>();
        condensation.vertexSet().forEach(c -> c.vertexSet().forEach(v -> componentOf.put(v, c)));

        // Dependencies point from dependent to dependency, so a reversed topological order visits
        // every dependency before the tasks that need it.
        Deque<Graph<String, DefaultEdge>> order = new ArrayDeque<>();
        new TopologicalOrderIterator<>(condensation).forEachRemaining(order::push);
        Map<Graph<String, DefaultEdge>, Integer> componentDepth = new IdentityHashMap<>();
        Map<Graph<String, DefaultEdge>, Graph<String, DefaultEdge>> componentNext = new IdentityHashMap<>();
        for (Graph<String, DefaultEdge> component : order) {
            int best = 0;
            for (DefaultEdge edge : condensation.outgoingEdgesOf(component)) {
                Graph<String, DefaultEdge> dependency = condensation.getEdgeTarget(edge);
                int candidate = componentDepth.get(dependency) + 1;
                if (candidate > best) {
                    best = candidate;
                    componentNext.put(component, dependency);
                }
            }
            componentDepth.put(component, best);
        }

        Map<String, Integer> depth = new HashMap<>();
        Map<String, String> next = new HashMap<>();
        for (String vertex : graph.vertexSet()) {
            Graph<String, DefaultEdge> component = componentOf.get(vertex);
            depth.put(vertex, componentDepth.get(component));
            Graph<String, DefaultEdge> following = componentNext.get(component);
            if (following != null) {
                next.put(vertex, entry(graph, vertex, component, following));
            }
        }
        return new Depths(depth, next);
    }

    static List<Finding> findings(DependencyGraph dependencies, String stream, Depths depths, int limit) {
        Graph<String, DefaultEdge> graph = dependencies.graph();
        List<Finding> findings = new ArrayList<>();
        for (Node node : dependencies.tasksOf(stream)) {
            if (depths.depth().get(node.name()) <= limit || neededByReported(graph, node, stream, depths, limit)) {
                continue;
            }
            List<String> chain = depths.chain(node.name());
            findings.add(Finding.error(CrossStreamCodes.DEPTH, node.id() + " starts a dependency chain "
                    + depths.depth().get(node.name()) + " deep, beyond the rulebook's max_dependency_depth of "
                    + limit + ": " + ChainText.of(chain, " -> "), node.location()).withTask(node.id()));
        }
        return findings;
    }

    private static boolean neededByReported(Graph<String, DefaultEdge> graph, Node node, String stream, Depths depths,
            int limit) {
        return graph.incomingEdgesOf(node.name()).stream().map(graph::getEdgeSource)
                .anyMatch(dependent -> dependent.startsWith(stream + ":") && depths.depth().get(dependent) > limit);
    }

    /** A vertex of {@code following} that {@code vertex}, or else another vertex of its component, needs. */
    private static String entry(Graph<String, DefaultEdge> graph, String vertex, Graph<String, DefaultEdge> component,
            Graph<String, DefaultEdge> following) {
        Set<String> targets = following.vertexSet();
        return Stream.concat(Stream.of(vertex), component.vertexSet().stream())
                .flatMap(from -> graph.outgoingEdgesOf(from).stream().map(graph::getEdgeTarget))
                .filter(targets::contains)
                .findFirst()
                .orElseThrow();
    }
}
