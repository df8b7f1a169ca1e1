package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.RuleTestCase;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a rulebook's own tests and returns the outcome as data, apart from any rendering, so that
 * other output formats (JUnit XML) can be added beside text and JSON.
 */
final class RuleTests {

    private RuleTests() {
    }

    /** The rulebook judged, and the report of its tests. */
    record Outcome(Rulebook rulebook, RuleTestReport report) {
    }

    /**
     * Loads the rulebook in {@code directory}, compiles it, reads every {@code tests/*.yaml} case
     * and runs them.
     *
     * @throws InvalidInputException when {@code rulebook.yaml} is invalid, a DRL file does not
     *         compile or a test file is malformed; located at the file (shown under
     *         {@code directory}), line and column
     */
    static Outcome run(Path directory) {
        Rulebook rulebook = Planning.rulebook(directory);
        RuleTestRunner runner;
        List<RuleTestCase> cases;
        try {
            runner = RuleTestRunner.forRulebook(rulebook);
            cases = RuleTestFiles.readRulebookTests(rulebook.directory());
        } catch (InvalidInputException e) {
            // The message may list every rule file's or every test file's mistakes: each named under directory.
            throw Rulebooks.relocated(e, directory);
        }
        return new Outcome(rulebook, runner.run(cases));
    }
}
