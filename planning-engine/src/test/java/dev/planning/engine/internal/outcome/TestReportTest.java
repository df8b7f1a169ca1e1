package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test report's counts are compared without wrapping. */
class TestReportTest {

    @Test
    void failedErroredAndSkippedCasesWhoseSumOverflowsAnIntAreStillMoreThanTheTests() {
        assertThatThrownBy(() -> new TestReport(1, 10, Integer.MAX_VALUE, Integer.MAX_VALUE, 2, 1.0, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a test report cannot have more failed, errored and skipped tests (4294967296) than"
                        + " tests (10)");
    }
}
