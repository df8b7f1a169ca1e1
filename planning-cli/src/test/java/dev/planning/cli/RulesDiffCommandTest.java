package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code planning rules diff}: a rulebook change previewed on every cycle, in text, JSON and Markdown. */
class RulesDiffCommandTest {

    @TempDir
    Path dir;

    private Path ws;
    private Path head;

    @BeforeEach
    void stricterHeadRulebook() throws Exception {
        ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        head = CliRun.copyOf("fe-2025-09-02", dir.resolve("head-ws")).resolve("rulebook");
        Path settings = head.resolve("rulebook.yaml");
        Files.writeString(settings, Files.readString(settings).replace("critical_approvals: 3", "critical_approvals: 4"));
    }

    @Test
    void failOnNewExitsOneWhenTheChangeBlocksACycleThatPassesToday() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString(), "--fail-on", "new");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("fe/2025-09-02: passes today, BLOCKED by the change",
                "  + error critical-approvals on FE-", "1 cycle(s) newly blocked");
        assertThat(run.out()).containsPattern("base .* \\([0-9a-f]{64}\\)").containsPattern("head .* \\([0-9a-f]{64}\\)");
    }

    @Test
    void withoutFailOnThePreviewIsInformational() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theSameRulebookPassesFailOnNew() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--fail-on", "new");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fe/2025-09-02: passes, unchanged", "0 new finding(s)");
    }

    /**
     * mend31: the preview read the previous cycles' logs from the workspace's files whatever store the workspace's
     * logs are kept in; {@code --store} was taken and ignored. The configured store is now read (a malformed
     * configuration refused, exit 2) and opened (a store that cannot be reached is a system failure, exit 3).
     */
    @Test
    void theConfiguredStoreIsTheOneTheLogsAreReadFrom() throws Exception {
        Path malformed = dir.resolve("malformed.properties");
        Files.writeString(malformed, "url=jdbc:postgresql://localhost:1/x\nnope\n", StandardCharsets.UTF_8);
        CliRun refused = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--store", malformed.toString());

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: " + malformed + ":2:1: expected key=value\n");

        Path unreachable = dir.resolve("unreachable.properties");
        Files.writeString(unreachable, "url=jdbc:postgresql://localhost:1/x\nuser=planning\n", StandardCharsets.UTF_8);
        CliRun failed = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--store", unreachable.toString());

        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(3);
    }

    @Test
    void jsonNamesBothHashesAndEachNewViolation() throws Exception {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString(), "--format", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("blocks_new").asBoolean()).isTrue();
        assertThat(json.path("base").path("rulebook_hash").asText()).hasSize(64)
                .isNotEqualTo(json.path("head").path("rulebook_hash").asText());
        JsonNode cycle = json.path("cycles").get(0);
        assertThat(cycle.path("newly_blocked").asBoolean()).isTrue();
        assertThat(cycle.path("added").get(0).path("rule").asText()).isEqualTo("critical-approvals");
    }

    @Test
    void markdownHasAVerdictAndATableOfChanges() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString(), "--format", "markdown");

        assertThat(run.out()).startsWith("### planning rules diff: **BLOCKS**")
                .contains("| cycle | change | rule | item | severity | message |", "| fe/2025-09-02 | new | critical-approvals |");
    }

    /** The rulebooks' hashes are code spans: the exact values, copyable, linked by GitHub nowhere. */
    @Test
    void markdownShowsEachRulebookHashAsACodeSpan() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString(), "--format", "markdown");

        assertThat(run.out()).containsPattern("\\| base \\| [^|]+ \\| `[0-9a-f]{64}` \\|\n")
                .containsPattern("\\| head \\| [^|]+ \\| `[0-9a-f]{64}` \\|\n");
    }

    @Test
    void theTextShowsTheComparedValuesAndTheFixHintOfANewViolation() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString());

        assertThat(run.out()).containsPattern("\\+ error critical-approvals on FE-\\d+: .*\\(criticality: 0, approvals: \\d+, "
                + "required: 4\\); fix: Collect the missing approvals");
    }

    @Test
    void jsonCarriesTheComparedValuesAndTheFixHintOfANewViolation() throws Exception {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString(), "--format", "json");

        JsonNode added = new ObjectMapper().readTree(run.out()).path("cycles").get(0).path("added").get(0);
        assertThat(added.path("facts").path("required").asText()).isEqualTo("4");
        assertThat(added.path("facts").has("approvals")).isTrue();
        assertThat(added.path("hint").asText()).startsWith("Collect the missing approvals");
    }

    @Test
    void markdownShowsTheComparedValuesAndTheFixHintBesideTheMessage() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--head", head.toString(), "--format", "markdown");

        assertThat(run.out()).contains("required\\: 4); fix\\: Collect the missing approvals");
    }

    @Test
    void anUnknownFailOnValueIsBadUsage() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--fail-on", "sometimes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: invalid value for option '--fail-on': expected new, weakens or none, not 'sometimes'\n"
                + "see 'planning rules diff --help'\n");
    }

    @Test
    void anUnknownRevisionOutsideGitIsBadInput() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", "origin/main");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not inside a git repository");
        assertThat(run.printedStackTrace()).isFalse();
    }
}
