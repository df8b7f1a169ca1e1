package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * errors23, end to end: the user errors of tool-written outcome files exit 2 with no stack trace, every
 * mistake at its {@code file:line:column}, a hostile file's mistakes bounded ("and N more"), and a name
 * from a file that holds a line break shown on its one line, so that it cannot print a forged error.
 */
class OutcomeErrorsEndToEndTest {

    @TempDir
    Path temp;

    @Test
    void importOfAHostileTracefileAndAForgedNameIsBoundedOnePrintedLinePerMistake() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        int many = 100_000;
        Path lcov = write("lcov.info", "SF:a.c\n" + "DA:x,1\n".repeat(many) + "end_of_record\n");
        Path jacoco = write("jacoco.xml", """
                <report name="shop">
                  <package name="p">
                    <sourcefile name="A.java&#10;jacoco.xml:1:1: forged"/>
                    <sourcefile name="A.java&#10;jacoco.xml:1:1: forged"/>
                  </package>
                  <counter type="LINE" missed="0" covered="0"/>
                </report>
                """);

        CliRun run = CliRun.of(CycleScript.cycle(workspace, "import", lcov.toString(), jacoco.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(0)).as(run.err()).isEqualTo("error: " + lcov + ":2:4: nothing imported: " + (many + 1)
                + " errors:");
        // The first fifty kept (all the tracefile's), the rest counted: the JaCoCo mistake among them.
        assertThat(lines).as(run.err()).hasSize(1 + 50 + 1).endsWith("  and " + (many + 1 - 50) + " more")
                .noneMatch(line -> line.contains("forged") && !line.contains("\\u000A"));
        assertThat(lines.get(1)).isEqualTo("  " + lcov + ":2:4: DA has \"x\"; expected a whole number");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();

        CliRun alone = CliRun.of(CycleScript.cycle(workspace, "import", jacoco.toString()));

        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.printedStackTrace()).isFalse();
        assertThat(alone.err()).isEqualTo("error: " + jacoco + ":4:23: <sourcefile name=\"A.java\\u000Ajacoco.xml:1:1:"
                + " forged\"> appears a second time in package p: a report lists each source file once\n");
    }

    /** A hand-placed outcome the digest reads: every mistake of the file, exit 2, no stack trace. */
    @Test
    void aDigestOverABadStoredTracefileExitsTwoWithEveryMistake() throws IOException {
        Path workspace = CycleScript.validatedExample(temp);
        Path lcov = workspace.resolve("frameworks/planning-fe/outcomes/2025-09-02/lcov/bad.info");
        Files.createDirectories(lcov.getParent());
        Files.writeString(lcov, "SF:a.c\nDA:x,1\nLF:3\nBRF:1\nBRH:2\nend_of_record\n", StandardCharsets.UTF_8);
        String shown = "frameworks/planning-fe/outcomes/2025-09-02/lcov/bad.info";

        CliRun run = CliRun.of(CycleScript.cycle(workspace, "digest"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err().lines().toList()).as(run.err()).containsExactly(
                "error: " + shown + ":2:4: invalid LCOV tracefile: 3 errors:",
                "  " + shown + ":2:4: DA has \"x\"; expected a whole number",
                "  " + shown + ":1:1: LF:3 without LH in the record of line 1: expected LF and LH together, or"
                        + " neither (counted from the DA lines)",
                "  " + shown + ":1:1: BRH:2 is more than BRF:1 in the record of line 1: expected at most as many"
                        + " branches hit as found");
    }

    /**
     * errors24: a digest over several bad stored outcomes names every mistake of every file in one run, sorted by
     * file and location (the first file's mistakes alone were), exit 2, no stack trace.
     */
    @Test
    void aDigestOverSeveralBadStoredOutcomesNamesEveryMistakeOfEveryFile() throws IOException {
        Path workspace = CycleScript.validatedExample(temp);
        String outcomes = "frameworks/planning-fe/outcomes/2025-09-02/";
        stored(workspace, outcomes + "lcov/bad.info", "SF:a.c\nDA:x,1\nend_of_record\n");
        stored(workspace, outcomes + "junit/TEST-a.xml", "<testsuite tests=\"x\"");
        stored(workspace, outcomes + "jacoco/jacoco.xml", """
                <report name="x">
                  <package name="p">
                    <sourcefile name="A.java"><line nr="-1" mi="0" ci="1" mb="0" cb="0"/></sourcefile>
                    <sourcefile name="B.java"><line nr="-2" mi="0" ci="1" mb="0" cb="0"/></sourcefile>
                  </package>
                  <counter type="LINE" missed="0" covered="2"/>
                </report>
                """);

        CliRun run = CliRun.of(CycleScript.cycle(workspace, "digest"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.err()).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("error: " + outcomes + "jacoco/jacoco.xml:3:41: 3 stored outcome files"
                + " cannot be read: 4 errors:");
        assertThat(lines.subList(1, 5)).satisfiesExactly(
                line -> assertThat(line).startsWith("  " + outcomes + "jacoco/jacoco.xml:3:41: <line> has nr=\"-1\""),
                line -> assertThat(line).startsWith("  " + outcomes + "jacoco/jacoco.xml:4:41: <line> has nr=\"-2\""),
                line -> assertThat(line).startsWith("  " + outcomes + "junit/TEST-a.xml:1:"),
                line -> assertThat(line).isEqualTo("  " + outcomes + "lcov/bad.info:2:4: DA has \"x\"; expected a"
                        + " whole number"));
    }

    private static void stored(Path workspace, String path, String text) throws IOException {
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
