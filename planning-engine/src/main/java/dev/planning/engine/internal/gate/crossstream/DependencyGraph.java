package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Every task of every stream's plan, and the consuming stream's contracts, as one directed graph
 * with an edge from each task to each task (or contract) it depends on. References that resolve
 * to nothing are kept aside as {@link Dangling}; self-references are lint's to report and are
 * left out.
 */
final class DependencyGraph {

    /** A dependency of a task of the checked stream that names neither a task nor a contract. */
    record Dangling(Node from, TaskRef reference) {
    }

    private final Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, TaskBreakdown> plans;
    private final List<Dangling> dangling = new ArrayList<>();
    private final List<Node> byContract = new ArrayList<>();

    private DependencyGraph(Map<String, TaskBreakdown> plans) {
        this.plans = plans;
    }

    /**
     * @param plans     each stream's plan, the checked stream's first
     * @param stream    the checked stream, whose contracts are given
     * @param contracts the checked stream's declared contracts
     */
    static DependencyGraph build(Map<String, TaskBreakdown> plans, String stream, List<Contract> contracts) {
        DependencyGraph built = new DependencyGraph(plans);
        plans.forEach((name, plan) -> plan.tasks().forEach(task -> built.add(Node.of(name, task))));
        Map<String, Contract> declared = new LinkedHashMap<>();
        contracts.forEach(contract -> declared.putIfAbsent(contract.reference(), contract));
        plans.forEach((name, plan) -> plan.tasks().forEach(task -> {
            for (TaskRef reference : task.dependencies()) {
                boolean checked = name.equals(stream);
                built.link(name, task, reference, checked, checked ? declared : Map.of());
            }
        }));
        return built;
    }

    private void add(Node node) {
        if (nodes.putIfAbsent(node.name(), node) == null) {
            graph.addVertex(node.name());
        }
    }

    private void link(String stream, Task task, TaskRef reference, boolean checked, Map<String, Contract> contracts) {
        String from = stream + ":" + task.id();
        String target = reference.stream().orElse(stream) + ":" + reference.id();
        if (target.equals(from)) {
            return;
        }
        if (!nodes.containsKey(target)) {
            Contract contract = contracts.get(target);
            if (contract == null) {
                // Unresolved local ids are schema_lint's (ref.dangling); only cross-stream ones are ours.
                if (checked && reference.isCrossStream() && !reference.stream().get().equals(stream)) {
                    dangling.add(new Dangling(nodes.get(from), reference));
                }
                return;
            }
            add(Node.of(contract));
            byContract.add(nodes.get(target));
        }
        graph.addEdge(from, target);
    }

    Graph<String, DefaultEdge> graph() {
        return graph;
    }

    Node node(String name) {
        return nodes.get(name);
    }

    /** The checked stream's task nodes, in plan order. */
    List<Node> tasksOf(String stream) {
        return nodes.values().stream().filter(n -> n.stream().equals(stream) && n.task().isPresent()).toList();
    }

    /** The nodes a task depends on directly, in the order its dependencies are written. */
    List<Node> dependenciesOf(String name) {
        return graph.outgoingEdgesOf(name).stream().map(graph::getEdgeTarget).map(nodes::get).toList();
    }

    /** Whether the plan of a stream is in the workspace. */
    Optional<TaskBreakdown> plan(String stream) {
        return Optional.ofNullable(plans.get(stream));
    }

    List<Dangling> dangling() {
        return List.copyOf(dangling);
    }

    /** The contracts that some reference of the checked stream resolved to. */
    List<Node> resolvedByContract() {
        return List.copyOf(byContract);
    }

    int taskCount() {
        return (int) nodes.values().stream().filter(n -> n.task().isPresent()).count();
    }

    int edgeCount() {
        return graph.edgeSet().size();
    }
}
