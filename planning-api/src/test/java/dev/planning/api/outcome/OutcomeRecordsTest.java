package dev.planning.api.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.lifecycle.CycleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outcome records a gate reads are validated where they are made. */
class OutcomeRecordsTest {

    private static final String PATH = "frameworks/planning-fe/outcomes/2025-09-02/junit/1-TEST-a.xml";
    private static final String SHA = "ab".repeat(32);
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @Test
    void aTestOutcomeCountsFailedAndErroredCases() {
        assertThat(new TestOutcome(PATH, SHA, 10, 2, 1, 3).failed()).isEqualTo(3);
    }

    @Test
    void refusesAHashThatIsNotSha256Hex() {
        assertThatThrownBy(() -> new TestOutcome(PATH, "AB".repeat(32), 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(PATH)
                .hasMessageContaining("64 lowercase hexadecimal digits");
    }

    @Test
    void refusesMoreBadCasesThanCases() {
        assertThatThrownBy(() -> new TestOutcome(PATH, SHA, 2, 1, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("than test cases (2)");
    }

    @Test
    void refusesAnAbsolutePath() {
        assertThatThrownBy(() -> new TestOutcome("/etc/x.xml", SHA, 1, 0, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("workspace-relative");
    }

    @Test
    void aCoverageOutcomeIsJacocoOrLcov() {
        assertThatThrownBy(() -> new CoverageOutcome(PATH, SHA, OutcomeKind.JUNIT, false, 1, 1, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("JACOCO or LCOV");
        assertThatThrownBy(() -> new CoverageOutcome(PATH, SHA, OutcomeKind.LCOV, false, -1, 1, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("negative");
    }

    @Test
    void refusesCoverageCountsWhoseTotalALongCannotHold() {
        assertThatThrownBy(() -> new CoverageOutcome(PATH, SHA, OutcomeKind.LCOV, false, Long.MAX_VALUE, 1, 0, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the line counts of " + PATH + " are too large: covered (9223372036854775807) plus missed"
                        + " (1) exceed 9223372036854775807");
        assertThatThrownBy(() -> new CoverageOutcome(PATH, SHA, OutcomeKind.LCOV, false, 1, 1, 1, Long.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the branch counts of " + PATH + " are too large");
    }

    @Test
    void cycleOutcomesAreCopiedAndTheirCoverageIsOfTheSameCycle() {
        List<TestOutcome> tests = new ArrayList<>(List.of(new TestOutcome(PATH, SHA, 1, 0, 0, 0)));
        CycleOutcomes outcomes = new CycleOutcomes(FE, tests, CoverageOutcomes.none(FE, "o"), Set.of("FE-1"));
        tests.clear();

        assertThat(outcomes.tests()).hasSize(1);
        assertThatThrownBy(() -> new CycleOutcomes(FE, List.of(),
                CoverageOutcomes.none(new CycleRef("fe", "2025-08-19"), "o"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CoverageOutcome lcov(String name, boolean endToEnd, long covered, long missed) {
        return new CoverageOutcome("o/" + name, SHA, OutcomeKind.LCOV, endToEnd, covered, missed, 0, 0);
    }

    @Test
    void coverageOutcomesCarryEachKindsMergedTotal() {
        CoverageOutcomes outcomes = new CoverageOutcomes(FE, "o", List.of(lcov("a.info", false, 2, 2),
                lcov("b.info", false, 2, 2), lcov("e2e.info", true, 1, 0)), List.of(),
                List.of(new CoverageTotal(false, 2, 3, 1, 0, 0), new CoverageTotal(true, 1, 1, 0, 0, 0)));

        assertThat(outcomes.total(false)).hasValueSatisfying(unit -> {
            assertThat(unit.linesCovered()).isEqualTo(3);
            assertThat(unit.lines()).isEqualTo(4);
        });
        assertThat(outcomes.total(true).orElseThrow().reports()).isEqualTo(1);
    }

    @Test
    void withoutTotalsEachKindIsTheSumOfItsReportsAsOfReportsSharingNoFile() {
        CoverageOutcomes outcomes = new CoverageOutcomes(FE, "o", List.of(lcov("a.info", false, 2, 2),
                lcov("b.info", false, 1, 3)), List.of());

        assertThat(outcomes.total(false)).contains(new CoverageTotal(false, 2, 3, 5, 0, 0));
        assertThat(outcomes.total(true)).isEmpty();
    }

    @Test
    void refusesAMergedTotalNoMergeOfItsReportsCanGive() {
        List<CoverageOutcome> reports = List.of(lcov("a.info", false, 2, 2), lcov("b.info", false, 2, 2));

        // More than the two reports together: a file counted twice, and then some.
        assertThatThrownBy(() -> new CoverageOutcomes(FE, "o", reports, List.of(),
                List.of(new CoverageTotal(false, 2, 5, 3, 0, 0))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the unit coverage total of o counts 5 covered lines: a merge of its reports counts between"
                        + " 2 and 4");
        // Fewer lines than one of its reports: a merge drops no line.
        assertThatThrownBy(() -> new CoverageOutcomes(FE, "o", reports, List.of(),
                List.of(new CoverageTotal(false, 2, 2, 1, 0, 0))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("counts 3 lines");
        assertThatThrownBy(() -> new CoverageOutcomes(FE, "o", reports, List.of(),
                List.of(new CoverageTotal(false, 1, 2, 2, 0, 0))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("merges 1 reports but 2 were read");
        assertThatThrownBy(() -> new CoverageOutcomes(FE, "o", reports, List.of(),
                List.of(new CoverageTotal(false, 2, 3, 1, 0, 0), new CoverageTotal(false, 2, 3, 1, 0, 0))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 2 totals");
    }

    @Test
    void aKindWithReportsHasATotalUnlessAProblemSaysWhyNot() {
        List<CoverageOutcome> reports = List.of(lcov("a.info", false, 2, 2));

        assertThatThrownBy(() -> new CoverageOutcomes(FE, "o", reports, List.of(), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no merged total and no problem");
        assertThat(new CoverageOutcomes(FE, "o", reports, List.of(new CoverageOutcomes.Unreadable("cannot be merged",
                dev.planning.api.SourceLocation.ofFile("o/a.info"))), List.of()).total(false)).isEmpty();
    }

    @Test
    void refusesCoverageTotalsThatCountNothingOrTooMuch() {
        assertThatThrownBy(() -> new CoverageTotal(false, 0, 0, 0, 0, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one report");
        assertThatThrownBy(() -> new CoverageTotal(false, 1, -1, 0, 0, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new CoverageTotal(false, 1, Long.MAX_VALUE, 1, 0, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> new CoverageOutcomes(FE, "o", List.of(lcov("a.info", false, Long.MAX_VALUE - 1, 0),
                lcov("b.info", false, 2, 0)), List.of())).isInstanceOf(InvalidInputException.class)
                .hasMessage("the unit coverage reports of o cannot be summed: together they count more than"
                        + " 9223372036854775807");
    }
}
