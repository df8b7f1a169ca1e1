package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.FileNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reads rule test files: YAML, one case per document (separate several with {@code ---}), each
 * validated against the {@code rule-test} schema; tasks are written and validated exactly as in a
 * task breakdown, waivers exactly as in a decision log.
 * <pre class="language-yaml">{@code
 * name: critical item needs three approvals
 * given:
 *   stream: fe                   # optional, default fe
 *   cycle: 2025-09-02            # optional, default "test"
 *   today: 2025-09-02            # optional when the cycle id is a date
 *   tasks:
 *     - {id: FE-1, title: Pay, owner: alice, tags: {criticality: 0, compliance: none},
 *        acceptance_criteria: [works], controls: {approvals: [a, b], review_board: ARB-1,
 *        emergency_contact: oncall, rollback_plan: flag off}}
 *   other_streams:               # optional: other streams' tasks, for cross-stream references
 *     be: [{id: PLN-BE-001, title: Payments API, owner: bob}]
 *   waivers: []                  # optional: {rule, item, reason, approver, expires}
 *   gate_results: []             # optional: {gate, status, errors, warnings}
 * expect:
 *   only: true                   # default: any other unwaived violation fails the case
 *   violations:
 *     - {rule: critical-approvals, item: FE-1}
 * }</pre>
 *
 * <p>Instead of {@code tasks}, {@code given.workspace} names a small workspace directory (relative
 * to the test file) whose cycle {@code given.stream}/{@code given.cycle} is judged: its task
 * breakdown, story map, the other streams' plans and its decision log's waivers.
 *
 * <p>Case names are unique within a file, so {@link RuleTestCase#id()} ({@code file::name}) is a
 * stable, unique test name. Bad files raise {@link InvalidInputException} naming the file, line
 * and column and what was expected.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleTestFiles {

    private RuleTestFiles() {
    }

    /**
     * Every case of every {@code *.yaml} / {@code *.yml} file of a rulebook's {@code tests}
     * directory, files in name order; empty when there is no such directory. Files are named
     * relative to the rulebook directory ({@code tests/critical.yaml}).
     *
     * @param rulebookDirectory the rulebook directory
     * @return the cases, files in name order
     * @throws InvalidInputException when {@code rulebookDirectory} is not a directory (a mistyped path is
     *         refused, never read as a rulebook without tests); naming every file's mistakes, each file's
     *         lines after the one before's, located at the first
     * @throws dev.planning.api.PlanningException when the tests directory or a test file is there but cannot
     *         be examined or listed (never taken for none)
     */
    public static List<RuleTestCase> readRulebookTests(Path rulebookDirectory) {
        if (!Files.isDirectory(rulebookDirectory)) {
            throw new InvalidInputException("rulebook directory not found: " + Printable.path(rulebookDirectory)
                    + "; its rule tests are read from its tests/ directory");
        }
        Path tests = rulebookDirectory.resolve("tests");
        // A tests directory, or a test file, that cannot be examined is refused, never taken for none:
        // its cases would not run and the rules they test would look untested only by coverage.
        String without = "the rule tests cannot be run without it";
        List<RuleTestCase> cases = new ArrayList<>();
        // Every file's mistakes in one run, not the first file's alone (errors18).
        List<InvalidInputException> refusals = new ArrayList<>();
        for (Path file : DirectoryEntries.sorted(rulebookDirectory, tests, without)) {
            if (!isYaml(file)) {
                continue;
            }
            String shown = FileNames.slashed(rulebookDirectory.relativize(file));
            if (DirectoryEntries.isRegularFile(rulebookDirectory, file, without)) {
                try {
                    cases.addAll(read(file, shown));
                } catch (InvalidInputException e) {
                    refusals.add(e);
                }
            } else if (Files.isDirectory(file)) {
                // Named as a test file is: its cases would silently not run.
                refusals.add(new InvalidInputException("is a directory; expected a rule test file (YAML cases) of that"
                        + " name", SourceLocation.ofFile(shown)));
            }
        }
        if (!refusals.isEmpty()) {
            // Kept as data, so that a caller naming the files otherwise renames each file's lines (diff21).
            throw ErrorList.together(refusals);
        }
        return List.copyOf(cases);
    }

    /**
     * The cases of one file.
     *
     * @param file        the file to read
     * @param displayName how locations name the file (e.g. relative to the rulebook)
     * @return the cases of one file
     * @throws InvalidInputException when the file is not valid YAML, a case does not follow the
     *         format, or two cases share a name
     */
    public static List<RuleTestCase> read(Path file, String displayName) {
        int slash = displayName.lastIndexOf('/');
        CaseReader reader = new CaseReader(file.toAbsolutePath().getParent(), slash < 0 ? "" : displayName.substring(0, slash));
        List<RuleTestCase> cases = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        // Every case's mistakes, not only the first case's: one message lists them all, each at its place.
        List<InvalidInputException> mistakes = new ArrayList<>();
        InvalidInputException only = null;
        for (LocatedDocument document : YamlDocuments.readAll(file, displayName)) {
            List<Finding> problems = reader.problems(document);
            if (!problems.isEmpty()) {
                problems.forEach(p -> mistakes.add(new InvalidInputException(p.message(), p.location().orElseThrow())));
                only = mistakes.get(mistakes.size() - 1);
                continue;
            }
            RuleTestCase testCase;
            try {
                testCase = reader.readValid(document);
            } catch (InvalidInputException e) {
                // Kept whole: a file the case reads, refused with every mistake of its own, is renamed as its data says.
                only = e;
                mistakes.add(e.location().isPresent() ? e
                        : new InvalidInputException(e.getMessage(), document.fileLocation(), e));
                continue;
            }
            SourceLocation first = names.putIfAbsent(testCase.name(), testCase.source());
            if (first != null) {
                only = new InvalidInputException("a second case is named '" + Printable.cut(testCase.name(), Printable.VALUE_CHARACTERS)
                        + "' (the first is at line "
                        + first.line() + "); case names must be unique within a file so that results can be told apart",
                        document.locate("/name"));
                mistakes.add(only);
                continue;
            }
            cases.add(testCase);
        }
        if (mistakes.size() == 1) {
            throw only;
        }
        if (!mistakes.isEmpty()) {
            throw ErrorList.ofRefusals("invalid rule tests", mistakes, SourceLocation.ofFile(displayName));
        }
        return List.copyOf(cases);
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
