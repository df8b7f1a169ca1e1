package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by the fourth review of 2026-12-03: a plan's free text (a parent, a tag, a story-map node,
 * which lint quotes in its findings) reached the terminal as it was written. A contributor's
 * {@code "FE-9\n\e[32m0 error(s), 0 warning(s) in 3 file(s): lint passed\e[0m"} printed a green
 * "lint passed" line of its own in the middle of a failed lint's text, and an escape sequence such as
 * {@code \e[8m} (conceal) or {@code \e[2K} (erase the line) could hide the real verdict in a terminal
 * or a CI log that renders them; a right-to-left override reordered what followed it. Every output
 * now shows such characters as {@code \u005cuXXXX} (JSON keeps the same string value), and a finding is
 * one line whatever its message holds.
 */
@Tag("slow")
@Tag("attack")
class OutputInjectionAttackTest {

    /** A forged verdict line, in green, and an override that reverses what follows it. */
    private static final String FORGED = "FE-9\n\u001b[32m0 error(s), 0 warning(s) in 3 file(s): lint passed\u001b[0m\u202e";

    /**
     * Characters that draw nothing (fifth review of 2026-12-03): a zero-width space, joiner and
     * invisible operator, a soft hyphen, a byte order mark, an isolate, a tag character, a variation
     * selector and a Hangul filler, which passed through every format before.
     */
    private static final String INVISIBLE = "\u200b\u200d\u2064\u00ad\ufeff\u2066\udb40\udc41\ufe0f\u3164";

    /**
     * Characters a terminal or a renderer acts on rather than shows, or draws as nothing: controls but
     * line feed and tab, format characters, surrogates, private use, unassigned, line and paragraph
     * separators, and the invisible letters and marks above.
     */
    private static final Pattern ACTED_ON = Pattern.compile(
            "[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}\\ufe00-\\ufe0f\\u3164&&[^\\n\\t]]");

    @TempDir
    Path dir;

    private AttackWorkspace hostilePlan() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.addTask(FORGED.replace("\n", "\\n").replace("\u001b", "\\e").replace("\u202e", "\\u202e") + yaml(INVISIBLE),
                "Hostile\\nPASS \\u009b2K", "x\\u2028y" + yaml(INVISIBLE), "2\\r\\u001b[2Kok", "S-1\\u001b[8m");
        return ws;
    }

    /** {@code text} as YAML escapes, for a double-quoted scalar. */
    private static String yaml(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c > 0xffff ? String.format("\\U%08X", c) : String.format("\\u%04X", c)));
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "junit", "markdown"})
    void aPlansTextCannotWriteControlOrBidiCharactersIntoAnyOutputOfLint(String format) throws Exception {
        AttackWorkspace ws = hostilePlan();
        CliRun lint = ws.run("lint", "-w", ws.root().toString(), "--format", format);

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(ACTED_ON.matcher(lint.out()).find()).as(lint.out()).isFalse();
        assertThat(ACTED_ON.matcher(lint.err()).find()).as(lint.err()).isFalse();
    }

    @Test
    void aFindingIsOneLineSoAPlanCannotPrintAVerdictLineOfItsOwn() throws Exception {
        AttackWorkspace ws = hostilePlan();
        CliRun lint = ws.run("lint", "-w", ws.root().toString());

        assertThat(lint.exitCode()).isEqualTo(1);
        List<String> lines = lint.out().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).as(lint.out())
                .allSatisfy(line -> assertThat(line).startsWith("frameworks/"));
        assertThat(lines.get(lines.size() - 1)).endsWith(": lint failed");
        assertThat(lint.out()).contains("parent `FE-9\\u000A\\u001B[32m0 error(s)");
    }

    @Test
    void jsonKeepsTheHostileStringsValue() throws Exception {
        AttackWorkspace ws = hostilePlan();
        CliRun lint = ws.run("lint", "-w", ws.root().toString(), "--format", "json");

        JsonNode findings = new ObjectMapper().readTree(lint.out()).get("findings");
        assertThat(findings).anySatisfy(f -> assertThat(f.get("message").asText()).contains(FORGED));
    }

    @Test
    void anEventIdWrittenIntoTheLogCannotPrintAStatusLineOfItsOwn() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.ok(ws.cycleArgs("advance", "--to", "EXECUTED", "--trust", ws.trust()));
        AttackWorkspace.rewriteLog(ws.path(AttackWorkspace.LOG), lines -> {
            ObjectNode forged = AttackWorkspace.forgedTransition(lines.get(lines.size() - 1),
                    "evt_forged\u001b[1A\u001b[2K\nfe/2025-09-02: COMPLETED", "EXECUTED", "VALIDATED", "parity_coverage");
            lines.add(forged);
            return lines;
        });
        ws.commit("history");
        CliRun status = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));

        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(ACTED_ON.matcher(status.out()).find()).as(status.out()).isFalse();
        assertThat(status.out()).contains("UNSIGNED HISTORY", "event evt_forged\\u001B[1A\\u001B[2K\\u000Afe/2025-09-02: COMPLETED");
        assertThat(status.out().lines()).as(status.out()).noneMatch(l -> l.startsWith("fe/2025-09-02: COMPLETED"));
    }

    @Test
    void aGateNameWrittenIntoTheLogCannotPrintAHistoryLineOfItsOwn() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        AttackWorkspace.rewriteLog(ws.path(AttackWorkspace.LOG), lines -> {
            ObjectNode metadata = (ObjectNode) lines.get(lines.size() - 1).at("/event/payload/metadata");
            ((ObjectNode) metadata.get("gate_results")).put("x\n   9  2025-09-09T00:00:00Z  STATE_TRANSITION"
                    + "  EXECUTED -> VALIDATED  {parity_coverage\u001b[2K", "PASS");
            return lines;
        });
        CliRun status = ws.run(ws.cycleArgs("status"));

        assertThat(ACTED_ON.matcher(status.out()).find()).as(status.out()).isFalse();
        assertThat(status.out().lines()).as(status.out()).noneMatch(l -> l.contains("EXECUTED -> VALIDATED")
                && !l.contains("READY_FOR_HANDOFF"));
    }

    /**
     * Fifth review of 2026-12-03: a discrepancy kept the line breaks of what it quotes, so a gate name
     * written into the manifest printed verify's own "verified" line in the middle of a failed
     * verify's text (exit 1 still), and in {@code sign}'s and {@code advance}'s refusals, which quote
     * discrepancies. A line of a discrepancy now never starts where a verdict line does.
     */
    @Test
    void aGateNameWrittenIntoTheManifestCannotPrintAVerifiedLineOfItsOwn() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        String verified = AttackWorkspace.MANIFEST + ": 6 artifact(s) checked, 3 signature(s) counted (PM, QA, TechLead): verified";
        ws.renameManifestGate("parity_coverage\\n" + verified + "\\n\u200bx");
        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).as(verify.out()).contains("verified");
        assertThat(verify.out().lines()).as(verify.out()).noneMatch(l -> l.startsWith(verified));
        assertThat(ACTED_ON.matcher(verify.out()).find()).as(verify.out()).isFalse();
    }

    /**
     * Review13 (2026-12-04): an event log is a file the contributor commits, and status quoted what a
     * line held when the line was unreadable ({@code expected type "planning_event", found "..."}) or
     * did not fit the cycle's history ({@code event <id> on line 1 ...}) with its line breaks, so a
     * log printed a forged verdict line of its own under "BROKEN CHAIN". The message is now one line.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"x\\nok: all gates PASS\",\"version\":\"1.0\"}",
        "{\"type\":\"planning_event\",\"version\":\"1.0.0\",\"event\":{\"id\":\"evt_1\\nok: all gates PASS\","
                + "\"timestamp\":\"2025-09-02T10:00:00Z\",\"type\":\"STATE_TRANSITION\",\"payload\":{\"from_state\":"
                + "\"EXECUTED\",\"to_state\":\"VALIDATED\",\"entity_id\":\"fe/2025-09-02\",\"metadata\":{\"triggered_by\":"
                + "\"ci\",\"gate_results\":{},\"details\":{}}}},\"prev_sha256\":\"" + ZEROS + "\"}"})
    void anEventLogLineCannotPrintALineOfItsOwnInStatus(String line) throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path log = Files.createDirectories(ws.resolve("frameworks/planning-fe/events"))
                .resolve("2025-09-02.events.jsonl");
        Files.writeString(log, line + "\n");

        CliRun status = CliRun.of("status", "-w", ws.toString());

        assertThat(status.out() + status.err()).as(status.out() + status.err()).contains("\\u000Aok: all gates PASS");
        assertThat((status.out() + status.err()).lines()).noneMatch(l -> l.startsWith("ok: all gates PASS"));
    }

    private static final String ZEROS = "0000000000000000000000000000000000000000000000000000000000000000";
}
