package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.RuleTestCase;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
            throw Rulebooks.relocated(e, directory, filesOf(rulebook));
        }
        return new Outcome(rulebook, runner.run(cases));
    }

    /** The rule files and the files directly under tests/, relative to the rulebook: the names a message may list. */
    private static List<String> filesOf(Rulebook rulebook) {
        List<String> files = new ArrayList<>(rulebook.ruleFiles());
        try (Stream<Path> tests = Files.list(rulebook.directory().resolve("tests"))) {
            tests.forEach(file -> files.add("tests/" + file.getFileName()));
        } catch (IOException | UncheckedIOException e) {
            // No tests directory, or one that cannot be listed: the reader has said so already.
        }
        return files;
    }
}
