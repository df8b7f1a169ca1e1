package dev.planning.rules;

import static dev.planning.rules.KeptFiles.forgeConsistently;
import static dev.planning.rules.KeptFiles.writeOwnerOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.drools.CompiledRulebookCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validated model of a rulebook's settings kept in the compiled-rulebook cache's directory: used
 * when it checks out for exactly these bytes, "parse and validate again" (with the same errors)
 * otherwise. Each attack plants or changes a file and shows the loader parses instead of trusting it.
 */
class KeptRulebookSettingsTest {

    private static final String VALID = """
            version: "1.0.0"
            profiles:
              fe:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
            default_profile: fe
            kpis:
              - {name: ratio, formula: "done_tasks / planned_tasks", inputs: [done_tasks, planned_tasks], unit: ratio,
                 direction: higher_is_better}
            """;

    /** The same settings, another version: a model that would show if it were served for VALID's bytes. */
    private static final String OTHER = VALID.replace("1.0.0", "6.6.6");

    @TempDir
    Path temp;

    private KeptFiles files;

    @BeforeEach
    void files() {
        files = new KeptFiles(temp, ".rulebook");
    }

    @AfterEach
    void keepNothing() {
        CompiledRulebooks.noCacheAcrossRuns();
    }

    private Path workspace() throws IOException {
        return files.workspace();
    }

    private Path rulebook(String settings) throws IOException {
        Path dir = Files.createDirectories(workspace().resolve("rulebook"));
        Files.writeString(dir.resolve("rulebook.yaml"), settings);
        return dir;
    }

    private Path cache() {
        return files.cache();
    }

    /** Loads as a new process of the command line would, with settings kept in {@link #cache()}. */
    private Rulebook load(Path rulebook) throws IOException {
        return files.inNewProcess(() -> RulebookLoader.load(rulebook, workspace()));
    }

    private List<Path> kept() throws IOException {
        return files.kept();
    }

    /** Keeps OTHER's model, then puts it where VALID's bytes would find it (its file renamed to their key). */
    private Path plantOtherUnderValidsKey() throws IOException {
        for (Path file : kept()) {
            Files.delete(file);
        }
        Path dir = rulebook(OTHER);
        load(dir);
        Path file = kept().get(0);
        Path planted = cache().resolve(KeptRulebookSettings.key(VALID.getBytes(StandardCharsets.UTF_8)) + ".rulebook");
        Files.move(file, planted);
        Files.writeString(dir.resolve("rulebook.yaml"), VALID);
        return planted;
    }


    @Test
    void keepsTheModelOfValidSettingsOwnerOnlyAndServesItToTheNextProcess() throws IOException {
        Path dir = rulebook(VALID);
        Rulebook parsed = load(dir);

        assertThat(kept()).singleElement().satisfies(file -> assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        assertThat(load(dir)).isEqualTo(parsed);
        // Served from the file: one forged with the user's own secret, in the owner's private directory, is what is read.
        Path planted = plantOtherUnderValidsKey();
        forgeConsistently(planted);
        assertThat(load(dir).version()).isEqualTo("6.6.6");
    }

    @Test
    void keepsNothingForSettingsThatDoNotValidateAndFailsWithTheSameError() throws IOException {
        Path dir = rulebook(VALID.replace("default_profile: fe", "default_profile: nope"));
        String without;
        try {
            RulebookLoader.load(dir, workspace());
            throw new AssertionError("loaded");
        } catch (InvalidInputException e) {
            without = e.describe();
        }

        assertThatThrownBy(() -> load(dir)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).isEqualTo(without));
        assertThat(kept()).isEmpty();
    }

    @Test
    void anEntryPlantedForOtherBytesIsNotUsed() throws IOException {
        plantOtherUnderValidsKey();

        // Its header names OTHER's key: parsed again, VALID's own version.
        assertThat(load(workspace().resolve("rulebook")).version()).isEqualTo("1.0.0");
    }

    @Test
    void aTruncatedOrAlteredPayloadIsNotUsed() throws IOException {
        Path planted = plantOtherUnderValidsKey();
        forgeConsistently(planted);
        byte[] forged = Files.readAllBytes(planted);
        Path dir = workspace().resolve("rulebook");

        Files.write(planted, Arrays.copyOf(forged, forged.length - 1));
        assertThat(load(dir).version()).isEqualTo("1.0.0");

        String altered = new String(forged, StandardCharsets.ISO_8859_1).replace("6.6.6", "7.7.7");
        writeOwnerOnly(planted, altered.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(load(dir).version()).isEqualTo("1.0.0");
    }

    @Test
    void anEntryOthersCanWriteOrInADirectoryOthersCanWriteIsNotUsed() throws IOException {
        Path planted = plantOtherUnderValidsKey();
        forgeConsistently(planted);
        Path dir = workspace().resolve("rulebook");

        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(load(dir).version()).isEqualTo("1.0.0");

        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(load(dir).version()).isEqualTo("1.0.0");
        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aCacheDirectoryInsideTheWorkspaceIsNeitherReadNorWritten() throws IOException {
        Path dir = rulebook(VALID);
        Path inside = workspace().resolve(".cache");
        CompiledRulebooks.keepValidatedSettings(Map.of("PLANNING_CACHE_DIR", inside.toString(),
                "PLANNING_CACHE_KEY_FILE", System.getenv("PLANNING_CACHE_KEY_FILE")));
        try {
            RulebookLoader.load(dir, workspace());
        } finally {
            CompiledRulebooks.noCacheAcrossRuns();
        }

        assertThat(inside).doesNotExist();
    }

    @Test
    void settingsChangedAfterTheyWereKeptAreParsedAndRefusedAsWithout() throws IOException {
        Path dir = rulebook(VALID);
        load(dir);
        Files.writeString(dir.resolve("rulebook.yaml"), VALID.replace("PLANNED->READY_FOR_HANDOFF",
                "PLANNED->EXECUTED"));

        assertThatThrownBy(() -> load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no transition PLANNED->EXECUTED");
        assertThat(kept()).hasSize(1);
    }

    @Test
    void theKeyCoversTheBytesAndTheCodeOfTheLoader() {
        byte[] settings = VALID.getBytes(StandardCharsets.UTF_8);
        assertThat(KeptRulebookSettings.key(settings)).matches("[0-9a-f]{64}")
                .isNotEqualTo(KeptRulebookSettings.key(OTHER.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(KeptRulebookSettings.key((VALID + " ").getBytes(StandardCharsets.UTF_8)));
        // The JVM, then each class's code (path, size, modification time): another build, another key.
        String code = CompiledRulebookCache.codeFingerprint(RulebookLoader.code());
        assertThat(code).startsWith(System.getProperty("java.vm.version") + "|");
        assertThat(code.split("\\|")).hasSize(RulebookLoader.code().size() + 1);
    }
}
