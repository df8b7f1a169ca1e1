package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CoverageTotal;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source file is one name across a cycle's coverage reports, whichever way a report spells it, and
 * names that may or may not be one file are refused rather than added (counted twice) or merged (mixed):
 * read through the public {@link CoverageOutcomes#total} the {@code parity_coverage} gate and the KPIs judge.
 */
class CoverageIdentityTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String DIR = WorkspaceLayout.DEFAULT.outcomesDir(CYCLE);

    @TempDir
    Path workspace;

    private CoverageOutcomes coverage() {
        return new GateOutcomes(workspace, WorkspaceLayout.DEFAULT).coverage(CYCLE);
    }

    private CoverageTotal unit() {
        CoverageOutcomes coverage = coverage();
        assertThat(coverage.problems()).isEmpty();
        return coverage.total(false).orElseThrow();
    }

    /** The one problem of the cycle's coverage, whose unit kind has no total. */
    private CoverageOutcomes.Unreadable refused() {
        CoverageOutcomes coverage = coverage();
        assertThat(coverage.total(false)).isEmpty();
        assertThat(coverage.problems()).hasSize(1);
        return coverage.problems().get(0);
    }

    // --- 1. One LCOV path, spelt several ways --------------------------------------------------------

    @Test
    void oneLcovFileSpeltWithDotSlashDoubleSlashDotSegmentOrBackslashesIsMergedLineByLineNotAdded() {
        // Lines 1-3 of src/a.js: the first run hit line 1, the second line 2, the others none. Added as four
        // files, 2 of 12 lines; merged as one, 2 of 3.
        Plans.write(workspace, DIR + "/a.info", "SF:./src/a.js\nDA:1,1\nDA:2,0\nDA:3,0\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:src//a.js\nDA:1,0\nDA:2,4\nDA:3,0\nend_of_record\n");
        Plans.write(workspace, DIR + "/c.info", "SF:src\\a.js\nDA:1,0\nDA:2,0\nDA:3,0\nend_of_record\n");
        Plans.write(workspace, DIR + "/d.info", "SF:src/./a.js\nDA:1,0\nDA:2,0\nDA:3,0\nend_of_record\n");

        CoverageTotal unit = unit();

        assertThat(unit.reports()).isEqualTo(4);
        assertThat(unit.linesCovered()).isEqualTo(2);
        assertThat(unit.linesMissed()).isEqualTo(1);
    }

    @Test
    void aTotalsOnlyRecordOfAFileAnotherReportSpellsOtherwiseIsStillRefusedNotAddedBeside() {
        // Before, ./src/a.js and src/a.js were two files: LF/LH totals were added beside the other's lines.
        Plans.write(workspace, DIR + "/a.info", "SF:./src/a.js\nLF:10\nLH:10\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:src/a.js\nDA:1,1\nDA:2,0\nend_of_record\n");

        CoverageOutcomes.Unreadable problem = refused();

        assertThat(problem.location()).isEqualTo(new SourceLocation(DIR + "/a.info", 1, 1));
        assertThat(problem.message()).contains("src/a.js is in 2 unit coverage reports")
                .contains("gives its lines (LF/LH without a DA line for each) as totals");
    }

    @Test
    void aPathWithADotDotSegmentIsAProblemOfItsReportNotNormalisedPastTheRoot() {
        Plans.write(workspace, DIR + "/a.info", "SF:src/a.js\nDA:1,1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:lib/../src/a.js\nDA:1,0\nDA:2,0\nend_of_record\n");

        CoverageOutcomes coverage = coverage();

        assertThat(coverage.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location()).isEqualTo(new SourceLocation(DIR + "/b.info", 1, 4));
            assertThat(problem.message()).contains("SF:lib/../src/a.js has a \"..\" segment");
        });
    }

    // --- 2. A JaCoCo module report beside an aggregate ----------------------------------------------

    private static final String CART_LINES_RAN_1 = "<sourcefile name=\"Cart.java\">"
            + "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/><line nr=\"2\" mi=\"3\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
            + "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/></sourcefile>";
    private static final String CART_LINES_RAN_2 = "<sourcefile name=\"Cart.java\">"
            + "<line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/><line nr=\"2\" mi=\"0\" ci=\"3\" mb=\"0\" cb=\"0\"/>"
            + "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/></sourcefile>";
    private static final String ADMIN = "<sourcefile name=\"Admin.java\">"
            + "<line nr=\"1\" mi=\"1\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
            + "<counter type=\"LINE\" missed=\"1\" covered=\"0\"/></sourcefile>";

    private static String report(String body, int covered, int missed) {
        return "<report name=\"r\">" + body + "<counter type=\"LINE\" missed=\"" + missed + "\" covered=\""
                + covered + "\"/></report>";
    }

    @Test
    void aModuleReportBesideAnAggregateGroupingTheModuleCountsEachFileOnce() {
        // The module's own report, and the aggregate's <group name="cart"> of the same module beside another
        // module's group: keyed by group, Cart.java counted twice (2 of 4, and Admin 0 of 1: 2 of 5).
        Plans.write(workspace, DIR + "/cart/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/all/jacoco.xml", report("<group name=\"cart\"><package name=\"shop/cart\">"
                + CART_LINES_RAN_2 + "</package></group><group name=\"admin\"><package name=\"shop/admin\">" + ADMIN
                + "</package></group>", 1, 2));

        CoverageTotal unit = unit();

        // Cart.java's lines 1 and 2 each ran in one report: 2 of 2; Admin.java 0 of 1.
        assertThat(unit.linesCovered()).isEqualTo(2);
        assertThat(unit.linesMissed()).isEqualTo(1);
    }

    @Test
    void twoModulesFilesOfOnePackageAndNameInOneAggregateAreTwoFilesOfThatReport() {
        Plans.write(workspace, DIR + "/all/jacoco.xml", report("<group name=\"a\"><package name=\"shop/cart\">"
                + CART_LINES_RAN_1 + "</package></group><group name=\"b\"><package name=\"shop/cart\">"
                + CART_LINES_RAN_2 + "</package></group>", 2, 2));

        CoverageTotal unit = unit();

        assertThat(unit.linesCovered()).isEqualTo(2);
        assertThat(unit.linesMissed()).isEqualTo(2);
    }

    @Test
    void aNameTwoGroupsOfAnAggregateShareThatAnotherReportNamesIsRefusedNotMergedWithEither() {
        // Which module's Cart.java the module report is cannot be known: merged with both, 2 of 2 for three files.
        Plans.write(workspace, DIR + "/all/jacoco.xml", report("<group name=\"a\"><package name=\"shop/cart\">"
                + CART_LINES_RAN_1 + "</package></group><group name=\"b\"><package name=\"shop/cart\">"
                + CART_LINES_RAN_2 + "</package></group>", 2, 2));
        Plans.write(workspace, DIR + "/b/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_2 + "</package>", 1, 1));

        CoverageOutcomes.Unreadable problem = refused();

        assertThat(problem.message()).contains("shop/cart/Cart.java names two files of this report (in two <group>s")
                .contains("is named by another unit coverage report too (" + DIR + "/b/jacoco.xml)");
        assertThat(problem.location().file()).isEqualTo(DIR + "/all/jacoco.xml");
    }

    @Test
    void aPackageSpeltWithDotsIsAProblemRatherThanAnotherNameForTheFile() {
        // shop.cart beside shop/cart would be two names of one file: counted twice.
        Plans.write(workspace, DIR + "/a/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/b/jacoco.xml",
                report("<package name=\"shop.cart\">" + CART_LINES_RAN_2 + "</package>", 1, 1));

        CoverageOutcomes coverage = coverage();

        assertThat(coverage.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location().file()).isEqualTo(DIR + "/b/jacoco.xml");
            assertThat(problem.message()).contains("<package name=\"shop.cart\"> is not a package as JaCoCo names it");
        });
    }

    // --- 3. One file named by an LCOV path and a JaCoCo name ----------------------------------------

    @Test
    void anLcovPathEndingWithAJacocoFilesPackageAndNameIsRefusedRatherThanCountedTwice() {
        // A converter's LCOV of the JaCoCo run: src/main/java/shop/cart/Cart.java is most likely Cart.java
        // again, but two modules' files end so too. Added, 2 of 4; neither added nor merged.
        Plans.write(workspace, DIR + "/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/lcov.info",
                "SF:./src/main/java/shop/cart/Cart.java\nDA:1,1\nDA:2,0\nend_of_record\n");

        CoverageOutcomes.Unreadable problem = refused();

        assertThat(problem.location().file()).isEqualTo(DIR + "/jacoco.xml");
        assertThat(problem.message()).contains("shop/cart/Cart.java (a JaCoCo package and source file name) and"
                + " src/main/java/shop/cart/Cart.java in " + DIR + "/lcov.info (an LCOV path ending so) may be one file");
    }

    @Test
    void anLcovPathEqualToAJacocoNameIsRefusedToo() {
        Plans.write(workspace, DIR + "/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/lcov.info", "SF:shop/cart/Cart.java\nDA:1,1\nend_of_record\n");

        assertThat(refused().message()).contains("may be one file of the unit coverage or two");
    }

    @Test
    void anLcovPathThatEndsOnlyPartWayThroughASegmentOrInAnotherFileIsAnotherFileAndAdded() {
        Plans.write(workspace, DIR + "/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/lcov.info", "SF:web/myshop/cart/Cart.java\nDA:1,1\nend_of_record\n"
                + "SF:web/shop/cart/Cart.js\nDA:1,0\nend_of_record\n");

        CoverageTotal unit = unit();

        assertThat(unit.linesCovered()).isEqualTo(2);
        assertThat(unit.linesMissed()).isEqualTo(2);
    }

    @Test
    void aJacocoFileOfTheDefaultPackageIsMatchedByItsNameAlone() {
        Plans.write(workspace, DIR + "/jacoco.xml",
                report("<package name=\"\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/lcov.info", "SF:src/Cart.java\nDA:1,1\nend_of_record\n");

        assertThat(refused().message()).startsWith("Cart.java (a JaCoCo package and source file name) and src/Cart.java");
    }

    // --- Absolute and relative LCOV paths ------------------------------------------------------------

    @Test
    void aRelativeLcovPathThatAnAbsoluteOneEndsWithIsRefused() {
        Plans.write(workspace, DIR + "/a.info", "SF:/ci/web/src/a.js\nDA:1,1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:src/a.js\nDA:1,0\nend_of_record\n");

        CoverageOutcomes.Unreadable problem = refused();

        assertThat(problem.location()).isEqualTo(new SourceLocation(DIR + "/b.info", 1, 1));
        assertThat(problem.message()).contains("src/a.js (a relative LCOV path) and /ci/web/src/a.js in "
                + DIR + "/a.info (an absolute LCOV path ending so)");
    }

    @Test
    void aWindowsDrivePathCountsAsAbsolute() {
        Plans.write(workspace, DIR + "/a.info", "SF:C:\\ci\\web\\src\\a.js\nDA:1,1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:src/a.js\nDA:1,0\nend_of_record\n");

        assertThat(refused().message()).contains("C:/ci/web/src/a.js");
    }

    @Test
    void twoRelativePathsOneEndingTheOtherAreTwoFilesOfOneRoot() {
        // A monorepo's src/index.js and packages/x/src/index.js: both spelt from the project's root.
        Plans.write(workspace, DIR + "/a.info", "SF:src/index.js\nDA:1,1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:packages/x/src/index.js\nDA:1,0\nend_of_record\n");

        CoverageTotal unit = unit();

        assertThat(unit.linesCovered()).isEqualTo(1);
        assertThat(unit.linesMissed()).isEqualTo(1);
    }

    @Test
    void anEndToEndReportIsNeverMatchedWithAUnitReport() {
        Plans.write(workspace, DIR + "/jacoco.xml",
                report("<package name=\"shop/cart\">" + CART_LINES_RAN_1 + "</package>", 1, 1));
        Plans.write(workspace, DIR + "/e2e/lcov.info", "SF:src/main/java/shop/cart/Cart.java\nDA:1,1\nend_of_record\n");

        CoverageOutcomes coverage = coverage();

        assertThat(coverage.problems()).isEmpty();
        assertThat(coverage.total(false).orElseThrow().lines()).isEqualTo(2);
        assertThat(coverage.total(true).orElseThrow().lines()).isEqualTo(1);
    }

    @Test
    void theInternalTotalRefusesWhatThePublicOneHasNone() {
        Plans.write(workspace, DIR + "/a.info", "SF:/ci/src/a.js\nDA:1,1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:src/a.js\nDA:1,0\nend_of_record\n");
        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(catchThrowableOfType(InvalidInputException.class, () -> reports.total(CoverageKind.UNIT)))
                .hasMessageContaining("may be one file of the unit coverage or two");
    }
}
