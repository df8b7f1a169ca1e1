package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * attack27: {@code --store} names a file; a URL given there instead is refused without being repeated,
 * whatever its scheme. A libpq URL ({@code postgresql://user:password@host/db}) was taken for a file
 * name and its password repeated in "cannot read the store configuration (not found)", on standard
 * error (a CI log) besides the command line.
 */
class StoreUrlArgumentTest {

    @Test
    void aUrlOfAnySchemeIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"postgresql://planner:SECRET-1@db.example.org/planning",
                "postgres://planner:SECRET-2@db.example.org/planning", "jdbc:postgresql://db/planning?password=SECRET-3"}) {
            CliRun run = CliRun.of("store", "portfolio", "--store", url);

            assertThat(run.exitCode()).as(url).isEqualTo(2);
            assertThat(run.err()).as(url).contains("not a URL").doesNotContain("SECRET").doesNotContain("planner");
            assertThat(run.printedStackTrace()).isFalse();
        }
    }
}
