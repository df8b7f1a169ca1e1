package dev.planning.rules.internal.drools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * The rules that can read the rulebook's settings themselves ({@code RulebookFacts}: its taxonomy,
 * thresholds and required tags), found on the parsed form of each rule file: a rule reads them only
 * through a pattern that matches the {@code RulebookFacts} fact, or a value it took from one. A pattern
 * over a type on {@link #CANNOT_MATCH} cannot match it (none of them is a {@code RulebookFacts}, a
 * {@code Record} or an {@code Object}); any other pattern type ({@code RulebookFacts}, {@code Object},
 * a type of one's own), any construct this walk does not know and any file that does not parse counts
 * as reading them. {@code rules diff} uses it to tell whether a narrowed taxonomy surely strengthens.
 */
public final class SettingsReaders {

    /** Pattern types that cannot match the settings fact, simple or qualified as a rule names them. */
    private static final Set<String> CANNOT_MATCH = Set.of("TaskFact", "StoryFact", "CrossStreamRefFact",
            "GateResultFact", "ViolationFact", "dev.planning.rules.facts.TaskFact", "dev.planning.rules.facts.StoryFact",
            "dev.planning.rules.facts.CrossStreamRefFact", "dev.planning.rules.facts.GateResultFact",
            "dev.planning.rules.facts.ViolationFact", "String", "Integer", "Long", "Double", "Boolean", "Number",
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean",
            "java.lang.Number", "List", "Set", "Map", "Collection", "java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Collection", "LocalDate", "java.time.LocalDate");

    private SettingsReaders() {
    }

    /**
     * The rules of these files that may read the rulebook's settings, each as {@code file: rule}, in the
     * files' order; a file that does not parse, or holds a function, a global or a query, as {@code file}.
     *
     * @param files each rule file's bytes by its name
     * @return the rules that may read the settings; empty when none can
     */
    public static List<String> of(Map<String, byte[]> files) {
        List<String> readers = new ArrayList<>();
        files.forEach((file, bytes) -> readers.addAll(of(file, bytes)));
        return List.copyOf(readers);
    }

    private static List<String> of(String file, byte[] bytes) {
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse(false, new String(bytes, StandardCharsets.UTF_8));
            if (pkg == null || parser.hasErrors()) {
                return List.of(file);
            }
        } catch (RuntimeException | StackOverflowError | org.drools.drl.parser.DroolsParserException e) {
            return List.of(file);
        }
        if (!pkg.getFunctions().isEmpty() || !pkg.getGlobals().isEmpty()) {
            return List.of(file);
        }
        List<String> readers = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery() || rule.getLhs() == null || mayRead(rule.getLhs())) {
                readers.add(file + ": " + rule.getName());
            }
        }
        return readers;
    }

    private static boolean mayRead(BaseDescr element) {
        if (element instanceof AndDescr and) {
            return and.getDescrs().stream().anyMatch(SettingsReaders::mayRead);
        }
        if (element instanceof OrDescr or) {
            return or.getDescrs().stream().anyMatch(SettingsReaders::mayRead);
        }
        if (element instanceof NotDescr not) {
            return not.getDescrs().stream().anyMatch(SettingsReaders::mayRead);
        }
        if (element instanceof ExistsDescr exists) {
            for (Object d : exists.getDescrs()) {
                if (!(d instanceof BaseDescr b) || mayRead(b)) {
                    return true;
                }
            }
            return false;
        }
        if (element instanceof ForallDescr forall) {
            return forall.getDescrs().stream().anyMatch(SettingsReaders::mayRead);
        }
        if (element instanceof EvalDescr) {
            return false; // reads only what the patterns bound
        }
        if (element instanceof PatternDescr pattern) {
            if (!CANNOT_MATCH.contains(pattern.getObjectType())) {
                return true;
            }
            Object source = pattern.getSource();
            if (source == null || source instanceof FromDescr) {
                return false; // from reads a value bound by another pattern, judged there
            }
            if (source instanceof CollectDescr collect) {
                return collect.getInputPattern() == null || mayRead(collect.getInputPattern());
            }
            if (source instanceof AccumulateDescr accumulate) {
                return accumulate.getInput() == null || mayRead(accumulate.getInput());
            }
            return true;
        }
        return true;
    }
}
