package dev.planning.examples;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.cli.CliRun;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.GovernanceTestKit;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A custom policy ({@code policies/release-owner}) tested in isolation with the JUnit test kit:
 * build the facts in Java, evaluate them with the compiled rulebook, assert on the decision. Public
 * packages only, as docs/rules.md shows it to rule authors.
 */
class ReleaseOwnerPolicyTest {

    private static final Path POLICY = Path.of("..", "planning-examples", "policies", "release-owner");
    private static final LocalDate TODAY = LocalDate.of(2025, 9, 2);

    private static GovernanceTestKit kit;

    @BeforeAll
    static void compilePolicy() {
        Rulebook rulebook = Planning.rulebook(POLICY);
        kit = GovernanceTestKit.fromRulebook(rulebook);                // compiled once per hash
    }

    private static Task.Builder task(String id, String... tags) {
        return Task.builder(id, "Task " + id).tags(new Tags(Arrays.stream(tags).map(Tag::parse).toList()));
    }

    private static GovernanceDecision judge(List<Waiver> waivers, Task.Builder... tasks) {
        TaskBreakdown plan = new TaskBreakdown("1.0.0", "2025-09-02", "fe", Optional.empty(),
                Arrays.stream(tasks).map(Task.Builder::build).toList(), "plan.yaml");
        return kit.evaluate(new GovernanceInput(new CycleRef("fe", "2025-09-02"), plan, Optional.empty(), Map.of(),
                List.of(), waivers, TODAY));
    }

    @Test
    void aReleaseItemWithoutAnOwnerIsCriticalUnderControlChg7() {
        GovernanceDecision decision = judge(List.of(), task("FE-12", "release:r1"), task("FE-13").owner("bob"));

        assertThat(decision).hasViolation("release-needs-owner").on("FE-12")
                .withSeverity(ViolationSeverity.CRITICAL)
                .withMetadata("control", "CHG-7")
                .withMessageContaining("ships in release r1 but has no owner");
        assertThat(decision).hasOnlyViolations(v("release-needs-owner", "FE-12")).hasCriticalCount(1);
    }

    @Test
    void aTeamIsNotAnAccountableOwner() {
        GovernanceDecision decision = judge(List.of(), task("FE-13", "release:r2").owner("checkout-team"));

        assertThat(decision).hasViolation("release-owner-is-a-person").on("FE-13").withSeverity(ViolationSeverity.HIGH);
        assertThat(decision).hasNoViolation("release-needs-owner").hasCriticalCount(0);
    }

    @Test
    void ownedReleaseItemsAndItemsOutsideAReleasePass() {
        GovernanceDecision decision = judge(List.of(), task("FE-1", "release:r1").owner("alice"), task("FE-2"));

        assertThat(decision).hasNoViolations();
    }

    @Test
    void aScopedWaiverWaivesExactlyOneItem() {
        Waiver waiver = new Waiver("release-needs-owner", "FE-12", "owner named at kickoff", "pm-dana", TODAY.plusDays(3));

        GovernanceDecision decision = judge(List.of(waiver), task("FE-12", "release:r1"), task("FE-13", "release:r1"));

        assertThat(decision).hasWaived(v("release-needs-owner", "FE-12"))
                .hasOnlyViolations(v("release-needs-owner", "FE-13"));
    }

    @Test
    void itsYamlTestsPassWithFullCoverageThroughTheRunner() {
        RuleTestReport report = RuleTestRunner.forRulebook(Planning.rulebook(POLICY))
                .run(RuleTestFiles.readRulebookTests(POLICY));

        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.uncovered()).isEmpty();
    }

    @Test
    void itsYamlTestsPassWithFullCoverageThroughTheCommandLine() {
        CliRun run = CliRun.of("rules", "test", POLICY.toString(), "--fail-under", "100");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("6 passed, 0 failed").contains("rule coverage: 100.0% (4 of 4 rules)");
    }
}
