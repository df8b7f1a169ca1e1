package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.examples.DemoScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitAndDemoTest {

    @TempDir
    Path dir;

    @Test
    void initScaffoldsAWorkspaceWhosePlaceholdersFailUntilEditedAndThenAdvances() throws Exception {
        Path ws = dir.resolve("new");
        CliRun init = CliRun.of("init", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-05");

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(ws.resolve("rulebook/rulebook.yaml")).exists();
        Path tasks = ws.resolve("frameworks/planning-web/tasks/2026-01-05-web_task_breakdown.yaml");
        assertThat(tasks).exists();
        assertThat(ws.resolve("frameworks/planning-web/storymaps/2026-01-05-story_map.md")).exists();
        CliRun unedited = CliRun.of("lint", "-w", ws.toString());
        assertThat(unedited.exitCode()).isEqualTo(1);
        // claims35: each of the three placeholders README names is refused, one error each, at its line.
        assertThat(unedited.out().lines().filter(l -> l.endsWith("[plan.placeholder]")))
                .anyMatch(l -> l.contains(":20:12: error: task WEB-2: owner `change-me` is the placeholder"))
                .anyMatch(l -> l.contains(":19:18: error: task WEB-2: the description is the placeholder"))
                .anyMatch(l -> l.contains(":27:9: error: task WEB-2: acceptance criterion \"Describe what done means\""
                        + " is the placeholder"))
                .hasSize(4);
        assertThat(CliRun.of("gate", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-05", "--to",
                "READY_FOR_HANDOFF").exitCode()).isEqualTo(1);
        Files.writeString(tasks, Files.readString(tasks, StandardCharsets.UTF_8)
                .replace("change-me", "alice").replace("Replace with the work to plan.", "Build the sign-up form")
                .replace("Describe what done means", "A visitor can sign up"), StandardCharsets.UTF_8);
        assertThat(CliRun.of("lint", "-w", ws.toString()).exitCode()).isZero();
        assertThat(CliRun.of("status", "-w", ws.toString()).out()).contains("web/2026-01-05: PLANNED");
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-05",
                "--to", "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
    }

    @Test
    void theCommandsInitAndAMissingCycleSuggestQuoteAPathAShellWouldSplit() {
        Path ws = dir.resolve("my ws");

        CliRun init = CliRun.of("init", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-05");
        CliRun gate = CliRun.of("gate", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-19", "--to",
                "READY_FOR_HANDOFF");

        assertThat(init.out()).endsWith(", then `planning lint -w '" + ws + "'`\n");
        assertThat(gate.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gate.err()).contains("create it with `planning init -w '" + ws + "' --stream web --cycle 2026-01-19`");
    }

    @Test
    void initNeverReplacesAnExistingFile() throws Exception {
        Path ws = dir.resolve("new");
        CliRun.of("init", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-05");
        Path tasks = ws.resolve("frameworks/planning-web/tasks/2026-01-05-web_task_breakdown.yaml");
        Files.writeString(tasks, "# mine\n", StandardOpenOption.APPEND);
        String before = Files.readString(tasks);

        CliRun again = CliRun.of("init", "-w", ws.toString(), "--stream", "web", "--cycle", "2026-01-05");

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readString(tasks)).isEqualTo(before);
    }

    @Test
    void initRefusesAHostileStreamName() {
        CliRun run = CliRun.of("init", "-w", dir.toString(), "--stream", "../fe", "--cycle", "2026-01-05");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid stream");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void demoRunsTheExampleCycleAndCanBeRunAgain() throws Exception {
        // A space and a quote in the path: the command printed at the end must paste into a shell as it is.
        Path out = dir.resolve("demo's out");
        CliRun first = CliRun.of("demo", "--out", out.toString());
        CliRun second = CliRun.of("demo", "--out", out.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("lint: passed", "sealed", "verify: passed", "digest",
                "fe/2025-09-02 COMPLETED; fe/2025-09-16 opened with 2 improvement action(s)")
                .doesNotContain("REFUSED", "FAILED");
        assertThat(second.exitCode()).isZero();
        Path ws = out.resolve("workspace/frameworks/planning-fe");
        assertThat(ws.resolve("events/2025-09-02.events.jsonl")).exists();
        assertThat(first.out()).as("the Wrote: lines list the event logs written")
                .contains("events/2025-09-02.events.jsonl", "events/2025-09-16.events.jsonl");
        assertThat(ws.resolve("manifests/2025-09-16-handoff_manifest.yaml")).exists();
        // After both cycles, including the retrospective, both sealed handoffs still verify.
        for (String cycle : new String[] {"2025-09-02", "2025-09-16"}) {
            CliRun verify = CliRun.of("verify", "-w", out.resolve("workspace").toString(), "--stream", "fe",
                    "--cycle", cycle, "--trust", out.resolve("keys/trust.yaml").toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        }
        // The command the demo suggests next runs as printed and finds every history backed by signatures.
        String next = second.out().lines().filter(l -> l.startsWith("Next: bin/planning ")).findFirst().orElseThrow();
        assertThat(next).isEqualTo("Next: bin/planning status -w '" + dir + "/demo'\\''s out/workspace' --trust '" + dir
                + "/demo'\\''s out/keys/trust.yaml'");
        CliRun status = CliRun.of(shellWords(next.substring("Next: bin/planning ".length())));
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).doesNotContain("UNSIGNED HISTORY");
        // Lint over the workspace the demo leaves (its digests and stored outcomes too) finds no mistake (review28).
        CliRun lint = CliRun.of("lint", "-w", out.resolve("workspace").toString());
        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        CliRun lintEach = CliRun.of("lint", "-w", out.resolve("workspace").toString(), "--stream", "fe",
                "--cycle", "2025-09-16");
        assertThat(lintEach.exitCode()).as(lintEach.out() + lintEach.err()).isZero();
        // The second cycle's digest compares with the first: delta and trend per KPI.
        assertThat(ws.resolve("digests/2025-09-16-digest.md")).content(StandardCharsets.UTF_8)
                .contains("previous_cycle_id: 2025-09-02")
                .contains("| unit_coverage_pct | percent | ≥ 80 | 90 | 80 | +10 | ↑ 80 → 90 | ✅ met | [");
    }

    /** The words bash reads from {@code line}. */
    private static String[] shellWords(String line) throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", "printf '%s\\0' " + line).start();
        String words = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).isZero();
        return words.split("\0");
    }

    @Test
    void aWordOfACommandPrintedToBeCopiedIsQuotedWhenAShellWouldReadItOtherwise() {
        assertThat(DemoScenario.shellWord("/tmp/a_b-c.d/e=f:g,h+i@j%k")).isEqualTo("/tmp/a_b-c.d/e=f:g,h+i@j%k");
        assertThat(DemoScenario.shellWord("/tmp/nc W\u00f6rk \u00fc")).isEqualTo("'/tmp/nc W\u00f6rk \u00fc'");
        assertThat(DemoScenario.shellWord("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
        assertThat(DemoScenario.shellWord("")).isEqualTo("''");
    }

    @Test
    void demoRefusesToReplaceADirectoryItDidNotCreate() throws Exception {
        Files.writeString(dir.resolve("precious.txt"), "keep");

        CliRun run = CliRun.of("demo", "--out", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("precious.txt")).hasContent("keep");
    }

    @Test
    void rulesHashPrintsTheRulebookHash() {
        CliRun run = CliRun.of("rules", "hash", CliRun.example("fe-2025-09-02").resolve("rulebook").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().trim()).matches("[0-9a-f]{64}");
    }
}
