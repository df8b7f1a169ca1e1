package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.artifact.TaskBreakdown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The evidence map of a {@code cross_stream_consistency} run: JSON-ready values only. */
final class CrossStreamEvidence {

    private CrossStreamEvidence() {
    }

    static Map<String, Object> of(Map<String, TaskBreakdown> plans, DependencyGraph graph, List<List<String>> cycles,
            DepthCheck.Depths depths, int limit, List<CapacityCheck.Load> loads, Optional<String> capacityModel) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        Map<String, Object> streams = new LinkedHashMap<>();
        plans.forEach((stream, plan) -> streams.put(stream, pair("cycle", plan.cycleId(), "plan", plan.source())));
        evidence.put("streams", streams);
        evidence.put("tasks", graph.taskCount());
        evidence.put("dependencies", graph.edgeCount());
        evidence.put("resolved_by_contract", graph.resolvedByContract().stream()
                .map(node -> pair("reference", node.name(), "status",
                        node.contract().orElseThrow().status().name().toLowerCase(Locale.ROOT)))
                .toList());
        evidence.put("dangling", graph.dangling().stream()
                .map(d -> d.from().name() + " -> " + d.reference()).toList());
        evidence.put("cycles", cycles.stream().map(path -> String.join(" -> ", path)).toList());
        evidence.put("max_depth", depths.max());
        evidence.put("depth_limit", limit);
        capacityModel.ifPresent(source -> evidence.put("capacity_model", source));
        Map<String, Object> capacity = new LinkedHashMap<>();
        for (CapacityCheck.Load load : loads) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", load.kind());
            entry.put("planned", load.points());
            entry.put("capacity", load.capacity());
            entry.put("over", load.over());
            capacity.put(load.name(), entry);
        }
        evidence.put("capacity", capacity);
        return evidence;
    }

    /** Two entries in this order (Map.of would order them differently from run to run). */
    private static Map<String, Object> pair(String key, Object value, String otherKey, Object otherValue) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        map.put(otherKey, otherValue);
        return map;
    }
}
