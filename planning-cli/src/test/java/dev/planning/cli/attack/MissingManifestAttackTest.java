package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contributor without keys changes a signed handoff's plan and deletes its manifest (attack32). With the
 * manifest in place the report shows "Verification failed" and the digest marks the artifact changed; with it
 * gone, the report showed the PACKAGED cycle as "Not sealed yet" under "Nothing needs attention", and the
 * digest said "Not sealed", though the cycle's log records its seal and {@code verify} fails
 * ({@code MANIFEST_INVALID}). A cycle whose lifecycle is past sealing is judged as sealed, manifest or not.
 */
@Tag("slow")
@Tag("attack")
class MissingManifestAttackTest {

    @TempDir
    Path dir;

    @Test
    void aSealedCycleWhoseManifestWasDeletedIsNeitherShownAsUnsealedNorAsNeedingNoAttention() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.edit(AttackWorkspace.TASKS, s -> s.replace("criticality: 0", "criticality: 3"));
        ws.delete(AttackWorkspace.MANIFEST);
        ws.commit("attacker");
        Path site = dir.resolve("site");

        CliRun verify = ws.verify();
        CliRun report = ws.run("report", "-w", ws.root().toString(), "--html", site.toString(), "--trust", ws.trust());

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("MANIFEST_INVALID");
        assertThat(report.exitCode()).as(report.err()).isZero();
        String index = Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8);
        String page = Files.readString(site.resolve("cycles/fe_2025-09-02.html"), StandardCharsets.UTF_8);
        assertThat(index).doesNotContain("Nothing needs attention").contains("Verification failed")
                .contains("MANIFEST_INVALID");
        assertThat(page).doesNotContain("Not sealed yet").contains("MANIFEST_INVALID")
                .contains("restore it from version control");
    }

    @Test
    void theDigestOfASealedCycleWhoseManifestWasDeletedDoesNotSayItWasNeverSealed() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.delete(AttackWorkspace.MANIFEST);
        ws.commit("attacker");

        CliRun digest = ws.run(ws.cycleArgs("digest", "--trust", ws.trust()));

        assertThat(digest.exitCode()).as(digest.out() + digest.err()).isZero();
        String text = digestText(ws);
        // As the report's cycle page says it: a deleted manifest is restored from version control (seal refuses to
        // seal the cycle anew), not completed by `planning seal`.
        assertThat(text).doesNotContain("Not sealed").contains("the cycle was sealed")
                .contains("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml")
                .contains("restore it from version control; `planning seal` refuses to seal it anew")
                .doesNotContain("`planning seal` completes it");
    }

    @Test
    void theDigestOfACycleNeverSealedStillSaysSo() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));

        CliRun digest = ws.run(ws.cycleArgs("digest"));

        assertThat(digest.exitCode()).as(digest.out() + digest.err()).isZero();
        assertThat(digestText(ws)).contains("Not sealed: there is no handoff manifest at");
    }

    private static String digestText(AttackWorkspace ws) throws IOException {
        return Files.readString(ws.path("frameworks/planning-fe/digests/2025-09-02-digest.md"), StandardCharsets.UTF_8);
    }
}
