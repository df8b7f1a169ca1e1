package dev.planning.maven;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.CaseResult;
import dev.planning.rules.testkit.RuleTestCase;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code planning:rules-test}: runs the rulebook's own tests ({@code tests/*.yaml}) with rule
 * coverage, as {@code planning rules test}. Writes {@code rules-test.junit.xml} (a suite per test
 * file and a {@code rule-coverage} suite); fails the build when a case fails, when there is no case
 * (nothing was tested), or the coverage is under {@code failUnder}.
 */
@Mojo(name = "rules-test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class RulesTestMojo extends PlanningMojo {

    /** Fail when fewer than this percentage (0-100) of the rules fired in some test. */
    @Parameter(property = "planning.failUnder")
    Double failUnder;

    /** Creates the goal; Maven sets the parameters. */
    public RulesTestMojo() {
    }

    @Override
    String goal() {
        return "rules-test";
    }

    @Override
    Verdict check() {
        if (failUnder != null && !(failUnder >= 0 && failUnder <= 100)) {
            throw new InvalidInputException("<failUnder> must be a percentage from 0 to 100 (found " + failUnder + ")");
        }
        Rulebook rulebook = Planning.rulebook(rulebookDirectory());
        RuleTestRunner runner;
        List<RuleTestCase> cases;
        try {
            runner = RuleTestRunner.forRulebook(rulebook);
            cases = RuleTestFiles.readRulebookTests(rulebook.directory());
        } catch (InvalidInputException e) {
            throw inRulebook(e);
        }
        RuleTestReport report = runner.run(cases);
        boolean covered = failUnder == null || report.coverageAtLeast(failUnder);
        write("rules-test.junit.xml", report.junitXml(failUnder != null && failUnder >= 100));
        log(report.failures().stream().map(f -> "FAIL " + Printable.line(f.testCase().id()) + " ("
                + Printable.line(String.valueOf(f.testCase().source())) + ")\n" + f.diff()).toList(), List.of());
        long passed = report.results().stream().filter(CaseResult::passed).count();
        String summary = passed + " passed, " + (report.results().size() - passed) + " failed"
                + String.format(Locale.ROOT, "; rule coverage %.1f%% (%d of %d rules)", report.coveragePercent(),
                        report.rules().size() - report.uncovered().size(), report.rules().size())
                + (failUnder == null ? "" : String.format(Locale.ROOT, " (required %.1f%%)", failUnder));
        if (report.results().isEmpty()) {
            summary = "no test cases in " + Printable.path(rulebook.directory().resolve("tests"))
                    + ": nothing was tested; add rule tests (tests/*.yaml) that expect its rules' violations; "
                    + summary;
        }
        return new Verdict(report.passed() && covered, summary);
    }
}
