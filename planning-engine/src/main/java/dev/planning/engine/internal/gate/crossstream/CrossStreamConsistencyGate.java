package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.CapacityModel;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.ArtifactKind;
import dev.planning.engine.internal.gate.StreamThresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code cross_stream_consistency} gate. Builds one dependency graph from the plan of the
 * checked cycle and the plans of the workspace's other streams ({@link GateContext#otherStreams()}),
 * and reports, for the tasks of the checked stream:
 * <ul>
 * <li>{@code cross-stream.dangling}: a dependency {@code be:PLN-BE-009} that is neither a task of
 *     the be plan nor a contract declared in the checked stream's
 *     {@code contracts/{cycle}-contracts.yaml};</li>
 * <li>{@code cross-stream.cycle}: a dependency cycle through the stream, within it or across
 *     streams, written as its full path ({@code fe:FE-12 -> be:PLN-BE-001 -> fe:FE-12});</li>
 * <li>{@code cross-stream.depth}: a chain of dependencies deeper than the rulebook's
 *     {@code max_dependency_depth} (default {@value #DEFAULT_MAX_DEPTH});</li>
 * <li>{@code cross-stream.timeline}: a dependency due, or planned, after the task that needs it;</li>
 * <li>{@code cross-stream.capacity}: an owner or team planned beyond {@code frameworks/capacity.yaml}
 *     in this cycle, counting the work of every stream's plan of the same cycle id.</li>
 * </ul>
 * Each problem is reported once, as an error on the checked stream's task it concerns (its file and
 * line), naming the other tasks and their places in the message. A cross-stream cycle is reported
 * by the gate of every stream it passes through. Without a contracts file nothing resolves by
 * contract; without a capacity model capacity is not checked.
 *
 * <p>Everything it judges comes from the context (the plans, {@link GateContext#contracts()},
 * {@link GateContext#capacity()}, the rulebook); the gate reads no file and keeps nothing.
 *
 * <p>Evidence: the streams and cycles compared, counts of tasks and dependencies, the references
 * resolved by contract, the cycles as paths, the deepest chain and the limit, and each budgeted
 * owner's and team's load against its capacity.
 */
public final class CrossStreamConsistencyGate implements Gate {

    /** The gate's name in gate profiles. */
    public static final String NAME = "cross_stream_consistency";

    /** The depth limit when the rulebook sets no {@code max_dependency_depth}. */
    public static final int DEFAULT_MAX_DEPTH = 5;

    /** The gate; the layout, contracts and capacity model come with each context. */
    public CrossStreamConsistencyGate() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "cross-stream dependencies resolve to tasks or contracts; no dependency cycles; depth, timeline and"
                + " capacity within limits";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        CycleRef cycle = context.cycle();
        if (context.tasks().isEmpty()) {
            return GateResult.of(NAME, List.of(Finding.error(CrossStreamCodes.NO_PLAN, "no readable task breakdown for "
                    + cycle + "; cross-stream checks need the plan (run `planning lint`)",
                    SourceLocation.ofFile(context.files().path(cycle, ArtifactKind.TASK_BREAKDOWN)))), Map.of());
        }
        TaskBreakdown own = context.tasks().get();
        Map<String, TaskBreakdown> plans = new LinkedHashMap<>();
        plans.put(cycle.stream(), own);
        context.otherStreams().forEach(plans::putIfAbsent);
        int limit = (int) new StreamThresholds(context.rulebook(), cycle.stream())
                .get("max_dependency_depth", DEFAULT_MAX_DEPTH);
        return check(context, plans, limit);
    }

    private GateResult check(GateContext context, Map<String, TaskBreakdown> plans, int limit) {
        CycleRef cycle = context.cycle();
        TaskBreakdown own = plans.get(cycle.stream());
        List<Finding> findings = new ArrayList<>();
        List<Contract> contracts = readOptional(context::contracts, context.files().path(cycle, ArtifactKind.CONTRACTS),
                "contracts file", findings).orElse(List.of());
        Optional<CapacityModel> capacity = readOptional(() -> context.capacity().orElse(null),
                context.files().path(cycle, ArtifactKind.CAPACITY_MODEL), "capacity model", findings);
        DependencyGraph graph = DependencyGraph.build(plans, cycle.stream(), contracts);

        findings.addAll(danglingFindings(graph, context.files().path(cycle, ArtifactKind.CONTRACTS)));
        List<List<String>> cycles = CycleCheck.cycles(graph, cycle.stream());
        findings.addAll(CycleCheck.findings(graph, cycles));
        DepthCheck.Depths depths = DepthCheck.depths(graph.graph());
        findings.addAll(DepthCheck.findings(graph, cycle.stream(), depths, limit));
        findings.addAll(TimelineCheck.findings(graph, cycle.stream()));
        List<CapacityCheck.Load> loads = capacity
                .map(model -> CapacityCheck.loads(model, cycle.stream(), cycle.cycleId(), plans))
                .orElse(List.of());
        findings.addAll(CapacityCheck.findings(loads, cycle.stream(), own));
        capacity.ifPresent(model -> findings.addAll(CapacityCheck.unclearOwners(model, own)));

        return GateResult.of(NAME, findings, CrossStreamEvidence.of(plans, graph, cycles, depths, limit, loads,
                capacity.map(CapacityModel::source)));
    }

    private static List<Finding> danglingFindings(DependencyGraph graph, String contractsFile) {
        List<Finding> findings = new ArrayList<>();
        for (DependencyGraph.Dangling dangling : graph.dangling()) {
            String provider = dangling.reference().stream().orElseThrow();
            String where = graph.plan(provider)
                    .map(plan -> "a task of the " + provider + " plan (" + plan.source() + ")")
                    .orElse("a task of a " + provider + " plan (the workspace has none)");
            Node from = dangling.from();
            findings.add(Finding.error(CrossStreamCodes.DANGLING, from.id() + " depends on " + dangling.reference()
                    + ", which is neither " + where + " nor a contract declared in " + contractsFile
                    + "; add the task, declare a contract (provider, id, status, owner) or remove the dependency",
                    from.task().map(t -> t.locationOf(dangling.reference())).orElse(from.location()))
                    .withTask(from.id()));
        }
        return findings;
    }

    /** An optional input of the context: absent is fine, malformed is one error finding and not used. */
    private static <T> Optional<T> readOptional(Supplier<T> input, String path, String what, List<Finding> findings) {
        try {
            return Optional.ofNullable(input.get());
        } catch (InvalidInputException e) {
            findings.add(new Finding(CrossStreamCodes.INPUT_INVALID, Severity.ERROR, "the " + what + " " + path
                    + " is invalid, so it was not used: " + firstMistake(e) + "; expected a " + what
                    + " that `planning lint` passes",
                    Optional.of(e.location().orElse(SourceLocation.ofFile(path))), Optional.empty()));
            return Optional.empty();
        }
    }

    /**
     * A refusal as one line of a finding: its first mistake, without the location the finding already
     * has, and how many more there are ({@code planning lint} lists each); whatever the reader, or an
     * embedder's context, put in the message, control characters and line breaks are shown escaped.
     */
    static String firstMistake(InvalidInputException e) {
        List<String> lines = String.valueOf(e.getMessage()).strip().lines().toList();
        // ErrorList's form: "lead: N errors:", then one indented "location: mistake" line each.
        List<String> listed = lines.stream().skip(1).filter(l -> l.startsWith("  ")).toList();
        String first;
        long more;
        if (lines.size() > 1 && !listed.isEmpty()) {
            first = listed.get(0).strip();
            String at = e.location().map(l -> l + ": ").orElse(null);
            if (at != null && first.startsWith(at)) {
                first = first.substring(at.length());
            }
            more = listed.size() - 1;
            // ErrorList's last line when it listed only some: "and N more". (A built-in gate holds no field.)
            Matcher rest = Pattern.compile("\\s*and (\\d{1,9}) more").matcher(listed.get(listed.size() - 1));
            if (rest.matches()) {
                more += Long.parseLong(rest.group(1)) - 1;
            }
        } else {
            first = String.join(" ", lines);
            more = 0;
        }
        return Printable.line(first) + (more == 0 ? "" : " (and " + more + " more mistake" + (more == 1 ? "" : "s")
                + ", which `planning lint` lists)");
    }
}
