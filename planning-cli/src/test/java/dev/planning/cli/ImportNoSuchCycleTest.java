package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack26: {@code planning import} into a cycle that does not exist (a mistyped id, a stream that is not there)
 * stored the reports and recorded {@code OUTCOMES_IMPORTED} in a new event log, making the cycle; it now says "no
 * such cycle", exit 2, and writes nothing, as {@code gate}, {@code advance} and {@code status} do.
 */
class ImportNoSuchCycleTest {

    @TempDir
    Path temp;

    @Test
    void importIntoACycleThatDoesNotExistIsRefusedAndWritesNothing() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path junit = temp.resolve("TEST-cart.xml");
        Files.writeString(junit, """
                <testsuite name="cart" tests="1"><testcase classname="Cart" name="adds"/></testsuite>
                """, StandardCharsets.UTF_8);

        for (String[] cycle : new String[][] {{"fe", "2025-09-03"}, {"zz", "2025-09-02"}}) {
            CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", cycle[0], "--cycle", cycle[1],
                    junit.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.printedStackTrace()).isFalse();
            assertThat(run.err()).contains("no such cycle " + cycle[0] + "/" + cycle[1]).contains("planning init");
            assertThat(workspace.resolve("frameworks/planning-" + cycle[0] + "/outcomes/" + cycle[1])).doesNotExist();
            assertThat(workspace.resolve("frameworks/planning-" + cycle[0] + "/events/" + cycle[1] + ".events.jsonl"))
                    .doesNotExist();
        }
    }

    @Test
    void importIntoACycleThatExistsStoresTheReport() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path junit = temp.resolve("TEST-cart.xml");
        Files.writeString(junit, """
                <testsuite name="cart" tests="1"><testcase classname="Cart" name="adds"/></testsuite>
                """, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                junit.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes/2025-09-02/junit")).isDirectory();
    }
}
