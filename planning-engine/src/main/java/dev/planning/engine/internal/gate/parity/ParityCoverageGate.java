package dev.planning.engine.internal.gate.parity;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.store.ArtifactKind;
import dev.planning.engine.internal.cycle.PublishedDigests;
import dev.planning.engine.internal.gate.StreamThresholds;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.outcome.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code parity_coverage} gate. What it checks depends on the transition it runs at:
 * <ul>
 * <li><b>planning level</b>, at a transition into {@code PLANNED}, {@code READY_FOR_HANDOFF} or
 *     {@code PACKAGED}: every story of the story map has a task, every task links to a story, and
 *     the coverage the rulebook requires is planned (see {@code PlanParity}); an improvement action carried
 *     from a digest needs no story when its {@code origin} names an action of a digest another cycle of the
 *     stream published (its event log records the file's SHA-256), and is an error otherwise (origin41);</li>
 * <li><b>post-execution</b>, at a transition into {@code EXECUTED} or later: planned vs delivered
 *     and scope variance from the items' statuses and the imported deployments, failed imported
 *     tests, and unit and e2e coverage of the JaCoCo XML and LCOV reports in {@code outcomes/{cycle}/}
 *     against the rulebook's minimums and the previous cycle (see {@code DeliveryParity},
 *     {@code TestResults} and {@code CoverageCheck}).</li>
 * </ul>
 * The outcomes come from the context ({@link GateContext#outcomes()},
 * {@link GateContext#previousCoverage()}), and the digests other cycles published from the engine's context
 * ({@link PublishedDigests}; a context that does not supply them verifies no origin): the gate reads no file and
 * keeps nothing.
 * Thresholds, all optional, from the rulebook: {@code unit_coverage_min}, {@code e2e_coverage_min}
 * (percent), {@code delivered_ratio_min} (0..1), {@code scope_variance_max_pct},
 * {@code coverage_regression_tolerance_pct}; each may be set per stream ({@link StreamThresholds}).
 *
 * <p>Evidence: {@code mode} ({@code planning} or {@code post_execution}) and the figures each
 * check computed (stories, unlinked items, coverage targets; planned, delivered, ratio, variance,
 * coverage per kind with its delta against the previous cycle).
 */
public final class ParityCoverageGate implements Gate {

    /** The gate's name in gate profiles. */
    public static final String NAME = "parity_coverage";

    /** The gate; the layout comes with each context. */
    public ParityCoverageGate() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "story map and plan cover each other; planned vs delivered; coverage against thresholds and the"
                + " previous cycle";
    }

    /** Whether a transition into {@code to} judges outcomes rather than the plan. */
    public static boolean isPostExecution(CycleState to) {
        return to.compareTo(CycleState.EXECUTED) >= 0;
    }

    /**
     * Why there is no story map to compare, and what to do. A story map is optional to lint (not
     * every stream keeps one), so lint passes when it is absent: only a file that exists but cannot
     * be read is sent to lint for the reason.
     */
    private static String noStoryMap(CycleRef cycle, String storyMap, boolean exists) {
        if (exists) {
            return "no readable story map for " + cycle + "; parity compares the plan with " + storyMap
                    + " (run `planning lint` to see why it cannot be read)";
        }
        return "no story map for " + cycle + "; parity compares the plan with its story map: expected " + storyMap
                + " (Markdown with YAML front matter listing activities and their stories), or a rulebook profile"
                + " without " + NAME + " at this transition";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        CycleRef cycle = context.cycle();
        if (context.tasks().isEmpty()) {
            String plan = context.files().path(cycle, ArtifactKind.TASK_BREAKDOWN);
            return GateResult.of(NAME, List.of(Finding.error(ParityCodes.NO_PLAN, "no readable task breakdown for "
                    + cycle + "; parity needs the plan (run `planning lint`)", SourceLocation.ofFile(plan))), Map.of());
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        boolean post = isPostExecution(context.transition().to());
        StreamThresholds thresholds = new StreamThresholds(context.rulebook(), cycle.stream());
        evidence.put("mode", post ? "post_execution" : "planning");
        if (post) {
            CycleOutcomes outcomes = context.outcomes();
            DeliveryParity.check(context.tasks().get(), context.storyMap(), new Delivery(outcomes.deployedTaskIds()),
                    thresholds, evidence, findings);
            TestResults.check(outcomes.tests(), thresholds, evidence, findings);
            CoverageCheck.check(cycle, outcomes.coverage(), context.previousCoverage(), thresholds, evidence, findings);
        } else if (context.storyMap().isEmpty()) {
            String storyMap = context.files().path(cycle, ArtifactKind.STORY_MAP);
            findings.add(Finding.error(ParityCodes.NO_STORY_MAP, noStoryMap(cycle, storyMap,
                    context.files().exists(storyMap)), SourceLocation.ofFile(storyMap)));
        } else {
            // A carried action's origin is checked against the digest its cycle published, through the context.
            CarriedOrigins origins = new CarriedOrigins(cycle, ref -> context.files().path(ref, ArtifactKind.DIGEST),
                    PublishedDigests.of(context)::publishedDigest);
            PlanParity.check(context.tasks().get(), context.storyMap().get(), origins, evidence, findings);
        }
        if (!post) {
            PlanParity.checkTargets(context.tasks().get(), thresholds, evidence, findings);
        }
        return GateResult.of(NAME, findings, evidence);
    }
}
