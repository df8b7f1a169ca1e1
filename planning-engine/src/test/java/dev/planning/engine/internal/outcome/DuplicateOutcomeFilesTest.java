package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack26: a cycle's outcomes directory holding one report twice, under two names (committed by hand, or stored
 * so by an import before attack26), counted its tests and accessibility checks twice in the KPIs; {@code import}
 * stores each report's bytes once, so two stored files of the same bytes are refused, naming both.
 */
class DuplicateOutcomeFilesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String DIR = "frameworks/planning-fe/outcomes/2025-09-02/";

    @TempDir
    Path root;

    private OutcomeSet read() {
        return new OutcomeFiles(root, WorkspaceLayout.DEFAULT, CoverageReader.NONE).read(CYCLE);
    }

    @Test
    void aJunitReportStoredTwiceUnderTwoNamesIsRefusedNamingBoth() {
        CycleWorkspace.write(root.resolve(DIR + "junit/aaaaaaaaaaaa-TEST-a.xml"), JUnitReportParserTest.SUREFIRE);
        CycleWorkspace.write(root.resolve(DIR + "junit/bbbbbbbbbbbb-copy.xml"), JUnitReportParserTest.SUREFIRE);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, this::read);

        assertThat(e).isNotNull();
        assertThat(e.location().orElseThrow().file()).isEqualTo(DIR + "junit/bbbbbbbbbbbb-copy.xml");
        assertThat(e.getMessage()).contains("holds the same bytes as " + DIR + "junit/aaaaaaaaaaaa-TEST-a.xml")
                .contains("counted twice").contains("remove one");
    }

    @Test
    void anAccessibilityReportStoredTwiceIsRefusedToo() {
        CycleWorkspace.write(root.resolve(DIR + "axe/a.json"), AxeReportParserTest.RESULTS);
        CycleWorkspace.write(root.resolve(DIR + "axe/b.json"), AxeReportParserTest.RESULTS);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, this::read);

        assertThat(e).isNotNull();
        assertThat(e.location().orElseThrow().file()).isEqualTo(DIR + "axe/b.json");
    }

    @Test
    void twoReportsOfOtherBytesAreBothCounted() {
        CycleWorkspace.write(root.resolve(DIR + "junit/a.xml"), JUnitReportParserTest.SUREFIRE);
        CycleWorkspace.write(root.resolve(DIR + "junit/b.xml"), JUnitReportParserTest.SUREFIRE.replace("<testsuite ",
                "<testsuite  "));

        assertThat(read().tests()).hasSize(2);
    }
}
