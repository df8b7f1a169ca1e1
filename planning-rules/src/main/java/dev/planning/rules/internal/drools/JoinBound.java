package dev.planning.rules.internal.drools;

import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GateResultFact;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.StoryFact;
import dev.planning.rules.facts.TaskFact;
import dev.planning.rules.facts.ViolationFact;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Collect;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.Forall;
import org.drools.base.rule.From;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.PatternSource;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

/**
 * A static, machine-independent bound on the work of a rule's conditions, checked before any fact
 * is inserted. Drools matches a rule's patterns in one network evaluation that neither
 * {@code halt()} nor an interrupt stops; its work is at most the number of combinations of facts
 * the patterns can join, which is at most the product over the rule's patterns (every pattern:
 * in {@code not}, {@code exists}, {@code forall}, {@code or}, {@code accumulate} and {@code collect}
 * as well) of the number of facts each can match, counting no index. That product is computed from
 * the compiled rules (so also for a rulebook served from the cache or in trusted mode) and the
 * input's counts; a rule whose product exceeds the bound is refused, naming it, before evaluation.
 *
 * <p>What a pattern counts: the facts of its type and of every fact type assignable to it (a
 * {@link RulebookFacts} is one; {@link ViolationFact}s, which rules insert, count as the firing
 * bound); a {@code from} over an accessor of the rulebook's facts the largest collection the
 * rulebook holds; any other {@code from} (over a bound variable, a collected list or a fact's
 * list) the number of facts plus the longest list a task holds, or, when more, the most elements a
 * {@code collect} or {@code accumulate} of the rule can gather (the product of its source's
 * patterns: {@code collectList} over joined patterns holds one element per combination); the
 * result of {@code collect} or {@code accumulate} one (its source patterns count on their own).
 * A condition element of any other kind cannot be bounded and refuses its rule.
 */
final class JoinBound {

    /**
     * One rule's patterns, as the facts each can match, and the source of each {@code collect} and
     * {@code accumulate} (a range of {@code factors}), whose list a {@code from} may walk.
     */
    record Shape(String rule, String file, List<Factor> factors, List<Collected> collected) {
    }

    /** The factors {@code [from, to)} of one {@code collect} or {@code accumulate} source. */
    record Collected(int from, int to) {
    }

    /** What one pattern can match. */
    sealed interface Factor permits Facts, FromFacts, FromOther, Unbounded {
    }

    /** A pattern over the facts of a type. */
    record Facts(Class<?> type) implements Factor {
    }

    /**
     * A {@code from} over fact variables only ({@code from $rb.requiredTags()}, {@code from $t.dependencies()}):
     * at most the longest collection the rulebook's facts hold, or a task's, as the variables are.
     */
    record FromFacts(boolean rulebook, boolean tasks) implements Factor {
    }

    /** Any other {@code from} (a collected list, a field variable). */
    record FromOther() implements Factor {
    }

    /** A condition element this bound does not know. */
    record Unbounded(String what) implements Factor {
    }

    /**
     * The number of facts of each type in one evaluation, the longest collections, and the most
     * violations one firing inserts.
     */
    record Counts(Map<Class<?>, Long> facts, long rulebookCollection, long longestTaskList, long perFiring) {

        /** The counts of {@code input}, with up to {@code firings} firings of {@code perFiring} inserts each. */
        static Counts of(GovernanceInput input, RulebookFacts rulebook, long firings, long perFiring) {
            long violations = firings > Long.MAX_VALUE / Math.max(1, perFiring) ? Long.MAX_VALUE : firings * perFiring;
            long tasks = 0;
            long refs = 0;
            long longest = 0;
            for (Task task : input.tasks().tasks()) {
                tasks++;
                for (TaskRef ref : task.dependencies()) {
                    if (ref.isCrossStream()) {
                        refs++;
                    }
                }
                longest = Math.max(longest, Math.max(Math.max(task.dependencies().size(), task.tags().values().size()),
                        Math.max(Math.max(task.storyNodes().size(), task.artifacts().size()),
                                task.controls().approvals().size())));
            }
            long stories = 0;
            if (input.storyMap().isPresent()) {
                for (Activity activity : input.storyMap().get().activities()) {
                    stories += activity.stories().size();
                }
            }
            long rulebookCollection = Math.max(Math.max(rulebook.thresholds().size(), rulebook.taxonomy().size()),
                    rulebook.requiredTags().size());
            for (List<String> values : rulebook.taxonomy().values()) {
                rulebookCollection = Math.max(rulebookCollection, values.size());
            }
            return new Counts(Map.of(RulebookFacts.class, 1L, TaskFact.class, tasks, CrossStreamRefFact.class, refs,
                    StoryFact.class, stories, GateResultFact.class, (long) input.gateResults().size(),
                    ViolationFact.class, violations), rulebookCollection, longest, perFiring);
        }

        Counts withViolations(long violations) {
            Map<Class<?>, Long> copy = new HashMap<>(facts);
            copy.put(ViolationFact.class, violations);
            return new Counts(Map.copyOf(copy), rulebookCollection, longestTaskList, perFiring);
        }

        long total() {
            long n = 0;
            for (long count : facts.values()) {
                n = n > Long.MAX_VALUE - count ? Long.MAX_VALUE : n + count;
            }
            return n;
        }

        /** The facts a pattern of this type can match: those of every fact type assignable to it. */
        long of(Class<?> type) {
            long n = 0;
            for (var e : facts.entrySet()) {
                if (type.isAssignableFrom(e.getKey())) {
                    n = n > Long.MAX_VALUE - e.getValue() ? Long.MAX_VALUE : n + e.getValue();
                }
            }
            return n;
        }
    }

    private JoinBound() {
    }

    /** Each rule's shape, from the compiled rules. */
    static List<Shape> shapes(KieBase kieBase) {
        List<Shape> shapes = new ArrayList<>();
        for (var kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                List<Factor> factors = new ArrayList<>();
                List<Collected> collected = new ArrayList<>();
                String file = "";
                if (rule instanceof RuleImpl impl) {
                    walk(impl.getLhs(), factors, collected);
                    file = impl.getResource() == null || impl.getResource().getSourcePath() == null ? ""
                            : impl.getResource().getSourcePath();
                } else {
                    factors.add(new Unbounded(rule.getClass().getName()));
                }
                shapes.add(new Shape(rule.getName(), file, List.copyOf(factors), List.copyOf(collected)));
            }
        }
        shapes.sort(Comparator.comparing(Shape::file).thenComparing(Shape::rule));
        return List.copyOf(shapes);
    }

    private static void walk(RuleConditionElement element, List<Factor> factors, List<Collected> collected) {
        if (element instanceof GroupElement group) {
            for (RuleConditionElement child : group.getChildren()) {
                walk(child, factors, collected);
            }
        } else if (element instanceof Pattern pattern) {
            PatternSource source = pattern.getSource();
            if (source == null) {
                factors.add(pattern.getObjectType() instanceof ClassObjectType type ? new Facts(type.getClassType())
                        : new Unbounded("pattern over " + pattern.getObjectType()));
            } else if (source instanceof From from) {
                factors.add(fromFacts(from));
            } else if (source instanceof Collect collect) {
                int from = factors.size();
                walk(collect.getSourcePattern(), factors, collected);
                collected.add(new Collected(from, factors.size()));
            } else if (source instanceof Accumulate accumulate) {
                int from = factors.size();
                walk(accumulate.getSource(), factors, collected);
                collected.add(new Collected(from, factors.size()));
            } else {
                factors.add(new Unbounded(source.getClass().getSimpleName()));
            }
        } else if (element instanceof Forall forall) {
            walk(forall.getBasePattern(), factors, collected);
            for (Pattern pattern : forall.getRemainingPatterns()) {
                walk(pattern, factors, collected);
            }
        } else if (element instanceof EvalCondition) {
            return; // one test per combination already counted
        } else {
            factors.add(new Unbounded(element == null ? "nothing" : element.getClass().getSimpleName()));
        }
    }

    /** A {@code from} whose expression reads only variables bound to whole facts, or any other. */
    private static Factor fromFacts(From from) {
        boolean rulebook = false;
        boolean tasks = false;
        for (Declaration declaration : from.getDataProvider().getRequiredDeclarations()) {
            Pattern pattern = declaration.getPattern();
            if (!declaration.isPatternDeclaration() || pattern == null || pattern.getSource() != null
                    || !(pattern.getObjectType() instanceof ClassObjectType type)) {
                return new FromOther();
            }
            if (type.getClassType() == RulebookFacts.class) {
                rulebook = true;
            } else if (FACTS.contains(type.getClassType())) {
                tasks = true;
            } else {
                return new FromOther();
            }
        }
        return rulebook || tasks ? new FromFacts(rulebook, tasks) : new FromOther();
    }

    /** The fact types other than the rulebook's whose lists a from may read; only a task's hold lists. */
    private static final Set<Class<?>> FACTS = Set.of(TaskFact.class, StoryFact.class,
            CrossStreamRefFact.class, GateResultFact.class, ViolationFact.class);

    /**
     * The first rule whose worst-case number of combinations exceeds {@code bound}, with that
     * number (exact, however large), or nothing when every rule is within it.
     *
     * <p>Two moments are counted, the work each does before the time limit's {@code halt()} can
     * stop it: inserting the input's facts (no violation exists yet), and the propagation of the
     * violations one firing inserts (at most {@link Counts#perFiring()}, joined at once; the violations
     * already there count as the firing bound times that).
     */
    static Optional<Excess> firstExcess(List<Shape> shapes, Counts counts, long bound) {
        BigInteger limit = BigInteger.valueOf(bound);
        Counts beforeFiring = counts.withViolations(0);
        for (Shape shape : shapes) {
            for (Factor factor : shape.factors()) {
                if (factor instanceof Unbounded unbounded) {
                    return Optional.of(new Excess(shape, null, unbounded.what()));
                }
            }
            Excess worst = product(shape, beforeFiring, -1);
            for (int i = 0; i < shape.factors().size(); i++) {
                if (shape.factors().get(i) instanceof Facts facts && facts.type().isAssignableFrom(ViolationFact.class)) {
                    Excess afterFiring = product(shape, counts, i);
                    if (afterFiring.combinations().compareTo(worst.combinations()) > 0) {
                        worst = afterFiring;
                    }
                }
            }
            if (worst.combinations().compareTo(limit) > 0) {
                return Optional.of(worst);
            }
        }
        return Optional.empty();
    }

    /** The product of a rule's factors; the one at {@code inserted} is the one violation just inserted. */
    private static Excess product(Shape shape, Counts counts, int inserted) {
        BigInteger list = longestList(shape, counts);
        BigInteger product = BigInteger.ONE;
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < shape.factors().size(); i++) {
            Factor factor = shape.factors().get(i);
            BigInteger n = count(factor, counts, i == inserted, list);
            String name;
            if (factor instanceof Facts facts) {
                name = i == inserted ? "the violations a firing inserts" : facts.type().getSimpleName();
            } else if (factor instanceof FromFacts) {
                name = "from";
            } else {
                name = "from a list";
            }
            product = product.multiply(n);
            terms.add(name + " " + n);
        }
        return new Excess(shape, product, String.join(" × ", terms));
    }

    /**
     * The most elements a list a {@code from} walks may hold: every fact and the longest task list,
     * or what a {@code collect} or {@code accumulate} ({@code collectList}) of the rule gathers, one
     * element per combination of its source (a source may walk a list gathered before it, so the
     * sources are counted again until none grows: at most once per source).
     */
    private static BigInteger longestList(Shape shape, Counts counts) {
        BigInteger list = BigInteger.valueOf(counts.total()).add(BigInteger.valueOf(counts.longestTaskList()));
        for (int pass = 0; pass < shape.collected().size(); pass++) {
            for (Collected source : shape.collected()) {
                BigInteger gathered = BigInteger.ONE;
                for (int i = source.from(); i < source.to(); i++) {
                    gathered = gathered.multiply(count(shape.factors().get(i), counts, false, list));
                }
                list = list.max(gathered);
            }
        }
        return list;
    }

    /** The facts or elements one factor can match, at least one. */
    private static BigInteger count(Factor factor, Counts counts, boolean inserted, BigInteger list) {
        if (factor instanceof Facts facts) {
            return BigInteger.valueOf(Math.max(1, inserted ? counts.perFiring() : counts.of(facts.type())));
        } else if (factor instanceof FromFacts from) {
            return BigInteger.valueOf(Math.max(1, Math.max(from.rulebook() ? counts.rulebookCollection() : 1,
                    from.tasks() ? counts.longestTaskList() : 1)));
        }
        return list.max(BigInteger.ONE);
    }

    /** A rule over the bound: its worst case (null when it cannot be bounded) and how it was counted. */
    record Excess(Shape shape, BigInteger combinations, String terms) {
    }
}
