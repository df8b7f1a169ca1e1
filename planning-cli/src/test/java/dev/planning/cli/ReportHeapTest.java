package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.report.HtmlReport;
import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning report --html} in a child JVM with a small heap (docs/testing.md, "reportheap"). The
 * site was built whole in memory before a byte was written: a plan of 7.2 MB (a cycle page of 15 MB)
 * needed a heap of 178-183 MiB, and a source page is about 50 times its file. Each page is now written as
 * it is rendered; and a command that still runs out of memory ends with one line saying so and how to
 * give it more, not a stack trace, leaving an earlier report where it was.
 */
@Tag("slow")
@Tag("subprocess")
class ReportHeapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path dir;

    @Test
    void pagesLargerThanTheHeapAreWrittenOneAtATime() throws Exception {
        Path ws = workspace(1);
        // Two source views of 1,000,000 one-character lines each: about 100 characters of page per line.
        Path notes = Files.createDirectories(ws.resolve("notes"));
        Path evidence = schemaLintEvidence(ws);
        ObjectNode root = (ObjectNode) JSON.readTree(evidence.toFile());
        for (String name : List.of("a.txt", "b.txt")) {
            Files.writeString(notes.resolve(name), "x\n".repeat(1_000_000));
            root.withArray("findings").addObject().put("code", "x").put("severity", "ERROR").put("message", "m")
                    .put("file", "notes/" + name).put("line", 1).put("column", 1);
        }
        Files.writeString(evidence, JSON.writeValueAsString(root));
        Path site = dir.resolve("site");

        CliRun run = report(96, ws, site);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        long heap = 96L << 20;
        assertThat(Files.size(site.resolve("cycles/fe_2025-09-02.html"))).isGreaterThan(15_000_000);
        List<Path> sourcePages;
        try (Stream<Path> pages = Files.list(site.resolve("source"))) {
            sourcePages = pages.filter(p -> p.getFileName().toString().startsWith("notes_")).toList();
        }
        assertThat(sourcePages).hasSize(2).allSatisfy(page -> {
            assertThat(Files.size(page)).isGreaterThan(heap);
            // Written to its end: the last line (empty, after the last line break), then the page's frame.
            assertThat(tail(page)).contains("<li id=\"L1000001\"><a class=\"ln\" href=\"#L1000001\" "
                    + "aria-label=\"Line 1000001\">1000001</a><code></code></li>\n</ol>\n</main>\n")
                    .endsWith("</html>\n");
        });
    }

    @Test
    void runningOutOfHeapEndsWithOneLineExit3AndLeavesTheEarlierReport() throws Exception {
        // Eight cycles, each with a plan of 7.2 MB: more than a heap of 48 MiB holds, which starts the command.
        Path ws = workspace(8);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve(HtmlReport.MARKER), "earlier\n");
        Files.writeString(site.resolve("index.html"), "the earlier report\n");

        CliRun run = report(48, ws, site);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.printedStackTrace()).as(run.err()).isFalse();
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("error: `planning report` ran out of memory (Java heap space, heap limit ")
                .contains("PLANNING_JAVA_OPTS=-Xmx2g bin/planning");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo("the earlier report\n");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ws", "site");
        }
    }

    /**
     * The example's copy, advanced to READY_FOR_HANDOFF (gate evidence), then given a plan of 7.2 MB:
     * 360 tasks, each a title of 9,996 characters of {@code <b>&"x} (escaped to 33,320) and an owner of
     * 10,000, the longest values a plan may hold; the same plan for {@code cycles - 1} more cycles.
     */
    private Path workspace(int cycles) throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        StringBuilder plan = new StringBuilder("version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\n"
                + "generated_at: \"2025-09-01T09:00:00Z\"\ntasks:\n");
        String title = "<b>&\"x".repeat(1666);
        String owner = "o".repeat(10_000);
        for (int i = 0; i < 360; i++) {
            plan.append("  - id: FE-").append(i).append("\n    kind: task\n    title: '").append(title)
                    .append("'\n    owner: ").append(owner).append("\n    priority: P1\n    effort: 1\n")
                    .append("    status: planned\n    tags: {criticality: 1, compliance: none}\n");
        }
        Files.writeString(ws.resolve(PLAN), plan);
        assertThat(Files.size(ws.resolve(PLAN))).isGreaterThan(7_200_000);
        for (int i = 1; i < cycles; i++) {
            String id = "2025-10-0" + i;
            Files.writeString(ws.resolve(PLAN.replace("2025-09-02", id)), plan.toString().replace("2025-09-02", id));
        }
        return ws;
    }

    private static Path schemaLintEvidence(Path ws) throws IOException {
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-schema_lint.json")).findFirst()
                    .orElseThrow();
        }
    }

    /** The last 600 bytes of a page, as text. */
    private static String tail(Path page) throws IOException {
        try (FileChannel channel = FileChannel.open(page)) {
            ByteBuffer last = ByteBuffer.allocate(600);
            channel.read(last, channel.size() - last.capacity());
            return new String(last.array(), StandardCharsets.UTF_8);
        }
    }

    /** {@code planning report} in a child JVM whose heap is {@code mebibytes}. */
    private static CliRun report(int mebibytes, Path ws, Path site) {
        List<String> command = new ArrayList<>(ChildProcesses.java("-XX:TieredStopAtLevel=1", "-Xmx" + mebibytes + "m",
                "-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        return CliRun.inChild(command, Map.of(), "report", "-w", ws.toString(), "--html", site.toString(),
                "--as-of", "2025-09-02");
    }
}
