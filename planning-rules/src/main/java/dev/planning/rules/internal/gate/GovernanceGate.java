package dev.planning.rules.internal.gate;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.governance.WaiverHorizon;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.api.store.ArtifactKind;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code governance} gate: evaluates the cycle's plan with the rulebook's policies and fails
 * unless Critical=0 holds.
 *
 * <p>The gate keeps no layout, clock or path of its own: waivers, contracts, today's date and file
 * paths all come from the {@link GateContext}. Waivers come from the cycle's decision log and are
 * judged against {@link GateContext#today()} (the engine's clock, fixed at the sealing moment when
 * a sealed verdict is recomputed). Each unwaived critical violation is an error finding ({@code governance.<rule>}), other
 * violations are warnings, waived violations and unused waivers are for the record (info), a waiver
 * in force that expires within the rulebook's horizon ({@code thresholds.waiver_expiry_warning_days},
 * 14 days by default) is a warning {@code governance.waiver-expiring}. Before
 * any policy, the gate itself fails closed on tag values: a value outside the rulebook's taxonomy
 * for a key it governs is an error {@code governance.taxonomy-unknown-value}, a governed key given
 * twice with different values {@code governance.taxonomy-conflicting-value}; and the facts count an
 * item whose criticality cannot be read as critical (criticality 0). The
 * evidence is the decision record: rules fired, rulebook hash, input digests, waivers used.
 * Problems are reported as located error findings rather than thrown: {@code governance.no-plan},
 * {@code governance.decision-log} (malformed decision log), {@code governance.rulebook} (rule
 * files that do not compile, located in the workspace, or that the context does not serve) and
 * {@code governance.evaluation} (e.g. rules that fire without end, or a rule whose consequence
 * throws: located at its {@code rule "name"} line, naming the rule and what it threw).
 *
 * <p>The rule files are read through the context too ({@link GateContext#rulebookFile}), never
 * from the rulebook directory, when the engine is Drools (the default): a context that serves its
 * rulebook from memory or a store of its own decides the rules judged by. An engine factory of one's
 * own ({@link dev.planning.rules.GovernanceGates#withEngine}) is given the rulebook only.
 *
 * @since 0.1
 */
public final class GovernanceGate implements Gate {

    /** The name gate profiles use. */
    public static final String NAME = "governance";

    /** The finding code of the default rulebook's policy on tag values, superseded by the gate's own error. */
    private static final String ALLOWED_VALUES = "governance.allowed-tag-values";

    /** The finding code of a waiver in force that expires within the rulebook's horizon (a warning). */
    public static final String EXPIRING = "governance.waiver-expiring";

    private final GovernanceEngineFactory factory;

    /**
     * The gate as {@link ServiceLoader} makes it: the first governance engine factory the loader of
     * this class (or, failing that, the thread's context class loader) finds, else Drools.
     */
    public GovernanceGate() {
        this(defaultFactory());
    }

    /**
     * A gate with its engine factory given.
     *
     * @param factory builds the engine for the context's rulebook
     */
    public GovernanceGate(GovernanceEngineFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    private static GovernanceEngineFactory defaultFactory() {
        return ServiceLoader.load(GovernanceEngineFactory.class, GovernanceGate.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(GovernanceEngineFactory.class).findFirst())
                .orElseGet(DroolsGovernanceEngineFactory::new);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the rulebook's governance policies; fails unless Critical=0 holds (no unwaived critical violation)";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        if (context.tasks().isEmpty()) {
            return GateResult.of(NAME, List.of(Finding.error("governance.no-plan", "no task breakdown for "
                    + context.cycle() + "; governance needs the plan to establish Critical=0",
                    SourceLocation.ofFile(context.files().path(context.cycle(), ArtifactKind.TASK_BREAKDOWN)))),
                    Map.of());
        }
        String logPath = context.files().path(context.cycle(), ArtifactKind.DECISION_LOG);
        LocalDate today = context.today();
        List<Waiver> waivers;
        GovernanceEngine engine;
        try {
            waivers = context.waivers();
        } catch (InvalidInputException e) {
            return failure("governance.decision-log", e);
        }
        try {
            engine = engine(context);
        } catch (InvalidInputException e) {
            return failure("governance.rulebook", e);
        }
        List<TaskRef> contracts;
        try {
            contracts = contracts(context);
        } catch (InvalidInputException e) {
            return failure("governance.contracts", e);
        }
        GovernanceInput input = new GovernanceInput(context.cycle(), context.tasks().get(), context.storyMap(),
                context.otherStreams(), context.priorResults(), waivers, today, contracts);
        GovernanceDecision decision;
        try {
            decision = engine.evaluate(input);
        } catch (EvaluationLimitException e) {
            throw e; // no verdict was reached: the rulebook is at fault, not the plan
        } catch (PlanningException e) {
            // Drools locates a rule's failure inside the rulebook (the rule file of a consequence that threw,
            // rulebook.yaml); findings are workspace-relative.
            return failure("governance.evaluation", e,
                    factory instanceof DroolsGovernanceEngineFactory ? rulebookPrefix(context) : "");
        }
        if (decision == null || !decision.rulebookHash().equals(context.rulebook().hash())) {
            // An engine of one's own (GovernanceGates.withEngine) that kept an engine built for another
            // rulebook, or returned nothing, reached no verdict on this one: never a pass.
            return failure("governance.evaluation", new PlanningException(decision == null
                    ? "the governance engine returned no decision"
                    : "the governance engine judged rulebook " + decision.rulebookHash() + ", not this cycle's rulebook "
                            + context.rulebook().hash() + "; its factory must build the engine for the rulebook it is given"));
        }
        List<Finding> taxonomy = TaxonomyFindings.of(context.tasks().get(), TagTaxonomy.of(context.rulebook()));
        Set<String> flagged = taxonomy.stream().flatMap(f -> f.taskId().stream()).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>(taxonomy);
        // The taxonomy error already says what a policy's warning about the same value would say.
        DecisionReport.findings(decision, waivers, today, logPath).stream()
                .filter(f -> !(f.code().equals(ALLOWED_VALUES) && f.taskId().filter(flagged::contains).isPresent()))
                .forEach(findings::add);
        int horizon;
        try {
            horizon = WaiverHorizon.days(context.rulebook());
        } catch (InvalidInputException e) {
            return failure("governance.rulebook", e);
        }
        List<Waiver> expiring = WaiverHorizon.expiring(waivers, today, horizon);
        for (Waiver w : expiring) {
            findings.add(new Finding(EXPIRING, Severity.WARNING, "waiver of " + Printable.line(w.rule()) + " for "
                    + Printable.line(w.item()) + " " + WaiverHorizon.describe(w, today) + "; after that the violation it waives counts again",
                    Optional.of(SourceLocation.ofFile(logPath)), Optional.of(w.item()),
                    expiringFacts(w, today, horizon),
                    Optional.of("Fix the waived violation, or renew the waiver with its approver")));
        }
        Map<String, Object> evidence = new LinkedHashMap<>(DecisionReport.evidence(decision, waivers, today, logPath));
        evidence.put("waivers_expiring", expiring.stream().map(w -> Map.of("rule", w.rule(), "item", w.item(),
                "expires", w.expires().toString())).toList());
        evidence.put("waiver_horizon_days", horizon);
        evidence.put("taxonomy_errors", taxonomy.size());
        return GateResult.of(NAME, findings, evidence);
    }

    /** What an expiring waiver's warning compared, in the order its message names them. */
    private static Map<String, String> expiringFacts(Waiver waiver, LocalDate today, int horizon) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("expires", waiver.expires().toString());
        facts.put("days_left", String.valueOf(WaiverHorizon.daysLeft(waiver, today)));
        facts.put("horizon_days", String.valueOf(horizon));
        return facts;
    }

    /** The cycle's declared contracts, as references into their provider streams. */
    private static List<TaskRef> contracts(GateContext context) {
        return context.contracts().stream()
                .map(c -> new TaskRef(Optional.of(c.provider()), c.id()))
                .toList();
    }

    private static GateResult failure(String code, PlanningException e) {
        return failure(code, e, "");
    }

    /** A failed result with the exception's message, its location's file under {@code prefix}. */
    private static GateResult failure(String code, PlanningException e, String prefix) {
        Optional<SourceLocation> location = e.location().map(l -> prefix.isEmpty() ? l
                : new SourceLocation(prefix + l.file(), l.line(), l.column()));
        return GateResult.of(NAME, List.of(new Finding(code, Severity.ERROR, e.getMessage(), location, Optional.empty())),
                Map.of());
    }

    private GovernanceEngine engine(GateContext context) {
        try {
            if (factory instanceof DroolsGovernanceEngineFactory drools) {
                // The rules come through the context, as everything else a gate reads: never from the
                // rulebook directory, which a context of one's own may not have.
                return drools.createFromFiles(context.rulebook(), ruleFiles(context));
            }
            return factory.create(context.rulebook());
        } catch (InvalidInputException e) {
            // The compiler locates errors inside the rulebook; findings are workspace-relative.
            Optional<SourceLocation> inWorkspace = e.location().map(l -> new SourceLocation(
                    rulebookPrefix(context) + l.file(), l.line(), l.column()));
            throw new InvalidInputException(e.getMessage(), inWorkspace.orElse(null), e);
        }
    }

    /**
     * Every rule file of the rulebook, as the context serves it. A file it does not serve is a
     * refusal, never a rule left out: the verdict would otherwise name rules it was not judged by.
     */
    private static Map<String, byte[]> ruleFiles(GateContext context) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : context.rulebook().ruleFiles()) {
            byte[] content = context.rulebookFile(file).orElseThrow(() -> new InvalidInputException(
                    "the gate context serves no rule file " + Printable.line(file) + " of the rulebook in force"
                            + " (GateContext.rulebookFile); nothing is judged without every rule the rulebook lists",
                    SourceLocation.ofFile(file)));
            files.put(file, content);
        }
        return files;
    }

    private static String rulebookPrefix(GateContext context) {
        // As the loader names the rulebook: relative to the workspace inside it, as given outside it.
        Path workspace = context.workspace().toAbsolutePath().normalize();
        Path given = context.rulebook().givenDirectory();
        Path rulebook = given.toAbsolutePath().normalize();
        if (rulebook.equals(workspace)) {
            return "";
        }
        Path shown = rulebook.startsWith(workspace) ? workspace.relativize(rulebook) : given.normalize();
        return shown.toString().replace('\\', '/') + "/";
    }
}
