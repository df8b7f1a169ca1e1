package dev.planning.rules.internal.drools;

import dev.planning.rules.internal.defaults.DefaultRulebook;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;

/**
 * The rules of one rulebook, other than the shipped ones, that can read the rulebook's settings themselves
 * ({@code RulebookFacts}: its taxonomy, thresholds and required tags), found on the parsed form of each rule
 * file. {@code rules diff} uses it to tell whether a threshold moved the strict way or a narrowed taxonomy
 * surely strengthens: the shipped rules read them as their names say (more approvals asked, more reports;
 * fewer values allowed, more reports), a rule of one's own may read them the other way round.
 *
 * <p>A rule reads the settings through a pattern that can match the {@code RulebookFacts} fact, or a
 * value it took from one; through a {@code GateResultFact}, the result of a gate run before governance that
 * read them (a coverage minimum, the taxonomy); or through a {@code ViolationFact}, which carries the values
 * the reporting rule compared and its message ({@code "3 are required"}), when some rule of the rulebook,
 * shipped or not, reads them. A pattern over a type on {@link #CANNOT_MATCH} cannot match the settings fact
 * (none of them is a {@code RulebookFacts}, a {@code Record} or an {@code Object}); any other pattern type
 * ({@code RulebookFacts}, {@code Object}, a type of one's own), any construct this walk does not know and
 * any file that does not parse counts as reading them.
 *
 * <p>What a rule reads is judged per rule, not per setting: which of the settings a rule reads would be
 * told from the expressions over a bound {@code RulebookFacts} ({@code $rb.intThreshold("x", 3)}), and a rule
 * also reaches them through an {@code Object()} pattern, {@code this}, a name inside a {@code RulebookFacts(...)}
 * pattern, a value taken with {@code from}, a gate result or another rule's violation, whose message and
 * compared values may hold any setting: an allow-list that sound would have to follow each value through
 * every expression of the policy language.
 *
 * <p>A shipped rule file is told by its bytes: one equal to a rule file the tool ships
 * ({@link DefaultRulebook}) holds the shipped rules; a file changed by one byte, or checked out with other
 * line endings, is a file of one's own.
 */
public final class SettingsReaders {

    /** Pattern types that cannot match the settings fact, simple or qualified as a rule names them. */
    private static final Set<String> CANNOT_MATCH = Set.of("TaskFact", "StoryFact", "CrossStreamRefFact",
            "dev.planning.rules.facts.TaskFact", "dev.planning.rules.facts.StoryFact",
            "dev.planning.rules.facts.CrossStreamRefFact", "String", "Integer", "Long", "Double", "Boolean", "Number",
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean",
            "java.lang.Number", "List", "Set", "Map", "Collection", "java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Collection", "LocalDate", "java.time.LocalDate");

    /** The violations rules insert: they carry what the reporting rule read. */
    private static final Set<String> VIOLATIONS = Set.of("ViolationFact", "dev.planning.rules.facts.ViolationFact");

    /** How a rule may read the settings, in rising order. */
    private enum Reads {
        NONE, THROUGH_VIOLATIONS, SETTINGS;

        Reads or(Reads other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    private SettingsReaders() {
    }

    /**
     * The rules of one rulebook's files, other than the shipped ones, that may read the rulebook's settings,
     * each as {@code file: rule}, in the files' order; a file that does not parse, or holds a function, a global
     * or a query, as {@code file}.
     *
     * @param files each rule file's bytes by its name, all of one rulebook (its rules run together, so one rule
     *              reads what another's violations carry)
     * @return the rules that may read the settings; empty when none but the shipped ones can
     */
    public static List<String> of(Map<String, byte[]> files) {
        List<String> readers = new ArrayList<>();
        List<String> throughViolations = new ArrayList<>();
        boolean anyReads = false;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            // Told as the compiler reads the file: a leading byte-order mark dropped (the shipped files hold none).
            byte[] read = RulebookCompiler.withoutByteOrderMark(file.getValue());
            boolean shipped = Shipped.FILES.stream().anyMatch(bytes -> Arrays.equals(bytes, read));
            for (Map.Entry<String, Reads> rule : of(file.getKey(), file.getValue()).entrySet()) {
                anyReads |= rule.getValue() == Reads.SETTINGS;
                if (!shipped && rule.getValue() == Reads.SETTINGS) {
                    readers.add(rule.getKey());
                } else if (!shipped && rule.getValue() == Reads.THROUGH_VIOLATIONS) {
                    throughViolations.add(rule.getKey());
                }
            }
        }
        if (anyReads) {
            readers.addAll(throughViolations);
        }
        return List.copyOf(readers);
    }

    /**
     * The rule files of one rulebook that are not files the tool ships (told by their bytes, a leading byte-order
     * mark aside, as the compiler drops it): whatever a rule of them reads, the shipped rules do not tell.
     *
     * @param files each rule file's bytes by its name, all of one rulebook
     * @return the names of the files of one's own, in the files' order; empty when every file is a shipped one
     */
    public static List<String> ownFiles(Map<String, byte[]> files) {
        List<String> own = new ArrayList<>();
        files.forEach((name, bytes) -> {
            byte[] read = RulebookCompiler.withoutByteOrderMark(bytes);
            if (Shipped.FILES.stream().noneMatch(shipped -> Arrays.equals(shipped, read))) {
                own.add(name);
            }
        });
        return List.copyOf(own);
    }

    /** The shipped rule file that holds {@code required-tags}, the one rule that reads {@code required_tags}. */
    public static final String REQUIRED_TAGS_FILE = "rules/hygiene.drl";

    /**
     * Whether one rulebook's rule files hold the shipped {@code required-tags} rule as it ships: a file whose bytes
     * are those of {@link #REQUIRED_TAGS_FILE}, a leading byte-order mark aside, as the compiler drops it (told by its
     * bytes, as the shipped rules are above, whatever its name). That rule reports every item that lacks a tag
     * {@code required_tags} lists, so a tag added there reports more; nothing else the tool ships reads
     * {@code required_tags}.
     *
     * @param files each rule file's bytes by its name, all of one rulebook
     * @return whether one of them is the shipped file
     */
    public static boolean runsShippedRequiredTags(Map<String, byte[]> files) {
        byte[] shipped = Shipped.REQUIRED_TAGS;
        return files.values().stream()
                .anyMatch(bytes -> Arrays.equals(RulebookCompiler.withoutByteOrderMark(bytes), shipped));
    }

    /** The rule files the tool ships, read once. */
    private static final class Shipped {
        static final List<byte[]> FILES = DefaultRulebook.files().stream().filter(f -> f.endsWith(".drl"))
                .map(DefaultRulebook::read).toList();
        static final byte[] REQUIRED_TAGS = DefaultRulebook.read(REQUIRED_TAGS_FILE);
    }

    /** Each rule of the file that may read the settings, by {@code file: rule}, in the file's order. */
    private static Map<String, Reads> of(String file, byte[] bytes) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            // As the compiler reads the file: a leading byte-order mark dropped.
            pkg = parser.parse(false, new String(RulebookCompiler.withoutByteOrderMark(bytes), StandardCharsets.UTF_8));
            if (pkg == null || parser.hasErrors()) {
                return Map.of(file, Reads.SETTINGS);
            }
        } catch (RuntimeException | StackOverflowError | org.drools.drl.parser.DroolsParserException e) {
            return Map.of(file, Reads.SETTINGS);
        }
        if (!pkg.getFunctions().isEmpty() || !pkg.getGlobals().isEmpty()) {
            return Map.of(file, Reads.SETTINGS);
        }
        Map<String, Reads> rules = new LinkedHashMap<>();
        for (RuleDescr rule : pkg.getRules()) {
            Reads reads = rule.isQuery() || rule.getLhs() == null ? Reads.SETTINGS : reads(rule.getLhs());
            if (reads != Reads.NONE) {
                rules.merge(file + ": " + rule.getName(), reads, Reads::or);
            }
        }
        return rules;
    }

    private static Reads all(List<? extends BaseDescr> elements) {
        Reads reads = Reads.NONE;
        for (BaseDescr element : elements) {
            reads = reads.or(reads(element));
        }
        return reads;
    }

    private static Reads reads(BaseDescr element) {
        if (element instanceof AndDescr and) {
            return all(and.getDescrs());
        }
        if (element instanceof OrDescr or) {
            return all(or.getDescrs());
        }
        if (element instanceof NotDescr not) {
            return all(not.getDescrs());
        }
        if (element instanceof ExistsDescr exists) {
            Reads reads = Reads.NONE;
            for (Object d : exists.getDescrs()) {
                reads = reads.or(d instanceof BaseDescr b ? reads(b) : Reads.SETTINGS);
            }
            return reads;
        }
        if (element instanceof ForallDescr forall) {
            return all(forall.getDescrs());
        }
        if (element instanceof EvalDescr) {
            return Reads.NONE; // reads only what the patterns bound
        }
        if (element instanceof PatternDescr pattern) {
            Reads type = VIOLATIONS.contains(pattern.getObjectType()) ? Reads.THROUGH_VIOLATIONS
                    : CANNOT_MATCH.contains(pattern.getObjectType()) ? Reads.NONE : Reads.SETTINGS;
            Object source = pattern.getSource();
            if (source == null || source instanceof FromDescr) {
                return type; // from reads a value bound by another pattern, judged there
            }
            if (source instanceof CollectDescr collect) {
                return type.or(collect.getInputPattern() == null ? Reads.SETTINGS : reads(collect.getInputPattern()));
            }
            if (source instanceof AccumulateDescr accumulate) {
                return type.or(accumulate.getInput() == null ? Reads.SETTINGS : reads(accumulate.getInput()));
            }
            return Reads.SETTINGS;
        }
        return Reads.SETTINGS;
    }
}
