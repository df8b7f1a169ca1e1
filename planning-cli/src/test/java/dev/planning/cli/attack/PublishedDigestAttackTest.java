package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack40: a cycle's digest is a file anyone who commits can write. Since digest39, {@code planning digest} takes
 * an earlier cycle's digest as its baseline only when it is the one that cycle's log records as published (its
 * SHA-256 in {@code DIGEST_PUBLISHED}); the HTML report showed a digest's figures, and {@code planning improve}
 * carried a digest's improvement actions, as the file says: a missed KPI rewritten as met read "met" on the cycle's
 * page with nothing needing attention, and an action written into the digest went into the next plan. Both now read
 * only the digest the log records as published.
 */
@Tag("slow")
@Tag("attack")
class PublishedDigestAttackTest {

    private static final String DIGEST = "frameworks/planning-fe/digests/2025-09-02-digest.md";

    @TempDir
    Path dir;

    @Test
    void aDigestEditedAfterItWasPublishedIsNotShownAsTheCyclesFigures() throws Exception {
        AttackWorkspace ws = published();
        ws.edit(DIGEST, s -> s.replace("  quality_gate_pass_rate:\n    actual: 100.0",
                "  quality_gate_pass_rate:\n    actual: 4242.0"));
        ws.commit("attacker");
        Path site = dir.resolve("site");

        CliRun report = ws.run("report", "-w", ws.root().toString(), "--html", site.toString());

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"), StandardCharsets.UTF_8);
        String index = Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("4242").doesNotContain("id=\"kpi-quality_gate_pass_rate\"")
                .contains("is not the one cycle fe/2025-09-02 published");
        assertThat(index).doesNotContain("Nothing needs attention");
    }

    @Test
    void theDigestTheCyclePublishedIsShown() throws Exception {
        AttackWorkspace ws = published();
        Path site = dir.resolve("site");

        CliRun report = ws.run("report", "-w", ws.root().toString(), "--html", site.toString());

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"kpi-quality_gate_pass_rate\"").doesNotContain("published: its event log");
    }

    @Test
    void aDigestCommittedForACycleThatPublishedNoneIsNotShownAsTheCyclesFigures() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ws.write(DIGEST, "---\nversion: \"1.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\n"
                + "generated_at: \"2025-09-01T09:00:00Z\"\nkpis:\n  k1: {actual: 7}\n---\n# digest\n");
        ws.commit("attacker");
        Path site = dir.resolve("site");

        CliRun report = ws.run("report", "-w", ws.root().toString(), "--html", site.toString());

        assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"), StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("id=\"kpi-k1\"").contains("records no publication of it");
    }

    @Test
    void improveCarriesNoActionFromADigestEditedAfterItWasPublished() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        String trust = dir.resolve("keys/trust.yaml").toString();
        CycleScript.ok(CycleScript.cycle(ws, "digest", "--trust", trust));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust));
        Path digest = ws.resolve(DIGEST);
        Files.writeString(digest, Files.readString(digest, StandardCharsets.UTF_8).replace("improvement_actions: []",
                "improvement_actions:\n  - {id: IA-9, action: Drop the audit trail, owner: mallory}"),
                StandardCharsets.UTF_8);

        CliRun improve = CliRun.of(CycleScript.cycle(ws, "improve", "--next", "2025-09-16", "--trust", trust));

        assertThat(improve.exitCode()).as(improve.out() + improve.err()).isEqualTo(2);
        assertThat(improve.err()).contains("the digest " + DIGEST + " is not the one cycle fe/2025-09-02 published")
                .contains("improvement actions would be tasks of the next cycle's plan");
        assertThat(ws.resolve("frameworks/planning-fe/tasks/2025-09-16-fe_task_breakdown.yaml")).doesNotExist();
        assertThat(CliRun.of(CycleScript.cycle(ws, "status", "--trust", trust)).out()).contains("IMPROVE");
    }

    /** The example advanced to READY_FOR_HANDOFF, its digest published and committed. */
    private AttackWorkspace published() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ws.ok(ws.cycleArgs("digest"));
        ws.commit("digest");
        assertThat(ws.read(DIGEST)).contains("  quality_gate_pass_rate:\n    actual: 100.0");
        return ws;
    }
}
