package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * store36: what a user is told to check names the setting that chose the store, in a process of its own (the
 * environment is read only there). The hint of a store that cannot be reached named {@code PLANNING_STORE_URL}
 * whatever setting chose the store; a URL parameter off the allow-list is refused before anything connects, naming
 * the variable and the parameter, never its value. No server is needed: nothing listens on port 1.
 */
@Tag("slow")
@Tag("subprocess")
class StoreSettingHintTest {

    private static final String DOWN = "jdbc:postgresql://127.0.0.1:1/planning?connectTimeout=1";

    @TempDir
    Path dir;

    @Test
    void theHintOfAStoreNamedByTheEnvironmentsUrlNamesThatVariable() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        CliRun run = CliRun.inChildJvm(Map.of("PLANNING_STORE_URL", DOWN, "PLANNING_STORE_CONFIG", ""), "status",
                "-w", ws.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .endsWith("; check that the database is up and that $PLANNING_STORE_URL names it, then run the same"
                        + " command again");
    }

    @Test
    void theHintOfAStoreNamedByTheConfigVariableNamesItsFile() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path file = Files.writeString(dir.resolve("store.properties"), "url=" + DOWN + "\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.inChildJvm(Map.of("PLANNING_STORE_CONFIG", file.toString(), "PLANNING_STORE_URL", ""),
                "status", "-w", ws.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .endsWith("; check that the database is up and that the url= line of the store file"
                        + " ($PLANNING_STORE_CONFIG " + file + ") names it, then run the same command again")
                .doesNotContain("PLANNING_STORE_URL");
    }

    @Test
    void aUrlParameterOffTheAllowListIsRefusedNamingTheVariableAndTheParameter() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        CliRun run = CliRun.inChildJvm(Map.of("PLANNING_STORE_URL", "jdbc:postgresql://127.0.0.1:1/planning"
                + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory&password=SECRET-9",
                "PLANNING_STORE_CONFIG", ""), "status", "-w", ws.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("PLANNING_STORE_URL: parameter 'sslfactory' is not accepted")
                .doesNotContain("NonValidatingFactory").doesNotContain("SECRET-9");
        assertThat(run.printedStackTrace()).isFalse();
    }
}
