package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each outcome file is read once: what the gates are given (counts, coverage) and the SHA-256
 * recorded for it come from the same bytes, whatever happens to the file after the read.
 */
class OutcomeSnapshotTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef PREVIOUS = new CycleRef("fe", "2025-08-19");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    /** The cycle's scope: these tests store no deployments file. */
    private static final DeploymentScope SCOPE = DeploymentScope.of(() -> Optional.of(Instant.parse("2025-09-02T08:00:00Z")),
            Optional.empty());
    private static final String FAILING = """
            <testsuite name="CartTest" tests="2">
              <testcase classname="CartTest" name="a"/>
              <testcase classname="CartTest" name="b"><failure/></testcase>
            </testsuite>
            """;
    private static final String PASSING = FAILING.replace("<failure/>", "");
    private static final String LOW = "SF:a.js\nLF:10\nLH:2\nend_of_record\n";
    private static final String HIGH = "SF:a.js\nLF:10\nLH:10\nend_of_record\n";

    @TempDir
    Path workspace;

    @Test
    void aJUnitReportChangedAfterItWasReadIsJudgedAndHashedAsRead() throws IOException {
        String path = write(CYCLE, "junit/0123456789ab-TEST-CartTest.xml", FAILING);

        CycleOutcomes outcomes = new GateOutcomes(workspace, LAYOUT).read(CYCLE,
                OutcomeSnapshot.read(workspace, LAYOUT.outcomesDir(CYCLE), rewriteWith(PASSING), OutcomeSnapshot.MAX_TOTAL_BYTES),
                SCOPE);

        assertThat(Files.readString(workspace.resolve(path))).isEqualTo(PASSING);
        assertThat(outcomes.tests()).singleElement().satisfies(t -> {
            assertThat(t.path()).isEqualTo(path);
            assertThat(t.failures()).isEqualTo(1);
            assertThat(t.sha256()).isEqualTo(sha256(FAILING));
        });
    }

    @Test
    void aCoverageReportOfThisOrThePreviousCycleChangedAfterItWasReadIsHashedAsRead() throws IOException {
        for (CycleRef cycle : new CycleRef[] {CYCLE, PREVIOUS}) {
            String path = write(cycle, "lcov/0123456789ab-lcov.info", LOW);

            CoverageOutcomes coverage = new GateOutcomes(workspace, LAYOUT).coverage(cycle,
                    OutcomeSnapshot.read(workspace, LAYOUT.outcomesDir(cycle), rewriteWith(HIGH), OutcomeSnapshot.MAX_TOTAL_BYTES));

            assertThat(coverage.reports()).as(cycle.cycleId()).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo(path);
                assertThat(r.linesCovered()).isEqualTo(2);
                assertThat(r.sha256()).isEqualTo(sha256(LOW));
            });
        }
    }

    @Test
    void eachFileIsReadOnceForTheTestsTheCoverageAndTheDigests() throws IOException {
        write(CYCLE, "junit/0123456789ab-TEST-CartTest.xml", PASSING);
        write(CYCLE, "lcov/0123456789ab-lcov.info", HIGH);
        int[] reads = new int[1];

        OutcomeSnapshot snapshot = OutcomeSnapshot.read(workspace, LAYOUT.outcomesDir(CYCLE), file -> reads[0]++,
                OutcomeSnapshot.MAX_TOTAL_BYTES);
        new GateOutcomes(workspace, LAYOUT).read(CYCLE, snapshot, SCOPE);

        assertThat(reads[0]).isEqualTo(2);
        assertThat(snapshot.digests()).containsValues(sha256(PASSING), sha256(HIGH));
    }

    @Test
    void filesPastTheTotalLimitAreUnreadableAndTheirReportIsRefusedNotSkipped() throws IOException {
        write(CYCLE, "junit/0123456789ab-TEST-a.xml", PASSING);
        String second = write(CYCLE, "junit/0123456789ab-TEST-b.xml", FAILING);

        OutcomeSnapshot snapshot = OutcomeSnapshot.read(workspace, LAYOUT.outcomesDir(CYCLE), file -> { },
                PASSING.length() + 10);

        assertThat(snapshot.unreadable()).containsOnlyKeys(second);
        assertThatThrownBy(() -> new GateOutcomes(workspace, LAYOUT).read(CYCLE, snapshot, SCOPE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("holds more than");
    }

    @Test
    void aJUnitReportThatIsASymbolicLinkIsRefusedNotSkipped() throws IOException {
        Path elsewhere = workspace.resolve("docs/TEST-failing.xml");
        Files.createDirectories(elsewhere.getParent());
        Files.writeString(elsewhere, FAILING);
        Path junit = workspace.resolve(LAYOUT.outcomesDir(CYCLE) + "/junit");
        Files.createDirectories(junit);
        Files.createSymbolicLink(junit.resolve("0123456789ab-TEST-x.xml"), elsewhere);

        GateOutcomes outcomes = new GateOutcomes(workspace, LAYOUT);

        assertThatThrownBy(() -> outcomes.read(CYCLE, outcomes.snapshot(CYCLE), SCOPE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a symbolic link")
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).hasValueSatisfying(l -> assertThat(
                        l.file()).isEqualTo(LAYOUT.outcomesDir(CYCLE) + "/junit/0123456789ab-TEST-x.xml")));
    }

    @Test
    void aCoverageReportThatIsASymbolicLinkIsAProblemNotSkipped() throws IOException {
        Path elsewhere = workspace.resolve("docs/lcov.info");
        Files.createDirectories(elsewhere.getParent());
        Files.writeString(elsewhere, LOW);
        Path lcov = workspace.resolve(LAYOUT.outcomesDir(CYCLE) + "/e2e");
        Files.createDirectories(lcov);
        Files.createSymbolicLink(lcov.resolve("lcov.info"), elsewhere);

        CoverageOutcomes coverage = new GateOutcomes(workspace, LAYOUT).coverage(CYCLE);

        assertThat(coverage.reports()).isEmpty();
        assertThat(coverage.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("is a symbolic link"));
    }

    @Test
    void anLcovFileThatIsNotUtf8IsRefusedNotDecodedWithReplacements() throws IOException {
        Path file = workspace.resolve(LAYOUT.outcomesDir(CYCLE) + "/lcov/0123456789ab-lcov.info");
        Files.createDirectories(file.getParent());
        byte[] bytes = HIGH.replace("a.js", "a\u00e9.js").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bytes);

        assertThatThrownBy(() -> Lcov.parse(bytes, "lcov.info")).isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid UTF-8 byte 0xE9");
        assertThat(new GateOutcomes(workspace, LAYOUT).coverage(CYCLE).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("invalid UTF-8 byte 0xE9"));
    }

    private String write(CycleRef cycle, String relative, String content) throws IOException {
        String path = LAYOUT.outcomesDir(cycle) + "/" + relative;
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return path;
    }

    /** A reader hook that replaces each file's content just after it was read. */
    private static Consumer<Path> rewriteWith(String content) {
        return file -> {
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
