package dev.planning.rules.internal.drools;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Violation;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.facts.GovernanceFacts;
import dev.planning.rules.facts.Report;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.ViolationFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.mvel.ConstraintEvaluationException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.internal.runtime.conf.ForceEagerActivationOption;

/**
 * A governance engine backed by one compiled rulebook. Each {@link #evaluate} runs in a fresh
 * session that is disposed afterwards, so instances are safe to share between threads.
 *
 * <p>Obtain one from {@link DroolsGovernanceEngineFactory#create(Rulebook)}.
 *
 * @since 0.1
 */
public final class DroolsGovernanceEngine implements GovernanceEngine {

    /** The threshold that bounds rule firings per evaluation. */
    public static final String MAX_RULE_FIRINGS = "max_rule_firings";

    private static final int DEFAULT_MAX_RULE_FIRINGS = 100_000;

    /**
     * The threshold that bounds the wall-clock time of one evaluation, in seconds; the operator's
     * {@code planning.rules.maxEvaluationSeconds} (or {@code PLANNING_RULES_MAX_EVALUATION_SECONDS},
     * default 60) bounds it in turn.
     */
    public static final String MAX_EVALUATION_SECONDS = "max_evaluation_seconds";

    /** The wall-clock limit of one evaluation when the rulebook sets none. */
    public static final int DEFAULT_MAX_EVALUATION_SECONDS = 10;

    private static final long STOP_GRACE_MILLIS = 500;

    /** The most characters of a consequence's exception message a refusal quotes. */
    private static final int MAX_THROWN_MESSAGE = 200;

    /** Where Drools' message on a failed constraint starts naming its rules. */
    private static final String IN_RULE = "' in [Rule ";

    private final Rulebook rulebook;
    private final CompiledRules rules;
    private final RulebookFacts rulebookFacts;
    private final int maxFirings;
    private final long maxEvaluationNanos;
    private final boolean operatorCapped;
    private final long maxJoin;
    private final int maxValueLength;
    private volatile List<JoinBound.Shape> shapes;
    /** How many facts the latest evaluation's worker has inserted so far; read by tests alone. */
    private volatile long lastInserts;

    DroolsGovernanceEngine(Rulebook rulebook, CompiledRules rules) {
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.rulebookFacts = RulebookFacts.of(rulebook);
        // One below Integer.MAX_VALUE so that the "one more" probe in evaluate cannot overflow.
        this.maxFirings = (int) Math.min(Integer.MAX_VALUE - 1,
                Math.max(1, rulebook.threshold(MAX_RULE_FIRINGS, DEFAULT_MAX_RULE_FIRINGS)));
        // Between 1 ms and one day; a value that is not a positive number falls back to the default.
        double seconds = rulebook.threshold(MAX_EVALUATION_SECONDS, DEFAULT_MAX_EVALUATION_SECONDS);
        double asked = seconds > 0 ? Math.min(86_400, Math.max(0.001, seconds)) : DEFAULT_MAX_EVALUATION_SECONDS;
        // The operator's cap bounds whatever the rulebook says: the rulebook may only lower it.
        OperatorLimits operator = OperatorLimits.current();
        this.operatorCapped = operator.maxSeconds() < asked;
        this.maxEvaluationNanos = (long) (1e9 * Math.min(asked, operator.maxSeconds()));
        this.maxJoin = operator.maxJoin();
        this.maxValueLength = FactLengths.bound();
    }

    /**
     * Judges the input. Waivers are applied against {@link GovernanceInput#today()}.
     *
     * <p>Before any fact goes in, a rule whose conditions may join more combinations of facts than
     * the operator's bound ({@code planning.rules.maxJoinCombinations}, default 100,000,000) is
     * refused: the product, over the rule's patterns, of the facts each can match, from the fact
     * counts, so no machine decides it. The rules then run in a worker thread bounded by the
     * rulebook's {@code max_evaluation_seconds} (default {@value #DEFAULT_MAX_EVALUATION_SECONDS} s),
     * itself bounded by the operator's {@code planning.rules.maxEvaluationSeconds} (default 60 s):
     * past it the session is halted, the worker interrupted, and this method throws at once; a
     * worker still inserting facts (each insert matches the fact against every rule's conditions,
     * which {@code halt()} does not stop) stops before its next insert. The
     * policy language admits no loops, so a halted session stops at the next rule firing; the
     * matching in progress (at most the join bound's combinations) cannot be stopped and is left to
     * end on its own, in a daemon thread. No single call can run away: {@code matches} runs RE2, in
     * time linear in the value ({@link LinearMatches}; Drools' own operator backtracked with
     * {@code java.util.regex}, for hours on one short value), and a long match (the value's length
     * times the pattern's size) ends when the worker is interrupted ({@link LinearPatterns#matches}), and the rulebook was compiled within
     * the operator's bounds on its rules and bytes ({@code planning.rules.maxRules},
     * {@code planning.rules.maxRulebookBytes}).
     *
     * <p>Every text of every fact (a task's title, a tag's key or value, a story's id, a list's
     * element, ...) is held to the operator's {@code planning.documents.maxValueLength} (default
     * 10,000 characters, the bound the YAML readers hold a file's values to) as the fact is built,
     * before it is inserted, whatever built the input: past it nothing more is inserted, no rule
     * fires, and the evaluation is refused naming each such fact, field and length.
     *
     * @throws PlanningException when rules fire more than the rulebook's {@code max_rule_firings}
     *         times, which almost always means a rule re-activates itself
     * @throws InvalidInputException when a rule's consequence throws (a {@code null} message given to
     *         {@code Report.violation}, a {@code substring} out of range): no verdict, located at the
     *         rule's {@code rule "name"} line in its file (relative to the rulebook), naming the rule and what
     *         it threw; or when a rule's condition throws while the facts are matched: no verdict, naming the
     *         constraint and its rules, located as a consequence when the constraint is one rule's
     * @throws EvaluationLimitException when a rule's join exceeds the bound, a fact's text exceeds
     *         the bound on text values, the evaluation overruns its wall-clock limit, or a rule exhausts the heap ({@link OutOfMemoryError}) or the stack ({@link StackOverflowError})
     */
    @Override
    public GovernanceDecision evaluate(GovernanceInput input) {
        Objects.requireNonNull(input, "input");
        // The input digests come first: while the knowledge base is built ahead in another thread
        // (CompiledRulebooks.buildAhead), this one digests instead of waiting for it. (Not while the
        // worker fires: the time limit must stop a runaway rule at once, not after a digest.) A digest
        // that fails is thrown only once the rules have fired, where it was thrown before, so an
        // evaluation fails with the same error as ever.
        Map<String, String> digests = null;
        RuntimeException digestFailure = null;
        try {
            digests = InputDigests.of(input);
        } catch (RuntimeException e) {
            digestFailure = e;
        }
        // Before any fact goes in: a rule whose conditions may join more combinations of facts than
        // the bound is refused, whatever the machine (a join is one network evaluation, which the
        // time limit's halt() does not stop).
        checkJoins(input);
        // The knowledge base of a rulebook served from the disk cache is built here, on first use.
        KieSession session = rules.kieBase().newKieSession(SessionSettings.EAGER, null);
        FiringCounter counter = new FiringCounter();
        FutureTask<List<Violation>> task = new FutureTask<>(() -> fire(session, counter, input));
        Thread worker = new Thread(task, "planning-rules-evaluation");
        worker.setDaemon(true);
        worker.start();
        List<Violation> reported;
        try {
            reported = task.get(maxEvaluationNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(session, worker);
            throw new EvaluationLimitException(EvaluationLimitException.Limit.TIME, "rulebook " + name()
                    + " did not reach a decision within " + seconds() + " s (" + (operatorCapped
                            ? "the operator's " + OperatorLimits.SECONDS_PROPERTY : "thresholds." + MAX_EVALUATION_SECONDS)
                    + "); rule" + (counter.current() == null ? "s were still matching or firing" : " '" + counter.current()
                    + "' was running") + "; evaluation stopped");
        } catch (InterruptedException e) {
            stop(session, worker);
            Thread.currentThread().interrupt();
            throw new PlanningException("evaluation of rulebook " + name() + " was interrupted");
        } catch (ExecutionException e) {
            throw translate(e.getCause(), counter);
        }
        WaiverApplication applied = WaiverApplication.apply(reported, input.waivers(), input.today());
        if (digestFailure != null) {
            throw digestFailure;
        }
        return new GovernanceDecision(rulebook.hash(), applied.unwaived(), applied.waived(), applied.unused(),
                counter.counts(), digests);
    }

    private void checkJoins(GovernanceInput input) {
        List<JoinBound.Shape> known = shapes;
        if (known == null) {
            known = JoinBound.shapes(rules.kieBase());
            shapes = known;
        }
        JoinBound.Counts counts = JoinBound.Counts.of(input, rulebookFacts, maxFirings, PolicyLanguage.MAX_INSERTS);
        JoinBound.firstExcess(known, counts, maxJoin).ifPresent(excess -> {
            String rule = "rule '" + excess.shape().rule() + "'"
                    + (excess.shape().file().isEmpty() ? "" : " (" + excess.shape().file() + ")");
            throw new EvaluationLimitException(EvaluationLimitException.Limit.JOIN, "rulebook " + name() + ": " + rule
                    + (excess.combinations() == null
                            ? " has a condition whose work cannot be bounded (" + excess.terms() + ")"
                            : " may join " + String.format(Locale.ROOT, "%,d", excess.combinations())
                                    + " combinations of facts (" + excess.terms() + "), more than "
                                    + String.format(Locale.ROOT, "%,d", maxJoin) + " ("
                                    + OperatorLimits.JOIN_PROPERTY + ")")
                    + "; evaluation refused before it started");
        });
    }

    private List<Violation> fire(KieSession session, FiringCounter counter, GovernanceInput input) {
        try {
            session.addEventListener(counter);
            // Each fact goes into the session as soon as it is built, and (eager activation) the
            // rules' joins take it in at once, while it is still in the CPU's cache: building every
            // fact first, then inserting them all, then joining them all in fireAllRules walked
            // 10,000 tasks three times, each time from memory (see docs/benchmarks/b2-b3-b4.md, "B2 on an
            // Intel Xeon"). Which rules fire, and how often, does not change.
            //
            // An insert matches the fact against every rule's conditions, which neither halt() nor
            // an interrupt stops (a `contains` over a long value is one String.contains), so the
            // interrupt is checked before each insert: a timed-out evaluation ends after at most
            // the insert in progress, not after every fact's.
            //
            // Each fact's every text is held to the bound on text values before it goes in (that
            // insert's matching could not be stopped); after the first fact over it, the rest are
            // only checked, so that the refusal names every text over the bound.
            long[] inserted = {0};
            FactLengths lengths = new FactLengths(maxValueLength);
            try {
                GovernanceFacts.forEach(input, rulebookFacts, fact -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Stopped();
                    }
                    if (lengths.check(fact) && !lengths.refused()) {
                        try {
                            session.insert(fact);
                        } catch (RuntimeException e) {
                            throw matching(e);
                        }
                        lastInserts = ++inserted[0];
                    }
                });
            } catch (Stopped stopped) {
                return List.of(); // stopped by the caller while inserting; halt() stops only a firing session
            }
            if (Thread.currentThread().isInterrupted()) {
                return List.of(); // stopped by the caller after the last insert
            }
            if (lengths.refused()) {
                throw lengths.refusal(name());
            }
            // One firing beyond the bound tells "exactly at the limit" from "would go on".
            int fired;
            try {
                fired = session.fireAllRules(maxFirings + 1);
            } catch (RuntimeException e) {
                throw matching(e);
            }
            if (Thread.currentThread().isInterrupted()) {
                return List.of(); // stopped by the caller, who has already thrown
            }
            if (fired > maxFirings) {
                throw new PlanningException("rules fired more than " + maxFirings
                        + " times; a rule probably re-activates itself: " + counter.top(3)
                        + " (raise thresholds." + MAX_RULE_FIRINGS + " in rulebook.yaml if the plan is really this large)");
            }
            // By class, the session's object store hands over its violations alone instead of
            // walking every fact (ViolationFact is a record, so there are no subclasses to miss).
            return session.getObjects(new ClassObjectFilter(ViolationFact.class)).stream()
                    .map(o -> ((ViolationFact) o).toViolation())
                    .toList();
        } finally {
            session.dispose();
        }
    }

    /**
     * What the session threw while matching or firing: as it is when Drools said what failed (a consequence, an
     * alpha constraint) or it is ours; otherwise {@link MatchingFailed} (attack34: MVEL's {@code CompileException}
     * coercing a literal beyond an {@code int}, a join constraint's bare {@code NullPointerException} over an unset
     * value), so that it is told from a failure of this library's own code.
     */
    static RuntimeException matching(RuntimeException e) {
        return e instanceof ConsequenceException || e instanceof ConstraintEvaluationException
                || e instanceof PlanningException || e instanceof Stopped || thrownByThisLibrary(e) ? e
                        : new MatchingFailed(e);
    }

    /**
     * Whether this library's code threw {@code e} (review34): the first frame of its stack outside the Java platform
     * is in {@code dev.planning} (a fact's method, say). That is a bug of ours, handed on as an internal error, not
     * the rule's mistake; one MVEL or Drools threw (the first such frame theirs), or one without a stack, is the
     * rule's.
     */
    private static boolean thrownByThisLibrary(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String type = frame.getClassName();
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun."))) {
                return type.startsWith("dev.planning.");
            }
        }
        return false;
    }

    /** A rule's condition threw while the session matched facts, in a form Drools did not wrap ({@link #matching}). */
    static final class MatchingFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MatchingFailed(RuntimeException cause) {
            super(cause);
        }
    }

    /** Thrown out of the insert loop when the caller has interrupted the worker; carries no stack. */
    private static final class Stopped extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /** How many facts the latest evaluation's worker has inserted (for tests). */
    long lastInserts() {
        return lastInserts;
    }

    /** Halts the session and interrupts its worker; waits briefly so that a stoppable worker is gone. */
    private static void stop(KieSession session, Thread worker) {
        session.halt();
        worker.interrupt();
        try {
            worker.join(STOP_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RuntimeException translate(Throwable cause, FiringCounter counter) {
        String where = counter.current() == null ? "while matching the rules' conditions"
                : "in rule '" + counter.current() + "'";
        if (cause instanceof OutOfMemoryError) {
            return new EvaluationLimitException(EvaluationLimitException.Limit.MEMORY, "rulebook " + name()
                    + " ran out of memory " + where + "; evaluation stopped");
        }
        if (cause instanceof StackOverflowError) {
            return new EvaluationLimitException(EvaluationLimitException.Limit.STACK, "rulebook " + name()
                    + " overflowed the stack " + where + "; evaluation stopped");
        }
        // A rulebook fact that refuses a value (RulebookFacts.intThreshold), whatever Drools wrapped it in.
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        if (cause instanceof ConsequenceException consequence) {
            return consequenceFailed(consequence);
        }
        if (cause instanceof ConstraintEvaluationException constraint) {
            return constraintFailed(constraint);
        }
        if (cause instanceof MatchingFailed failed) {
            return matchingFailed(failed.getCause());
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new PlanningException("evaluation of rulebook " + name() + " failed: " + cause);
    }

    /**
     * A rule whose consequence threw (attack31): the rule's mistake, which these facts revealed, so no
     * verdict; bad input located at the rule's declaration (its {@code rule "name"} line in its file),
     * naming the rule and what it threw, where Drools' {@link ConsequenceException} reached the command
     * line as an internal error.
     */
    private InvalidInputException consequenceFailed(ConsequenceException e) {
        Rule rule = e.getRule();
        SourceLocation declared = rule instanceof RuleImpl impl && impl.getResource() != null
                && impl.getResource().getSourcePath() != null ? rules.declaration(rule) : null;
        Throwable thrown = e.getCause() == null ? e : e.getCause();
        String what = thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? "" : ": "
                + Printable.cut(thrown.getMessage(), MAX_THROWN_MESSAGE));
        return new InvalidInputException("rule '" + (rule == null ? "(unknown)" : Printable.line(rule.getName()))
                + "' failed in its consequence (then): " + what + "; nothing was decided: the rule must not fail on"
                + " the facts it matches (Report.violation needs an item and a message)", declared, e);
    }

    /**
     * A rule whose condition threw while matching (attack31's {@code criticality + 0 < 1} on a task with no
     * criticality): as a throwing consequence, the rule's mistake on these facts, so no verdict; bad input naming
     * the constraint and its rules (Drools' message), where the exception reached the command line as an internal
     * error. Located at the rule's declaration when the constraint is one rule's alone ({@link #constrained}).
     */
    private InvalidInputException constraintFailed(ConstraintEvaluationException e) {
        Throwable thrown = e.getCause() == null ? e : e.getCause();
        String what = thrown == e ? "" : "; it threw " + thrown.getClass().getSimpleName()
                + (thrown.getMessage() == null ? "" : ": " + Printable.cut(thrown.getMessage(), MAX_THROWN_MESSAGE));
        return new InvalidInputException("a rule's condition failed while matching: "
                + Printable.cut(String.valueOf(e.getMessage()), MAX_THROWN_MESSAGE) + what + "; nothing was decided:"
                + " a rule's conditions must not fail on the facts they are given",
                constrained(String.valueOf(e.getMessage())).map(rules::declaration).orElse(null), e);
    }

    /**
     * The one rule whose constraint failed, from Drools' message ({@code Error evaluating constraint '...' in
     * [Rule "name" in file]}, the only place its exception keeps the rules): the rule of this base whose name
     * and file make exactly that ending. A constraint shared by several rules (Drools lists them all) or a
     * message of another form names no one rule: none, and the refusal goes unlocated rather than misplaced.
     */
    private Optional<Rule> constrained(String message) {
        int at = message.lastIndexOf(IN_RULE);
        if (at < 0) {
            return Optional.empty();
        }
        String tail = message.substring(at + IN_RULE.length());
        List<Rule> named = new ArrayList<>();
        rules.kieBase().getKiePackages().forEach(p -> p.getRules().stream()
                .filter(r -> tail.equals("\"" + r.getName() + "\" in " + RulebookCompiler.fileOf(r) + "]"))
                .forEach(named::add));
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /**
     * A rule's condition that threw while matching in a form Drools did not wrap ({@link #matching}): as
     * {@link #constraintFailed}, the rule's mistake on these facts; Drools names neither the constraint nor its rule,
     * so the message quotes what was thrown.
     */
    private static InvalidInputException matchingFailed(Throwable thrown) {
        return new InvalidInputException("a rule's condition failed while matching: it threw "
                + thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? "" : ": "
                        + Printable.cut(thrown.getMessage(), MAX_THROWN_MESSAGE))
                + "; nothing was decided: a rule's conditions must not fail on the facts they are given", null, thrown);
    }

    private String name() {
        return rulebook.directory() == null ? "(unnamed)" : Printable.line(rulebook.directory().toString());
    }

    private String seconds() {
        double s = maxEvaluationNanos / 1e9;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    /** The rulebook this engine judges with. */
    public Rulebook rulebook() {
        return rulebook;
    }

    /** The names of every rule in the compiled rulebook, sorted. */
    public SortedSet<String> ruleNames() {
        SortedSet<String> names = new TreeSet<>();
        rules.kieBase().getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
        return names;
    }

    /**
     * Each compiled rule's severity as its violations carry it ({@link Report#severityOf} of its {@code @severity}
     * metadata, {@link Report#DEFAULT_SEVERITY} without one), by rule name, sorted; a value {@code severityOf}
     * refuses is kept as written.
     */
    public SortedMap<String, String> ruleSeverities() {
        SortedMap<String, String> severities = new TreeMap<>();
        rules.kieBase().getKiePackages().forEach(p -> p.getRules().forEach(r -> {
            Object value = r.getMetaData().get(Report.SEVERITY);
            String text = value == null ? null : String.valueOf(value);
            String read;
            try {
                read = Report.severityOf(text).name();
            } catch (IllegalArgumentException e) {
                read = text;
            }
            severities.put(r.getName(), read);
        }));
        return severities;
    }

    /** The maximum number of rule firings per evaluation. */
    public int maxFirings() {
        return maxFirings;
    }

    /**
     * Starts building this engine's knowledge base in a background daemon thread when it is not
     * built yet (a rulebook served from the disk cache is built on first use): for a caller that
     * will evaluate soon and has other work to do first. Changes no outcome: {@link #evaluate} waits
     * for that build, and a build that failed in the background is done again there.
     *
     * @return whether a build was started
     */
    public boolean buildAhead() {
        return rules.buildAhead();
    }

    /** The knowledge base, built now if it was not yet. */
    KieBase kieBase() {
        return rules.kieBase();
    }

    /** The compiled rules, shared with engines of the same rulebook hash. */
    CompiledRules rules() {
        return rules;
    }

    /** The sessions' settings, made on first use (not when the class loads: the CLI's start-up loads it). */
    private static final class SessionSettings {

        /**
         * Eager activation: the rules' conditions are matched as each fact is inserted rather than
         * all at once when the rules fire. Rules still fire only in {@code fireAllRules}; the
         * decisions and firing counts are those of a lazy session (the rules' tests and the
         * benchmark's plain-Java peer compare them).
         */
        static final KieSessionConfiguration EAGER = eager();

        private static KieSessionConfiguration eager() {
            KieSessionConfiguration conf = KieServices.get()
                    .newKieSessionConfiguration(null, DroolsGovernanceEngine.class.getClassLoader());
            conf.setOption(ForceEagerActivationOption.YES);
            return conf;
        }
    }
}
