package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found in review: a manifest that honestly records a failed gate. Between seal and sign the
 * contributor without keys changes the plan so that governance fails, and rewrites the governance
 * evidence and the manifest to say {@code FAIL} (every checksum, the seal event and the log chain
 * made to match). The recomputed verdict agrees with the recorded one, so nothing disagreed: the
 * team's {@code sign} signed, and {@code verify} and {@code advance} passed a handoff whose
 * governance failed. A handoff is sealed only when every gate of its sealing steps passes, so a
 * failed verdict in the manifest is refused by every verification, also with {@code --checksums-only}.
 */
@Tag("slow")
@Tag("attack")
class FailedVerdictAttackTest {

    private static final String APPROVALS = "      approvals: [pm-dana, techlead-erik, qa-fay]\n";
    private static final String EVIDENCE = "frameworks/planning-fe/evidence/2025-09-02";

    @TempDir
    Path dir;

    @Test
    void aManifestRecordingAFailedGovernanceVerdictIsNeverSignedVerifiedOrAdvanced() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        recordGovernanceFailedForAPlanWithoutApprovals(ws);
        ws.commit("tidy");

        AttackWorkspace.Refused refused = ws.refusedEverywhere();

        CliRun first = refused.signs().get(0);
        assertThat(first.out() + first.err()).contains("records governance FAIL");
        for (CliRun run : List.of(refused.verify(), refused.checksumsOnly())) {
            assertThat(run.out()).contains("MANIFEST_INVALID", "records governance FAIL");
        }
    }

    /**
     * The plan without the critical task's approvals; every evidence file re-pointed at the new plan,
     * the governance evidence saying FAIL; the manifest's checksums, governance result and critical
     * count rewritten canonically; the seal event and the log chain made to match.
     */
    private static void recordGovernanceFailedForAPlanWithoutApprovals(AttackWorkspace ws) throws Exception {
        byte[] oldPlan = Files.readAllBytes(ws.path(AttackWorkspace.TASKS));
        String plan = new String(oldPlan, StandardCharsets.UTF_8);
        assertThat(plan).contains(APPROVALS);
        ws.write(AttackWorkspace.TASKS, plan.replaceFirst(Pattern.quote(APPROVALS), ""));
        byte[] newPlan = Files.readAllBytes(ws.path(AttackWorkspace.TASKS));
        String oldSha = Sha256.hex(oldPlan);
        String newSha = Sha256.hex(newPlan);
        String manifest = ws.read(AttackWorkspace.MANIFEST).replace(oldSha, newSha)
                .replaceFirst("bytes: " + oldPlan.length + "\n", "bytes: " + newPlan.length + "\n");
        try (var evidence = Files.list(ws.path(EVIDENCE))) {
            for (Path file : evidence.toList()) {
                String relative = ws.root().relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                String text = new String(bytes, StandardCharsets.UTF_8).replace(oldSha, newSha);
                if (relative.endsWith("-governance.json")) {
                    text = text.replaceAll("(\"status\"\\s*:\\s*)\"PASS\"", "$1\"FAIL\"");
                }
                ws.write(relative, text);
                byte[] now = text.getBytes(StandardCharsets.UTF_8);
                manifest = manifest.replace("  - path: \"" + relative + "\"\n    sha256: \"" + Sha256.hex(bytes)
                        + "\"\n    bytes: " + bytes.length + "\n", "  - path: \"" + relative + "\"\n    sha256: \""
                        + Sha256.hex(now) + "\"\n    bytes: " + now.length + "\n");
            }
        }
        Matcher governance = Pattern.compile("  governance:\n    status: \"PASS\"\n").matcher(manifest);
        assertThat(governance.find()).isTrue();
        manifest = governance.replaceFirst("  governance:\n    status: \"FAIL\"\n");
        manifest = manifest.replaceFirst("critical_violations: 0\n", "critical_violations: " + CRITICAL + "\n");
        ws.writeSealedManifest(manifest);
    }

    /** The unwaived critical violations the plan without approvals has, as governance counts them. */
    private static final int CRITICAL = 1;
}
