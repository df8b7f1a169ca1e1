package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@link RulebookLoader} with validated settings kept across runs ({@link RulebookLoader.KeptSettings}):
 * a model is kept only for settings that validated in full, served only for the same bytes, and a miss
 * of any kind parses, validates and fails exactly as without it. Isolated: the store is installed for the
 * whole JVM, so a rulebook another test loads at the same time would be kept in this test's store.
 */
@Isolated
class KeptSettingsTest {

    private static final String VALID = """
            version: "1.0.0"
            taxonomy:
              criticality: [0, 1, 2, 3]
            required_tags: [criticality]
            thresholds: {critical_approvals: 3}
            profiles:
              fe:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
            default_profile: fe
            kpis:
              - {name: ratio, formula: "done_tasks / planned_tasks", inputs: [done_tasks, planned_tasks], unit: ratio,
                 direction: higher_is_better, target: 0.9}
            """;

    /** Models kept by the exact bytes of the settings, in memory: as the real store, minus the disk. */
    private static final class Store implements RulebookLoader.KeptSettings {
        final Map<String, byte[]> kept = new HashMap<>();
        int reads;

        @Override
        public Optional<byte[]> read(byte[] settings, Path rulebook, Path workspace) {
            reads++;
            return Optional.ofNullable(kept.get(HexFormat.of().formatHex(settings)));
        }

        @Override
        public void keep(byte[] settings, byte[] payload, Path rulebook, Path workspace) {
            kept.put(HexFormat.of().formatHex(settings), payload);
        }
    }

    @TempDir
    Path workspace;

    private final Store store = new Store();

    @AfterEach
    void keepNothing() {
        RulebookLoader.keepSettings(null);
    }

    private Path rulebook(String settings) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("rulebook"));
        Files.writeString(dir.resolve("rulebook.yaml"), settings);
        return dir;
    }

    private Rulebook load(Path dir) {
        return RulebookLoader.load(dir, workspace);
    }

    /** The error a load gives without any kept settings. */
    private String errorWithout(Path dir) {
        RulebookLoader.keepSettings(null);
        try {
            load(dir);
        } catch (InvalidInputException e) {
            return e.describe();
        } finally {
            RulebookLoader.keepSettings(store);
        }
        throw new AssertionError("the settings loaded");
    }

    @Test
    void keepsTheModelOfValidSettingsAndServesItForTheSameBytes() throws IOException {
        Path dir = rulebook(VALID);
        RulebookLoader.keepSettings(store);

        Rulebook parsed = load(dir);
        assertThat(store.kept).hasSize(1);
        Rulebook served = load(dir);

        assertThat(served).isEqualTo(parsed);
        // Served, not parsed: a kept model that says otherwise is what comes back.
        Rulebook other = new Rulebook(parsed.directory(), parsed.hash(), "kept", parsed.profiles(),
                parsed.streamProfiles(), parsed.defaultProfile(), parsed.taxonomy(), parsed.requiredTags(),
                parsed.thresholds(), parsed.ruleFiles(), parsed.signing(), parsed.kpis());
        store.kept.replaceAll((k, v) -> SettingsCodec.encode(other));
        assertThat(load(dir).version()).isEqualTo("kept");
        assertThat(RulebookLoader.loadForReading(dir, workspace).version()).isEqualTo("kept");
    }

    @Test
    void keepsNothingForSettingsThatDoNotValidateAndFailsAsWithout() throws IOException {
        Path dir = rulebook(VALID.replace("default_profile: fe", "default_profile: nope"));
        String without = errorWithout(dir);
        RulebookLoader.keepSettings(store);

        assertThatThrownBy(() -> load(dir)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).isEqualTo(without));
        assertThat(store.kept).isEmpty();
    }

    @Test
    void keepsNothingForAFormulaThatDoesNotCompile() throws IOException {
        Path dir = rulebook(VALID.replace("done_tasks / planned_tasks", "done_tasks.getClass()"));
        String without = errorWithout(dir);
        RulebookLoader.keepSettings(store);

        assertThatThrownBy(() -> load(dir)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).isEqualTo(without));
        assertThat(without).contains("rulebook/rulebook.yaml:");
        assertThat(store.kept).isEmpty();
    }

    @Test
    void loadingForReadingKeepsNothingSinceItChecksNoFormula() throws IOException {
        Path dir = rulebook(VALID);
        RulebookLoader.keepSettings(store);

        RulebookLoader.loadForReading(dir, workspace);

        assertThat(store.reads).isEqualTo(1);
        assertThat(store.kept).isEmpty();
    }

    @Test
    void settingsChangedAfterTheyWereKeptAreParsedAndRefusedAsWithout() throws IOException {
        Path dir = rulebook(VALID);
        RulebookLoader.keepSettings(store);
        load(dir);
        Files.writeString(dir.resolve("rulebook.yaml"), VALID.replace("PLANNED->READY_FOR_HANDOFF",
                "PLANNED->EXECUTED"));
        String without = errorWithout(dir);

        assertThat(without).contains("no transition PLANNED->EXECUTED");
        assertThatThrownBy(() -> load(dir)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).isEqualTo(without));
    }

    @Test
    void aPayloadThatDoesNotDecodeIsParsedAgainAndReplaced() throws IOException {
        Path dir = rulebook(VALID);
        RulebookLoader.keepSettings(store);
        Rulebook parsed = load(dir);
        store.kept.replaceAll((k, v) -> new byte[] {1, 2, 3});

        assertThat(load(dir)).isEqualTo(parsed);
        assertThat(store.kept.values()).singleElement().isEqualTo(SettingsCodec.encode(parsed));
    }

    @Test
    void aStoreThatFailsIsAMiss() throws IOException {
        Path dir = rulebook(VALID);
        Rulebook parsed = load(dir);
        RulebookLoader.keepSettings(new RulebookLoader.KeptSettings() {
            @Override
            public Optional<byte[]> read(byte[] settings, Path rulebook, Path workspace) {
                throw new IllegalStateException("broken store");
            }

            @Override
            public void keep(byte[] settings, byte[] payload, Path rulebook, Path workspace) {
                // keeps nothing
            }
        });

        assertThat(load(dir)).isEqualTo(parsed);
    }

    @Test
    void aRulebookLoadedOutsideAWorkspaceNeverAsks() throws IOException {
        Path dir = rulebook(VALID);
        RulebookLoader.keepSettings(store);

        RulebookLoader.load(dir);

        assertThat(store.reads).isZero();
        assertThat(store.kept).isEmpty();
    }
}
