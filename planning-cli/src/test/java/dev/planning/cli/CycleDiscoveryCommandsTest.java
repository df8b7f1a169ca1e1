package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cycles27: the command line answers "which cycles exist" as the API does. A cycle whose only content is a broken
 * log is reported {@code BROKEN CHAIN} (file, line, what is wrong; exit 1) whether {@code status} lists every cycle
 * or is asked for that one (it was refused with the log's error for the one, listed for all), and the store's
 * queries say exit 1 too (cycles28); a story map's name on a dangling link is refused naming it (exit 2) by both and
 * by {@code lint} (cycles28: lint skipped it); "no such cycle" names each file looked for and the nearest cycles.
 */
class CycleDiscoveryCommandsTest {

    private static final String BROKEN_LOG = "frameworks/planning-fe/events/2025-10-07.events.jsonl";

    @TempDir
    Path dir;

    private Path workspace() {
        return CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
    }

    @Test
    void aCycleWhoseOnlyContentIsABrokenLogIsReportedBrokenWhetherAskedAloneOrListed() throws Exception {
        Path ws = workspace();
        Path log = ws.resolve(BROKEN_LOG);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "not an event\n", StandardCharsets.UTF_8);

        CliRun all = CliRun.of("status", "-w", ws.toString());
        CliRun one = CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-10-07");

        String broken = "BROKEN CHAIN: " + BROKEN_LOG + ":1";
        assertThat(all.exitCode()).as(all.err()).isEqualTo(1);
        assertThat(all.out()).contains(broken).contains("line 1 is not a readable planning event")
                .contains("fe/2025-09-02: ");
        assertThat(one.exitCode()).as(one.err()).isEqualTo(1);
        assertThat(one.out()).contains(broken).contains("line 1 is not a readable planning event")
                .doesNotContain("fe/2025-09-02: ");
        assertThat(one.err()).doesNotContain("no such cycle");
        CliRun json = CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-10-07", "--format",
                "json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).contains(BROKEN_LOG);
        // The store's queries answer from every log's events: they cannot answer without this one's, and say why.
        // A broken chain found is a check that does not hold, exit 1 as status says it (cycles28: it was 2).
        for (String query : new String[] {"portfolio", "expiring-waivers", "refusals", "pending-signatures"}) {
            CliRun run = CliRun.of("store", query, "-w", ws.toString());
            assertThat(run.exitCode()).as(query + ": " + run.err()).isEqualTo(1);
            assertThat(run.err()).as(query).contains(BROKEN_LOG + ":1: line 1 is not a readable planning event")
                    .hasLineCount(1);
            assertThat(run.out()).as(query).doesNotContain("fe/2025-10-07");
            assertThat(run.printedStackTrace()).isFalse();
        }
        // A command that writes for it reads the log first: the same line, exit 2, nothing written.
        byte[] before = Files.readAllBytes(log);
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-10-07", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out()).isEqualTo(2);
        assertThat(advance.err()).contains(BROKEN_LOG + ":1: line 1 is not a readable planning event")
                .hasLineCount(1);
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    @Test
    void theHtmlReportShowsABrokenLogAsStatusDoesWithItsFileAndLineEscaped() throws Exception {
        Path ws = workspace();
        Path log = ws.resolve(BROKEN_LOG);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "{\"<b>x</b>\": 1}\n", StandardCharsets.UTF_8);
        Path site = dir.resolve("site");

        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-10-07");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-10-07.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("BROKEN CHAIN: " + BROKEN_LOG + ":1: line 1 is not a readable planning event")
                .doesNotContain("<b>x</b>");
        // improve40: listed under its own kind, told where it is found, not as "Unreadable"; digest41: the kind once,
        // not again in the text under it.
        assertThat(Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8))
                .contains("<strong>Broken chain:</strong>").contains(" \u2014 " + BROKEN_LOG + ":1: line 1 is not")
                .doesNotContain("BROKEN CHAIN");
    }

    @Test
    void aStoryMapsNameOnADanglingLinkIsRefusedNamingItByTheListingAndByOneCycle() throws Exception {
        Path ws = workspace();
        Path link = ws.resolve("frameworks/planning-fe/storymaps/2025-10-07-story_map.md");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.resolveSibling("gone.md"));

        for (CliRun run : new CliRun[] {CliRun.of("status", "-w", ws.toString()),
                CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-10-07"),
                CliRun.of("lint", "-w", ws.toString()),
                CliRun.of("lint", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-10-07"),
                CliRun.of("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-10-07", "--to",
                        "READY_FOR_HANDOFF")}) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("frameworks/planning-fe/storymaps/2025-10-07-story_map.md is a symbolic"
                    + " link whose target does not exist").hasLineCount(1);
            assertThat(run.printedStackTrace()).isFalse();
        }
    }

    @Test
    void noSuchCycleNamesEachFileLookedForAndTheCycleMostLikelyMeant() {
        CliRun run = CliRun.of("gate", "-w", workspace().toString(), "--stream", "fe", "--cycle", "2025-09-20",
                "--to", "READY_FOR_HANDOFF");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such cycle fe/2025-09-20: none of its planning files exists ("
                        + "frameworks/planning-fe/tasks/2025-09-20-fe_task_breakdown.yaml, ")
                .contains("frameworks/planning-fe/storymaps/2025-09-20-story_map.md")
                .contains("frameworks/planning-fe/decisions/2025-09-20-decision_log.yaml")
                .contains("its event log (frameworks/planning-fe/events/2025-09-20.events.jsonl) holds no event")
                .contains("did you mean fe/2025-09-02?")
                .contains("create it with `planning init -w ").contains(" --stream fe --cycle 2025-09-20`")
                .hasLineCount(1);
    }
}
