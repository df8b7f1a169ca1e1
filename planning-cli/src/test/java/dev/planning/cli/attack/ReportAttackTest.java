package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.cli.CliRun;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning report --html} over files a contributor without keys wrote (sixth review). The site
 * is published (a CI artifact, a pages site), so it must show nothing the contributor could not
 * already read: a gate evidence file names the files its findings point at, and the report shows each
 * such file's text as a source page.
 */
@Tag("slow")
@Tag("attack")
class ReportAttackTest {

    private static final String SECRET = "AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A CI checkout keeps its token in {@code .git/config} ({@code http.extraheader}); no commit can
     * write or read that file. A finding whose {@code file} is {@code .git/config} made the report
     * publish it as a source page.
     */
    @Test
    void aFindingCannotPublishAFileOfTheGitDirectory() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call().close();
        Files.writeString(ws.resolve(".git/config"), Files.readString(ws.resolve(".git/config"))
                + "[http \"https://github.com/\"]\n\textraheader = " + SECRET + "\n");
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        Path evidence;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            evidence = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        ObjectNode root = (ObjectNode) JSON.readTree(evidence.toFile());
        ArrayNode findings = root.withArray("findings");
        for (String file : List.of(".git/config", ".GIT/config", "./.git/config", "frameworks/../.git/config")) {
            findings.addObject().put("code", "x").put("severity", "ERROR").put("message", "see here")
                    .put("file", file).put("line", 1).put("column", 1);
        }
        Files.writeString(evidence, JSON.writeValueAsString(root));

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(everything(site)).doesNotContain("eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA").doesNotContain("extraheader")
                .doesNotContain("repositoryformatversion");
    }

    /**
     * Seventh review (2026-12-04), held: a finding naming a file the contributor committed as a
     * symbolic link to a file outside the workspace (the runner's own secrets), in the evidence and as
     * a gate evidence file the event log names replaced by such a link: neither is read through the link.
     */
    @Test
    void aFindingOrAnEvidencePathThroughALinkOutOfTheWorkspaceIsNotRead() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path secret = Files.writeString(dir.resolve("runner-secret.txt"), SECRET + "\n");
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        Files.createSymbolicLink(ws.resolve("notes.txt"), secret);
        Path evidence;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            evidence = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        ObjectNode root = (ObjectNode) JSON.readTree(evidence.toFile());
        root.withArray("findings").addObject().put("code", "x").put("severity", "ERROR").put("message", "see here")
                .put("file", "notes.txt").put("line", 1).put("column", 1);
        Files.writeString(evidence, JSON.writeValueAsString(root));
        // The second gate's evidence (the event log names it) replaced by a link to the secret.
        Path linked;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            linked = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().skip(1).findFirst()
                    .orElseThrow();
        }
        Files.delete(linked);
        Files.createSymbolicLink(linked, secret);

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(everything(site)).contains("notes.txt").doesNotContain("eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA");
        assertThat(report.out() + report.err()).doesNotContain("eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA");
    }

    /**
     * Seventh review (2026-12-04): the evidence file a refused or accepted move names (the event log's
     * {@code evidence.GATE}, which the contributor writes) was read whole, whatever its size: one of
     * 3 GiB ended the report with an {@code OutOfMemoryError}, no site written. Evidence over the bound
     * {@code verify} keeps (32 MiB) is now not read, and the report says so at that gate.
     */
    @Test
    void anEvidenceFileOverTheBoundIsNotReadAndTheReportIsStillWritten() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        Path evidence;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            evidence = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile huge = new RandomAccessFile(evidence.toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: no disk, but a 3 GiB file to whoever reads it
        }

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(everything(site)).contains("is over the 32 MiB");
    }

    /**
     * parse24: the report read gate evidence with Jackson's defaults, so a key written twice kept the
     * later value: a second {@code "findings": []} hid the gate's findings from the report though
     * {@code verify} refuses such evidence. It is now refused as the engine's readers refuse it, and the
     * report says so at that gate.
     */
    @Test
    void anEvidenceFileWithAKeyWrittenTwiceIsNotReadAndTheReportSaysSo() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        Path evidence;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            evidence = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
        ObjectNode root = (ObjectNode) JSON.readTree(evidence.toFile());
        root.withArray("findings").addObject().put("code", "x").put("severity", "ERROR")
                .put("message", "hidden-by-the-second-key").put("file", "README.md").put("line", 1).put("column", 1);
        String text = JSON.writeValueAsString(root);
        Files.writeString(evidence, text.substring(0, text.lastIndexOf('}')) + ",\"findings\":[]}");

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(everything(site)).contains("cannot be read").contains("Duplicate field").contains("findings");
    }

    /**
     * Twelfth review (2026-12-04): stream {@code a}'s cycle {@code b--c} and stream {@code a--b}'s cycle
     * {@code c} (both names valid) had one page, {@code cycles/a--b--c.html}; the second written replaced
     * the first, so the card of one cycle opened the other's page: a refused cycle could show the
     * contributor's cycle, every gate passed. Each cycle now has its own page, which names it.
     */
    @Test
    void twoCyclesWhoseNamesJoinToTheSameTextEachHaveTheirOwnPage() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String plan = Files.readString(ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"));
        for (String[] ref : List.of(new String[] {"a", "b--c"}, new String[] {"a--b", "c"})) {
            Path tasks = Files.createDirectories(ws.resolve("frameworks/planning-" + ref[0] + "/tasks"));
            Files.writeString(tasks.resolve(ref[1] + "-" + ref[0] + "_task_breakdown.yaml"), plan
                    .replace("cycle_id: \"2025-09-02\"", "cycle_id: \"" + ref[1] + "\"")
                    .replace("stream: fe", "stream: " + ref[0])
                    .replace("title: Checkout redesign", "title: Plan of " + ref[0] + " cycle " + ref[1]));
        }

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String index = Files.readString(site.resolve("index.html"));
        for (String[] ref : List.of(new String[] {"a", "b--c"}, new String[] {"a--b", "c"})) {
            Matcher card = Pattern.compile("aria-label=\"Cycle " + ref[0] + " / "
                    + ref[1] + "\">\\s*<h3><a href=\"([^\"]+)\"").matcher(index);
            assertThat(card.find()).as("the card of " + ref[0] + "/" + ref[1]).isTrue();
            String page = Files.readString(site.resolve(card.group(1)));
            assertThat(page).as(card.group(1)).contains("Plan of " + ref[0] + " cycle " + ref[1]);
        }
    }

    /**
     * Thirteenth review (2026-12-04): each cycle page charted every KPI of its digest over every earlier
     * digest of the stream, so the site grew with the square of the cycles: 100 cycles of one plan item
     * and a five-KPI digest each gave 10 MB, 400 gave 129 MB, all held in memory before a byte was
     * written (thousands of small committed files would end the report with an {@code OutOfMemoryError}
     * or keep it running for hours). A chart now draws the stream's last 24 digests up to its cycle
     * ({@code WorkspaceReader.TREND_DIGESTS}), so a page's size no longer depends on how many cycles came
     * before. Each digest is published (its cycle's log records it, report40): the report draws no other.
     */
    @Test
    void aKpiChartDrawsTheLastDigestsOnlyHoweverManyCyclesCameBefore() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path tasks = ws.resolve("frameworks/planning-fe/tasks");
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();
        int cycles = 120;
        for (int i = 0; i < cycles; i++) {
            String id = cycleId(i);
            Files.writeString(tasks.resolve(id + "-fe_task_breakdown.yaml"), "version: \"1.0.0\"\ncycle_id: \"" + id
                    + "\"\nstream: fe\ngenerated_at: \"2025-09-01T09:00:00Z\"\ntasks:\n  - id: FE-1\n    kind: task\n"
                    + "    title: t\n    owner: a\n    priority: P1\n    effort: 1\n    status: planned\n"
                    + "    tags: {criticality: 1, compliance: none}\n");
            publishDigest(workspace, ws, id, "---\nversion: \"1.0\"\ncycle_id: \"" + id
                    + "\"\nstream: fe\ngenerated_at: \"2025-09-01T09:00:00Z\"\nkpis:\n"
                    + "  k1: {actual: " + i + ", target: 50, unit: percent, direction: higher_is_better}\n"
                    + "  k2: {actual: " + (i % 7) + ", target: 3, unit: days, direction: lower_is_better}\n---\n# digest\n");
        }

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        int shown = 24;
        String last = Files.readString(site.resolve("cycles/fe_" + cycleId(cycles - 1) + ".html"));
        assertThat(count(last, "<circle class=\"point\"")).isEqualTo(2 * shown);
        // The last digests drawn, oldest first, ending with this cycle's; the ones before are not drawn.
        assertThat(last).contains(">" + cycleId(cycles - shown) + "</text>").contains(">" + cycleId(cycles - 1) + "</text>")
                .doesNotContain(">" + cycleId(cycles - shown - 1) + "</text>");
        String early = Files.readString(site.resolve("cycles/fe_c0004.html"));
        assertThat(count(early, "<circle class=\"point\"")).isEqualTo(2 * 5);
    }

    /**
     * Thirteenth review (2026-12-04): where each improvement action went was found by walking, for each
     * action, every later cycle's every task (actions times cycles times tasks: a few thousand committed
     * plans and digests kept the report busy for hours); it is now looked up in an index of the stream's
     * carried tasks. The answer is the one the walk gave: the first later cycle whose plan carries the
     * action, and that plan's first task carrying it; an earlier or the same cycle never counts.
     */
    @Test
    void anImprovementActionIsCarriedIntoTheFirstLaterPlanThatCarriesIt() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String origin = "digest:frameworks/planning-fe/digests/c0001-digest.md#";
        writePlan(ws, cycleId(0), "FE-0", origin + "IA-1");
        writePlan(ws, cycleId(1), "FE-1", origin + "IA-1");
        writePlan(ws, cycleId(2), "FE-2", origin + "IA-2", "FE-22", origin + "IA-2");
        writePlan(ws, cycleId(3), "FE-3", origin + "IA-1", "FE-33", origin + "IA-2");
        Path decisions = Files.createDirectories(ws.resolve("frameworks/planning-fe/decisions"));
        Files.writeString(decisions.resolve(cycleId(1) + "-decision_log.yaml"), "version: \"1.0.0\"\ncycle_id: \""
                + cycleId(1) + "\"\nstream: fe\nimprovement_actions:\n"
                + "  - {id: IA-1, action: first, owner: a}\n  - {id: IA-2, action: second, owner: a}\n"
                + "  - {id: IA-3, action: third, owner: a}\n");

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_" + cycleId(1) + ".html"));
        assertThat(page).containsSubsequence("first", "cycle " + cycleId(3) + "</a> as task <code>FE-3</code>",
                "second", "cycle " + cycleId(2) + "</a> as task <code>FE-2</code>",
                "third", "not carried into a later plan yet");
    }

    private static void writePlan(Path ws, String id, String... tasksAndOrigins) throws IOException {
        StringBuilder plan = new StringBuilder("version: \"1.0.0\"\ncycle_id: \"" + id
                + "\"\nstream: fe\ngenerated_at: \"2025-09-01T09:00:00Z\"\ntasks:\n");
        for (int i = 0; i < tasksAndOrigins.length; i += 2) {
            plan.append("  - id: ").append(tasksAndOrigins[i]).append("\n    kind: task\n    title: t\n    owner: a\n")
                    .append("    priority: P1\n    effort: 1\n    status: planned\n")
                    .append("    tags: {criticality: 1, compliance: none}\n    origin: \"").append(tasksAndOrigins[i + 1])
                    .append("\"\n");
        }
        Files.writeString(ws.resolve("frameworks/planning-fe/tasks/" + id + "-fe_task_breakdown.yaml"), plan);
    }

    /**
     * Thirteenth review (2026-12-04): an evidence file is read once, but its findings were listed again
     * for every attempt whose log line names it, in the cycle's findings table and on the source page
     * they point at. An event log of 200 refused attempts (116 KB, its hash chain recomputed, as anyone
     * who commits can) naming one evidence file of 1.2 MB made a site of 476 MB, held in memory (4.4 GB
     * resident); the evidence bound is 32 MiB and the log's length free. Each evidence file's findings
     * are now listed once, at the first attempt naming it; a later one says where they are (each
     * refused attempt still has its own row in the attempts table).
     */
    @Test
    void findingsOfOneEvidenceFileAreListedOnceHoweverManyAttemptsNameIt() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path evidence = schemaLintEvidenceAfterAdvancing(ws);
        ObjectNode root = (ObjectNode) JSON.readTree(evidence.toFile());
        root.put("status", "FAIL");
        root.withArray("findings").addObject().put("code", "x").put("severity", "ERROR")
                .put("message", "listed-once").put("file", "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml")
                .put("line", 3).put("column", 1);
        Files.writeString(evidence, JSON.writeValueAsString(root));
        String relative = ws.relativize(evidence).toString().replace('\\', '/');
        Path log = ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8).subList(0, 1));
        for (int i = 0; i < 30; i++) {
            ObjectNode line = JSON.createObjectNode().put("type", "planning_event").put("version", "1.0.0");
            ObjectNode event = line.putObject("event").put("id", "evt_r" + i)
                    // After the first line's: a log whose time goes backwards is refused (time41).
                    .put("timestamp", Instant.parse(JSON.readTree(lines.get(0)).at("/event/timestamp").asText())
                            .plusSeconds(i).toString())
                    .put("type", "TRANSITION_REFUSED");
            ObjectNode payload = event.putObject("payload").put("from_state", "PLANNED")
                    .put("to_state", "READY_FOR_HANDOFF").put("entity_id", "fe/2025-09-02");
            ObjectNode metadata = payload.putObject("metadata").put("triggered_by", "someone");
            metadata.putObject("gate_results").put("schema_lint", "FAIL");
            metadata.putObject("details").put("transition", "validate_complete").put("profile", "fe")
                    .put("evidence.schema_lint", relative);
            line.put("prev_sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8))));
            lines.add(JSON.writeValueAsString(line));
        }
        Files.writeString(log, String.join("\n", lines) + "\n");

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"));
        assertThat(page).contains("id=\"attempt-30\"");
        assertThat(count(page, "listed-once")).isEqualTo(1);
        assertThat(page).contains("same evidence file as attempt <a href=\"#attempt-1\">#1</a>");
        String sources;
        try (Stream<Path> files = Files.list(site.resolve("source"))) {
            sources = files.filter(f -> f.getFileName().toString().startsWith("frameworks_planning-fe_tasks"))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).collect(Collectors.joining());
        }
        assertThat(count(sources, "listed-once")).isEqualTo(1);
    }

    /**
     * Thirteenth review (2026-12-04): a source page was made for each spelling of a path findings
     * name, so one evidence file (10 KB) whose 100 findings named one 1.4 MB plan file as {@code ./P},
     * {@code ././P}, ... made 100 copies of it: a 670 MB site, 5.7 GB resident. Spellings of one path
     * ({@code .} segments, repeated or trailing {@code /}) now share its page; and the source pages
     * together show at most 32 Mi characters of files (a case-insensitive file system, where {@code P} and
     * {@code p} name one file, or many distinct files, stay bounded), the rest named, not shown.
     */
    @Test
    void spellingsOfOnePathShareOneSourcePageAndTheSourcesShownAreBounded() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path evidence = schemaLintEvidenceAfterAdvancing(ws);
        String plan = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
        ObjectNode root = (ObjectNode) JSON.readTree(evidence.toFile());
        ArrayNode findings = root.withArray("findings");
        for (String spelling : List.of(plan, "./" + plan, "././" + plan, "frameworks//planning-fe/./tasks/"
                + "2025-09-02-fe_task_breakdown.yaml", plan + "/", "frameworks/../" + plan, "tasks/../frameworks/"
                + "planning-fe/../planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml")) {
            findings.addObject().put("code", "x").put("severity", "ERROR").put("message", "spelt")
                    .put("file", spelling).put("line", 1).put("column", 1);
        }
        // The same file named from outside the workspace: no source page, its location shown without a link.
        findings.addObject().put("code", "x").put("severity", "ERROR").put("message", "outside")
                .put("file", "../ws/" + plan).put("line", 1).put("column", 1);
        // 20 distinct files of 1.9 million characters each: past the 32 Mi the source pages show in all.
        Path notes = Files.createDirectories(ws.resolve("notes"));
        String big = "x".repeat(1_900_000);
        for (int i = 0; i < 20; i++) {
            Files.writeString(notes.resolve(String.format(Locale.ROOT, "n%02d.txt", i)), big);
            findings.addObject().put("code", "x").put("severity", "ERROR").put("message", "big")
                    .put("file", String.format(Locale.ROOT, "notes/n%02d.txt", i)).put("line", 1).put("column", 1);
        }
        Files.writeString(evidence, JSON.writeValueAsString(root));

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        List<Path> pages;
        try (Stream<Path> files = Files.list(site.resolve("source"))) {
            pages = files.sorted().toList();
        }
        assertThat(pages).filteredOn(f -> f.getFileName().toString().startsWith("frameworks_planning-fe_tasks"))
                .hasSize(1);
        String cycle = Files.readString(site.resolve("cycles/fe_2025-09-02.html"));
        String link = pages.stream().filter(f -> f.getFileName().toString().startsWith("frameworks_planning-fe_tasks"))
                .findFirst().orElseThrow().getFileName().toString();
        assertThat(count(cycle, "href=\"../source/" + link + "#L1\"")).isEqualTo(7);
        assertThat(cycle).contains("<td><code>../ws/" + plan + ":1:1</code></td>");
        long shown = 0;
        int notShown = 0;
        for (Path page : pages) {
            String html = Files.readString(page);
            if (html.contains("xxxxxxxxxx")) {
                shown += 1_900_000;
            } else if (html.contains("not shown")) {
                notShown++;
            }
        }
        assertThat(shown).isLessThanOrEqualTo(32L << 20);
        assertThat(notShown).isGreaterThan(0);
    }

    /**
     * Thirteenth review (2026-12-04): every KPI of a digest got a chart, about 900 bytes of page for a
     * KPI written in 20: a digest of 20,000 KPIs (429 KB) made an 18 MB page, one of 8 MiB about 350 MB.
     * A page now draws the first 64 KPIs of its digest and says how many more the digest holds. The digest is
     * published (report40).
     */
    @Test
    void aCyclePageDrawsAtMost64KpisAndSaysHowManyMoreTheDigestHolds() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        StringBuilder kpis = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            kpis.append("  k").append(i).append(": {actual: ").append(i).append("}\n");
        }
        publishDigest(Planning.builder().workspace(ws).build(), ws, "2025-09-02", "---\nversion: \"1.0\"\n"
                + "cycle_id: \"2025-09-02\"\nstream: fe\ngenerated_at: \"2025-09-01T09:00:00Z\"\nkpis:\n" + kpis
                + "---\n# digest\n");

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"));
        assertThat(count(page, "<figure class=\"chart\"")).isEqualTo(64);
        assertThat(page).contains("id=\"kpi-k63\"").doesNotContain("id=\"kpi-k64\"")
                .contains("136 more KPIs of this cycle's digest are not drawn");
    }

    /**
     * gaps16: a cycle's digest whose front matter is another cycle's (renamed, or edited by hand) is not
     * shown as this cycle's: the page names the problem and draws none of its figures.
     */
    @Test
    void aDigestOfAnotherCycleThanItsFileStandsForIsAProblemNotThisCyclesFigures() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Files.writeString(Files.createDirectories(ws.resolve("frameworks/planning-fe/digests"))
                .resolve("2025-09-02-digest.md"), "---\nversion: \"1.0\"\ncycle_id: \"2025-08-19\"\nstream: fe\n"
                + "generated_at: \"2025-09-01T09:00:00Z\"\nkpis:\n  k1: {actual: 7}\n---\n# digest\n");

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"));
        assertThat(page).doesNotContain("id=\"kpi-k1\"")
                .contains("is of cycle_id 2025-08-19 in stream fe, but its file stands for cycle_id 2025-09-02 in stream fe");
    }

    /**
     * report40: the report drew every committed digest's figures, on its cycle's page and in its stream's charts,
     * where {@code planning digest} takes an earlier digest as its baseline only when that cycle's log records its
     * publication (digest39, review39). A digest of a cycle that never ran (no event log) and one of a cycle that ran
     * but published none are each a problem naming the file and why, and none of their figures is drawn; the
     * published digest's chart starts at its own cycle.
     */
    @Test
    void aDigestOfACycleThatNeverRanOrPublishedNoneIsAProblemAndNoneOfItsFiguresIsDrawn() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();
        for (int i = 1; i <= 3; i++) {
            writePlan(ws, cycleId(i), "FE-1", "digest:frameworks/planning-fe/digests/c0000-digest.md#IA-1");
        }
        Path digests = Files.createDirectories(ws.resolve("frameworks/planning-fe/digests"));
        Files.writeString(digests.resolve("c0001-digest.md"), oneKpiDigest(cycleId(1), 11));
        workspace.create(new CycleRef("fe", cycleId(2)));
        Files.writeString(digests.resolve("c0002-digest.md"), oneKpiDigest(cycleId(2), 22));
        publishDigest(workspace, ws, cycleId(3), oneKpiDigest(cycleId(3), 33));

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(Files.readString(site.resolve("cycles/fe_c0001.html"))).doesNotContain("id=\"kpi-k1\"")
                .contains("the digest frameworks/planning-fe/digests/c0001-digest.md is of cycle fe/c0001, which has"
                        + " no event log (frameworks/planning-fe/events/c0001.events.jsonl)");
        assertThat(Files.readString(site.resolve("cycles/fe_c0002.html"))).doesNotContain("id=\"kpi-k1\"")
                .contains("the digest frameworks/planning-fe/digests/c0002-digest.md is not one cycle fe/c0002"
                        + " published: its event log frameworks/planning-fe/events/c0002.events.jsonl records no"
                        + " publication of it")
                // digest41: the KPI section said "No digest published yet" of a digest there but refused.
                .contains("<p>The cycle's digest is not shown: the digest frameworks/planning-fe/digests/c0002-digest.md"
                        + " is not one cycle fe/c0002 published")
                .doesNotContain("No digest published for this cycle yet");
        String chart = chart(Files.readString(site.resolve("cycles/fe_c0003.html")), "k1");
        assertThat(count(chart, "<circle class=\"point\"")).isEqualTo(1);
        assertThat(chart).contains(">33</text>", ">c0003</text>").doesNotContain(">c0001</text>", ">c0002</text>");
        String index = Files.readString(site.resolve("index.html"));
        // improve40: listed as what they are, not as files that cannot be read.
        assertThat(attentionItem(index, "c0001-digest.md")).startsWith("<li><strong>Digest not published:</strong>");
        assertThat(attentionItem(index, "c0002-digest.md")).startsWith("<li><strong>Digest not published:</strong>");
    }

    /**
     * improve40: a published digest whose cycle's event log cannot be read (a line that is no event before its
     * events) cannot be checked against it: a problem naming the file and why, listed as
     * unchecked, and none of its figures is drawn.
     */
    @Test
    void aDigestWhoseCyclesLogCannotBeReadIsAProblemAndNoneOfItsFiguresIsDrawn() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();
        writePlan(ws, cycleId(1), "FE-1", "digest:frameworks/planning-fe/digests/c0000-digest.md#IA-1");
        publishDigest(workspace, ws, cycleId(1), oneKpiDigest(cycleId(1), 11));
        Path log = ws.resolve(WorkspaceLayout.DEFAULT.eventLog(new CycleRef("fe", cycleId(1))));
        Files.writeString(log, "not an event\n" + Files.readString(log));

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(Files.readString(site.resolve("cycles/fe_c0001.html"))).doesNotContain("id=\"kpi-k1\"")
                .contains("the digest frameworks/planning-fe/digests/c0001-digest.md cannot be checked against its"
                        + " cycle&#39;s event log, which cannot be read (above)");
        assertThat(attentionItem(Files.readString(site.resolve("index.html")), "c0001-digest.md"))
                .startsWith("<li><strong>Digest unchecked:</strong>");
    }

    /** The item of the index's "needs attention" list that names {@code file}. */
    private static String attentionItem(String index, String file) {
        int at = index.indexOf(file, index.indexOf("<ul class=\"attention\">"));
        assertThat(at).as("an item naming " + file).isNotNegative();
        int start = index.lastIndexOf("<li>", at);
        return index.substring(start, index.indexOf("</li>", at));
    }

    /**
     * report40: the demo's published digests are drawn (the second cycle's chart over both cycles); the first
     * cycle's digest edited after its publication (its {@code unit_coverage_pct} made 99) is a problem naming the
     * file and both hashes, and none of its figures is drawn, on its page or in the second cycle's chart.
     */
    @Test
    void aDigestEditedAfterItsCyclePublishedItIsAProblemAndThePublishedOnesAreStillDrawn() throws Exception {
        Path out = dir.resolve("demo");
        CliRun demo = CliRun.of("demo", "--out", out.toString());
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        String drawn = chart(Files.readString(out.resolve("site/cycles/fe_2025-09-16.html")), "unit_coverage_pct");
        assertThat(count(drawn, "<circle class=\"point\"")).isEqualTo(2);
        assertThat(drawn).contains(">80</text>", ">90</text>", ">2025-09-02</text>", ">2025-09-16</text>");
        assertThat(Files.readString(out.resolve("site/cycles/fe_2025-09-02.html")))
                .contains("id=\"kpi-unit_coverage_pct\"").doesNotContain("Problems reading this cycle");
        Path first = out.resolve("workspace/frameworks/planning-fe/digests/2025-09-02-digest.md");
        String published = Files.readString(first);
        String coverage = "\n  unit_coverage_pct:\n    actual: 80.0\n";
        assertThat(published).contains(coverage);
        String forged = published.replace(coverage, coverage.replace("80.0", "99.0"));
        Files.writeString(first, forged);

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", out.resolve("workspace").toString(), "--html", site.toString(),
                "--trust", out.resolve("keys/trust.yaml").toString(), "--as-of", "2025-09-20");

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        assertThat(Files.readString(site.resolve("cycles/fe_2025-09-02.html")))
                .doesNotContain("id=\"kpi-unit_coverage_pct\"", ">99</text>")
                .contains("the digest frameworks/planning-fe/digests/2025-09-02-digest.md is not the one cycle"
                        + " fe/2025-09-02 published: its event log frameworks/planning-fe/events/2025-09-02.events.jsonl"
                        + " records SHA-256 " + sha256(published) + ", the file&#39;s is " + sha256(forged));
        String chart = chart(Files.readString(site.resolve("cycles/fe_2025-09-16.html")), "unit_coverage_pct");
        assertThat(count(chart, "<circle class=\"point\"")).isEqualTo(1);
        assertThat(chart).contains(">90</text>", ">2025-09-16</text>").doesNotContain(">2025-09-02</text>");
    }

    /** A digest of cycle {@code id} of stream fe whose one KPI, {@code k1}, is {@code actual}. */
    private static String oneKpiDigest(String id, int actual) {
        return "---\nversion: \"1.0\"\ncycle_id: \"" + id + "\"\nstream: fe\ngenerated_at: \"2025-09-01T09:00:00Z\"\n"
                + "kpis:\n  k1: {actual: " + actual + ", target: 50, unit: percent, direction: higher_is_better}\n"
                + "---\n# digest\n";
    }

    /**
     * Writes {@code text} as the digest of fe's cycle {@code id} and records its publication in the cycle's log
     * ({@code DIGEST_PUBLISHED} with its path and SHA-256), as {@code planning digest} does.
     */
    private static void publishDigest(PlanningWorkspace workspace, Path ws, String id, String text) throws Exception {
        CycleRef cycle = new CycleRef("fe", id);
        String path = WorkspaceLayout.DEFAULT.digest(cycle);
        Files.createDirectories(ws.resolve(path).getParent());
        Files.writeString(ws.resolve(path), text);
        workspace.record(cycle, EventType.DIGEST_PUBLISHED, Map.of("path", path, "sha256", sha256(text)));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The chart of {@code kpi} on a cycle page. */
    private static String chart(String page, String kpi) {
        int start = page.indexOf("<figure class=\"chart\" id=\"kpi-" + kpi + "\"");
        assertThat(start).as("the chart of " + kpi).isNotNegative();
        return page.substring(start, page.indexOf("</figure>", start));
    }

    private static String cycleId(int i) {
        return String.format(Locale.ROOT, "c%04d", i);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static String everything(Path site) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** Advances the copy {@code ws} of fe/2025-09-02 to READY_FOR_HANDOFF; the schema_lint evidence it wrote. */
    private static Path schemaLintEvidenceAfterAdvancing(Path ws) throws IOException {
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-schema_lint.json")).findFirst()
                    .orElseThrow();
        }
    }
}
