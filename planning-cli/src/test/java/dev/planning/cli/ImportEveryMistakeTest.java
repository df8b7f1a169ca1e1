package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * errors21: {@code planning import} of several tool-written files, each with several mistakes, tells
 * every mistake of every file, one line each at its {@code file:line:column}, exit 2, no stack trace,
 * nothing stored. Before, a JUnit or JaCoCo report told its first mistake alone, and a file that told
 * several was one line of the list holding its own.
 */
class ImportEveryMistakeTest {

    @TempDir
    Path temp;

    @Test
    void everyMistakeOfEveryFileIsOneLineAtItsPlace() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path junit = write("TEST-cart.xml", """
                <testsuite name="cart" tests="3" failures="one">
                  <testcase classname="Cart" name="adds" time="fast"/>
                  <testcase classname="Cart"/>
                </testsuite>
                """);
        Path jacoco = write("jacoco.xml", """
                <report name="shop">
                  <counter type="LINE" missed="-1" covered="9"/>
                  <counter type="LINE" missed="0" covered="9"/>
                </report>
                """);

        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                junit.toString(), jacoco.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).as(run.err()).startsWith("error: " + junit + ":1:31: nothing imported: 6 errors:\n")
                .containsOnlyOnce("  " + junit + ":1:31: the <testsuite> declares tests=\"3\" but holds 2 <testcase>"
                        + " elements (a partial report?)\n")
                .containsOnlyOnce("  " + junit + ":1:44: failures=\"one\" is not a count")
                .containsOnlyOnce("  " + junit + ":2:48: time=\"fast\" is not a duration")
                .containsOnlyOnce("  " + junit + ":3:3: <testcase> has no name attribute")
                .containsOnlyOnce("  " + jacoco + ":2:32: <counter type=\"LINE\"> has missed=\"-1\"")
                .containsOnlyOnce("  " + jacoco + ":3:18: <report> has a second <counter type=\"LINE\">");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }

    private Path write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
