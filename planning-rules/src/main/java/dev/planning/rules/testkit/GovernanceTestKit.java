package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.artifact.Task;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.internal.drools.DroolsGovernanceEngine;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Policies tested in memory: DRL text in, governance decisions out, with no rulebook directory,
 * no {@code rulebook.yaml} and no gate profiles.
 *
 * <pre>{@code
 * GovernanceTestKit kit = GovernanceTestKit.fromDrl("""
 *         package policies;
 *         import dev.planning.rules.facts.TaskFact;
 *         import dev.planning.rules.facts.Report;
 *         rule "max-estimate" @severity(HIGH)
 *         when $t : TaskFact(effort > 13)
 *         then insert(Report.violation(kcontext, $t, $t.id() + " is estimated above 13 points; split it"));
 *         end
 *         """);
 *
 * assertThat(kit.evaluate(Task.builder("FE-1", "Checkout").effort(21).build(),
 *                 Task.builder("FE-2", "Cart").effort(13).build()))
 *         .hasOnlyViolations(v("max-estimate", "FE-1"))
 *         .hasViolation("max-estimate").on("FE-1").withSeverity(ViolationSeverity.HIGH);
 * }</pre>
 *
 * <p>The DRL is held to the same policy language as a rulebook's files and compiled when the kit
 * is made, so a mistake surfaces at once as an {@link dev.planning.api.InvalidInputException}
 * naming the file ({@code policy.drl} for a single text), line and column. Settings a rulebook
 * would carry (thresholds, the tag taxonomy, required tags) are given with the {@code with...}
 * methods, each returning a new kit: a kit is immutable and may be shared between threads.
 * Compilations are cached by content, so deriving kits with other settings does not compile again.
 *
 * <p>{@link #evaluate(Task...)} judges tasks as the plan of {@link #DEFAULT_CYCLE} (or the cycle
 * given with {@link #withCycle}) on {@link #DEFAULT_TODAY} (or {@link #withToday}); for waivers,
 * other streams, a story map or earlier gate results, build the input with {@link #input()}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GovernanceTestKit {

    /** The cycle tasks are judged in unless {@link #withCycle} says otherwise: {@code test/cycle-1}. */
    public static final CycleRef DEFAULT_CYCLE = new CycleRef("test", "cycle-1");

    /** The day waivers are judged against unless {@link #withToday} says otherwise: 2025-01-01. */
    public static final LocalDate DEFAULT_TODAY = LocalDate.of(2025, 1, 1);

    /** The file name a single DRL text is compiled (and its errors located) as. */
    public static final String SINGLE_FILE = "policy.drl";

    private static final DroolsGovernanceEngineFactory FACTORY = new DroolsGovernanceEngineFactory();
    private static final String PROFILE = "default";

    private final Map<String, String> sources;
    private final Rulebook rulebook;
    private final CycleRef cycle;
    private final LocalDate today;
    private final DroolsGovernanceEngine engine;

    private GovernanceTestKit(Map<String, String> sources, Rulebook rulebook, CycleRef cycle, LocalDate today) {
        this.sources = sources;
        this.rulebook = rulebook;
        this.cycle = cycle;
        this.today = today;
        this.engine = sources == null ? FACTORY.create(rulebook) : FACTORY.create(rulebook, sources);
    }

    /**
     * A kit for one DRL text, compiled as {@value #SINGLE_FILE}.
     *
     * @param drl the rule file's text, never {@code null}
     * @return the kit
     * @throws dev.planning.api.InvalidInputException when the text leaves the policy language or
     *         does not compile, located at {@value #SINGLE_FILE}, line and column
     */
    public static GovernanceTestKit fromDrl(String drl) {
        Objects.requireNonNull(drl, "drl");
        return fromDrl(Map.of(SINGLE_FILE, drl));
    }

    /**
     * A kit for several DRL files, by file name (such as {@code rules/release.drl}); compiled in
     * name order, as a rulebook's files are.
     *
     * @param files file name to DRL text; at least one
     * @return the kit
     * @throws IllegalArgumentException when no file is given
     * @throws dev.planning.api.InvalidInputException when a file leaves the policy language or does
     *         not compile, located at its name, line and column
     */
    public static GovernanceTestKit fromDrl(Map<String, String> files) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files: expected at least one DRL file");
        }
        Map<String, String> sorted = new TreeMap<>();
        files.forEach((name, text) -> sorted.put(Objects.requireNonNull(name, "file name"),
                Objects.requireNonNull(text, "DRL of " + name)));
        Rulebook rulebook = memoryRulebook(sorted, Map.of(), Map.of(), List.of());
        return new GovernanceTestKit(Map.copyOf(sorted), rulebook, DEFAULT_CYCLE, DEFAULT_TODAY);
    }

    /**
     * A kit for a rulebook loaded from its directory (its DRL files are read from there), with its
     * own thresholds, taxonomy and required tags.
     *
     * @param rulebook the rulebook, never {@code null}
     * @return the kit
     */
    public static GovernanceTestKit fromRulebook(Rulebook rulebook) {
        Objects.requireNonNull(rulebook, "rulebook");
        return new GovernanceTestKit(null, rulebook, DEFAULT_CYCLE, DEFAULT_TODAY);
    }

    /**
     * This kit with a threshold set ({@code RulebookFacts.threshold(name, fallback)} reads it).
     *
     * @param name the threshold's name
     * @param value its value
     * @return a copy of this kit with the threshold set
     * @throws dev.planning.api.InvalidInputException when the name cannot hold the value, as in a loaded
     *         rulebook ({@link dev.planning.api.rulebook.ThresholdBound}: {@code critical_approvals} 2.5, NaN)
     */
    public GovernanceTestKit withThreshold(String name, double value) {
        Objects.requireNonNull(name, "name");
        Map<String, Double> thresholds = new LinkedHashMap<>(rulebook.thresholds());
        thresholds.put(name, value);
        return with(thresholds, rulebook.taxonomy(), rulebook.requiredTags());
    }

    /**
     * This kit with the allowed values of a tag key ({@code RulebookFacts.allows(key, value)}).
     *
     * @param key the tag key
     * @param allowed the values allowed for it
     * @return a copy of this kit with the taxonomy set
     */
    public GovernanceTestKit withTaxonomy(String key, String... allowed) {
        Objects.requireNonNull(key, "key");
        Map<String, List<String>> taxonomy = new LinkedHashMap<>(rulebook.taxonomy());
        taxonomy.put(key, List.of(allowed));
        return with(rulebook.thresholds(), taxonomy, rulebook.requiredTags());
    }

    /**
     * This kit with the tag keys every task must carry (replacing any given before).
     *
     * @param keys the required tag keys
     * @return a copy of this kit with these required tags
     */
    public GovernanceTestKit withRequiredTags(String... keys) {
        return with(rulebook.thresholds(), rulebook.taxonomy(), List.of(keys));
    }

    /**
     * This kit judging tasks in another cycle (its stream is each {@code TaskFact.stream}).
     *
     * @param value the cycle
     * @return a copy of this kit judging in that cycle
     */
    public GovernanceTestKit withCycle(CycleRef value) {
        return new GovernanceTestKit(sources, rulebook, Objects.requireNonNull(value, "cycle"), today);
    }

    /**
     * This kit judging waivers against another day.
     *
     * @param value the day
     * @return a copy of this kit judging on that day
     */
    public GovernanceTestKit withToday(LocalDate value) {
        return new GovernanceTestKit(sources, rulebook, cycle, Objects.requireNonNull(value, "today"));
    }

    /**
     * Judges these tasks as the kit's cycle's plan, on the kit's day, with nothing else.
     *
     * @param tasks the tasks
     * @return the decision
     */
    public GovernanceDecision evaluate(Task... tasks) {
        return evaluate(input().tasks(tasks).build());
    }

    /**
     * Judges an input (build one with {@link #input()}). A rule that fails on these facts reaches no
     * decision: its error is thrown, as the governance gate reports it.
     *
     * @param input the input
     * @return the decision
     * @throws dev.planning.api.InvalidInputException when a rule's consequence, or a condition while the
     *         facts are matched, throws: naming the rule (or the constraint) and what it threw, located at the
     *         rule's {@code rule "name"} line
     * @throws dev.planning.api.governance.EvaluationLimitException when the evaluation passes one of its
     *         bounds (a rule's joins, a text's length, the time limit, the heap or the stack)
     * @throws dev.planning.api.PlanningException when rules fire more than the rulebook's
     *         {@code max_rule_firings} times
     */
    public GovernanceDecision evaluate(GovernanceInput input) {
        return engine.evaluate(Objects.requireNonNull(input, "input"));
    }

    /**
     * A builder for an input in the kit's cycle, judged on the kit's day.
     *
     * @return a builder for an input in the kit's cycle, judged on the kit's day
     */
    public GovernanceInput.Builder input() {
        return GovernanceInput.builder(cycle, today);
    }

    /**
     * Runs rule test cases (as read by {@link RuleTestFiles}) against the kit's rules.
     *
     * @param cases the cases, in order
     * @return each case's result and the rule coverage
     */
    public RuleTestReport run(List<RuleTestCase> cases) {
        return RuleTestRunner.of(engine).run(cases);
    }

    /**
     * The names of the kit's rules.
     *
     * @return the names of the kit's rules
     */
    public SortedSet<String> ruleNames() {
        return engine.ruleNames();
    }

    /**
     * The governance engine behind the kit.
     *
     * @return the governance engine behind the kit
     */
    public GovernanceEngine engine() {
        return engine;
    }

    /**
     * The rulebook the kit judges with (for DRL text, one held in memory with a single empty profile).
     *
     * @return the rulebook the kit judges with (for DRL text, one held in memory with a single empty profile)
     */
    public Rulebook rulebook() {
        return rulebook;
    }

    private GovernanceTestKit with(Map<String, Double> thresholds, Map<String, List<String>> taxonomy,
            List<String> requiredTags) {
        Rulebook changed = sources != null
                ? memoryRulebook(sources, thresholds, taxonomy, requiredTags)
                : new Rulebook(rulebook.directory(), rulebook.hash(), rulebook.version(), rulebook.profiles(),
                        rulebook.streamProfiles(), rulebook.defaultProfile(), taxonomy, requiredTags, thresholds,
                        rulebook.ruleFiles(), rulebook.signing(), rulebook.kpis(), rulebook.givenDirectory());
        return new GovernanceTestKit(sources, changed, cycle, today);
    }

    /**
     * A rulebook for DRL held in memory. Its hash covers the sources only (file names and texts),
     * so kits that differ in settings share one compilation; its directory is never read.
     */
    private static Rulebook memoryRulebook(Map<String, String> sources, Map<String, Double> thresholds,
            Map<String, List<String>> taxonomy, List<String> requiredTags) {
        return new Rulebook(Path.of("").toAbsolutePath().resolve("in-memory-rulebook"), hash(sources), "memory",
                Map.of(PROFILE, new GateProfile(PROFILE, List.of())), Map.of(), PROFILE, taxonomy, requiredTags,
                thresholds, List.copyOf(new TreeMap<>(sources).keySet()));
    }

    private static String hash(Map<String, String> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("planning in-memory rulebook\n".getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(sources).forEach((name, text) -> {
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
                // Lengths first, so that no two different file sets read as the same byte stream.
                sha.update((nameBytes.length + ":" + textBytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(nameBytes);
                sha.update(textBytes);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "GovernanceTestKit" + Arrays.asList(rulebook.ruleFiles().toArray()) + " in " + cycle + " on " + today;
    }
}
