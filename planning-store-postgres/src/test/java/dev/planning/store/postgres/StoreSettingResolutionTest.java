package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store setting's rules in one place ({@link StoreConfig#resolve(String, Optional, Map, Optional)}), for the
 * command line's {@code --store} and the Maven plugin's {@code <storeConfig>} alike: which setting named the store,
 * a value that may hold a password refused without being quoted, and a file in the workspace refused naming the
 * setting that gave it.
 */
class StoreSettingResolutionTest {

    private static final String URL = "jdbc:postgresql://db.example.org/planning";

    @TempDir
    Path dir;

    private Path store(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "url=" + URL + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void theResolutionSaysWhichSettingNamedTheStoreInTheOrderTheyAreRead() throws Exception {
        Path given = store("given.properties");
        Path named = store("named.properties");
        Map<String, String> everything = Map.of("PLANNING_STORE_CONFIG", named.toString(), "PLANNING_STORE_URL", URL);

        assertThat(StoreConfig.resolve("<storeConfig>", Optional.of(given), everything, Optional.empty())
                .orElseThrow().source()).isEqualTo("<storeConfig> " + given);
        assertThat(StoreConfig.resolve("--store", Optional.empty(), everything, Optional.empty())
                .orElseThrow().source()).isEqualTo("$PLANNING_STORE_CONFIG " + named);
        assertThat(StoreConfig.resolve("--store", Optional.empty(), Map.of("PLANNING_STORE_URL", URL), Optional.empty())
                .orElseThrow().source()).isEqualTo("$PLANNING_STORE_URL");
        assertThat(StoreConfig.resolve("--store", Optional.empty(), Map.of("PLANNING_STORE_CONFIG", " "),
                Optional.empty())).as("a blank variable is unset").isEmpty();
    }

    @Test
    void aConnectionStringOrAUrlGivenAsTheFileIsRefusedNamingTheSettingWithoutQuotingIt() {
        for (String setting : new String[] {"--store", "<storeConfig>"}) {
            for (String given : new String[] {"host=db.example.org user=planner password=SECRET-1",
                "//planner:SECRET-2@db.example.org/planning", "postgresql://planner:SECRET-3@db.example.org/planning",
                "jdbc:postgresql://db/planning?password=SECRET-4"}) {
                assertThatThrownBy(() -> StoreConfig.resolve(setting, Optional.of(Path.of(given)), Map.of(),
                        Optional.empty())).as(setting + " " + given).isInstanceOf(InvalidInputException.class)
                        .hasMessageStartingWith(setting + " names a store configuration file")
                        .satisfies(e -> assertThat(((InvalidInputException) e).describe()).doesNotContain("SECRET")
                                .doesNotContain("planner"));
            }
        }
    }

    /** It was quoted, as the file "not found": a connection string put where the file's name belongs. */
    @Test
    void aConnectionStringInPlanningStoreConfigIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> StoreConfig.resolve("--store", Optional.empty(),
                Map.of("PLANNING_STORE_CONFIG", "host=db user=planner password=SECRET"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("$PLANNING_STORE_CONFIG names a store configuration file, and no file is at")
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).doesNotContain("SECRET"));
    }

    @Test
    void aFileThatExistsIsReadWhateverItsNameHolds() throws Exception {
        Path named = store("team=a@store.properties");

        assertThat(StoreConfig.resolve("<storeConfig>", Optional.of(named), Map.of(), Optional.empty())
                .orElseThrow().config().url()).isEqualTo(URL);
    }

    @Test
    void aFileInsideTheWorkspaceIsRefusedNamingTheSettingThatGaveIt() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Path inside = Files.writeString(workspace.resolve("store.properties"), "url=" + URL + "\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StoreConfig.resolve("<storeConfig>", Optional.of(inside), Map.of(),
                Optional.of(workspace))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the store configuration that <storeConfig> names lies inside the workspace")
                .hasMessageEndingWith("move it outside the repository and give that path to <storeConfig>")
                .hasMessageNotContaining("--store").hasMessageNotContaining("PLANNING_STORE_CONFIG");
        assertThatThrownBy(() -> StoreConfig.resolve("<storeConfig>", Optional.empty(),
                Map.of("PLANNING_STORE_CONFIG", inside.toString()), Optional.of(workspace)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the store configuration that $PLANNING_STORE_CONFIG names lies inside the"
                        + " workspace")
                .hasMessageNotContaining("<storeConfig>").hasMessageNotContaining("--store");
    }
}
