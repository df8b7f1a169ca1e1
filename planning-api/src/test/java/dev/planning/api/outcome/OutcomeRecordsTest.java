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
}
