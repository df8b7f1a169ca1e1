package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static String everything(Path site) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
