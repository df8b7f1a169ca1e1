package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.gate.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds dependency cycles through the checked stream. Each strongly connected component with
 * more than one task is one cycle finding, however many cycles it holds, reported as the
 * shortest cycle through its first task of the checked stream (in plan order), written out in
 * full: {@code fe:FE-12 -> be:PLN-BE-001 -> fe:FE-12}.
 */
final class CycleCheck {

    private CycleCheck() {
    }

    /** The cycles, each as its path from the first node back to it. */
    static List<List<String>> cycles(DependencyGraph dependencies, String stream) {
        Graph<String, DefaultEdge> graph = dependencies.graph();
        List<String> order = dependencies.tasksOf(stream).stream().map(Node::name).toList();
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() < 2) {
                continue;
            }
            order.stream().filter(component::contains).findFirst()
                    .ifPresent(start -> cycles.add(shortestCycle(graph, component, start)));
        }
        cycles.sort(Comparator.comparing(path -> order.indexOf(path.get(0))));
        return cycles;
    }

    static List<Finding> findings(DependencyGraph dependencies, List<List<String>> cycles) {
        List<Finding> findings = new ArrayList<>();
        for (List<String> cycle : cycles) {
            Node start = dependencies.node(cycle.get(0));
            Set<String> streams = new HashSet<>();
            cycle.forEach(name -> streams.add(dependencies.node(name).stream()));
            String kind = streams.size() > 1 ? "cross-stream dependency cycle" : "dependency cycle";
            findings.add(Finding.error(CrossStreamCodes.CYCLE, kind + ": " + ChainText.of(cycle, " -> ")
                    + " (" + locations(dependencies, cycle) + "); break one of these dependencies",
                    start.location()).withTask(start.id()));
        }
        return findings;
    }

    private static List<String> shortestCycle(Graph<String, DefaultEdge> graph, Set<String> component, String start) {
        Graph<String, DefaultEdge> inside = new AsSubgraph<>(graph, component);
        GraphPath<String, DefaultEdge> best = null;
        for (DefaultEdge edge : inside.outgoingEdgesOf(start)) {
            GraphPath<String, DefaultEdge> back = BFSShortestPath.findPathBetween(inside, inside.getEdgeTarget(edge), start);
            if (back != null && (best == null || back.getLength() < best.getLength())) {
                best = back;
            }
        }
        List<String> path = new ArrayList<>();
        path.add(start);
        // A strongly connected component of two or more vertices always has a way back to start.
        path.addAll(best.getVertexList());
        return path;
    }

    private static String locations(DependencyGraph dependencies, List<String> cycle) {
        return ChainText.of(cycle.subList(0, cycle.size() - 1).stream()
                .map(name -> dependencies.node(name).id() + " at " + dependencies.node(name).location())
                .toList(), ", ");
    }
}
