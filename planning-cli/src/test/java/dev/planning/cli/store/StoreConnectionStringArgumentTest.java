package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * review27: {@code --store} names a file; a libpq connection string ({@code host=db password=...}) or a URL
 * without its scheme ({@code //user:password@host/db}) given there instead names no file, and the refusal does not
 * repeat it (it held the password, on standard error, a CI log).
 */
class StoreConnectionStringArgumentTest {

    @Test
    void aConnectionStringOrASchemelessUrlIsRefusedWithoutRepeatingIt() {
        for (String given : new String[] {"host=db.example.org user=planner password=SECRET-1",
                "//planner:SECRET-2@db.example.org/planning"}) {
            // store35: lint opens the store the setting names, as every command over a workspace does.
            for (String[] command : new String[][] {{"store", "portfolio"}, {"lint"}}) {
                CliRun run = CliRun.of(concat(command, "--store", given));

                assertThat(run.exitCode()).as(given).isEqualTo(2);
                assertThat(run.err()).as(given).startsWith("error: --store names a store configuration file")
                        .doesNotContain("SECRET").doesNotContain("planner");
                assertThat(run.printedStackTrace()).isFalse();
            }
        }
    }

    private static String[] concat(String[] command, String... more) {
        String[] all = Arrays.copyOf(command, command.length + more.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
