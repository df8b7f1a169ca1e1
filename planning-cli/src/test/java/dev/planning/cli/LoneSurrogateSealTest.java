package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab23: a lone surrogate (the YAML escape {@code "\u005cud800"}, the one way a planning file gives one)
 * is refused where it is written, not sealed as something else. Before, the decision log's waiver
 * {@code "a \u005cud800 b"} sealed as the manifest text {@code "a \u2420 b"}, the bytes the text
 * {@code "a \u2420 b"} seals as too (the YAML writer joined the half with the space after it), and the cycle
 * was signed and verified; a lone low half came back from the manifest's escape and was signed as {@code ?}.
 */
@Tag("slow")
@Tag("hostile")
class LoneSurrogateSealTest {

    private static final String LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    /** fe-critical with one more waiver whose approver is {@code approver} as written in YAML; committed. */
    private Path withWaiverApprovedBy(String approver) throws Exception {
        Path ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Files.writeString(ws.resolve(LOG), "waivers:\n  - {rule: critical-approvals, item: FE-12, reason: \"r\","
                + " approver: \"" + approver + "\", expires: 2099-12-31}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        GitFixture.commitAll(ws, "plan");
        return ws;
    }

    @Test
    void aWaiverHoldingALoneSurrogateIsRefusedAtItsLineAndNothingIsSealed() throws Exception {
        Path ws = withWaiverApprovedBy("a \\ud800 b");
        long line = Files.readString(ws.resolve(LOG)).lines().count();

        CliRun advance = CliRun.of(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(1);
        assertThat(advance.out() + advance.err()).contains(LOG + ":" + line + ":",
                "`waivers[0].approver` holds a lone surrogate (the escape \\uD800");
        CliRun seal = CliRun.of(CycleScript.cycle(ws, "seal"));
        assertThat(seal.exitCode()).as(seal.out() + seal.err()).isNotZero();
        assertThat(ws.resolve(MANIFEST)).doesNotExist();
    }

    @Test
    void aPairSealsSignsAndVerifiesAsItsCharacterAndAForgedLoneHalfInTheManifestIsRefusedAtItsLine() throws Exception {
        Path ws = withWaiverApprovedBy("a \\ud83d\\ude00 b");
        Path keys = CycleScript.keys(dir);
        String trust = keys.resolve("trust.yaml").toString();
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        for (String role : new String[] {"PM", "TechLead", "QA"}) {
            CycleScript.ok("sign", ws.resolve(MANIFEST).toString(), "--role", role, "--key",
                    keys.resolve(role + ".key.pem").toString(), "--trust", trust);
        }
        String sealed = Files.readString(ws.resolve(MANIFEST));
        assertThat(sealed).contains("approver: \"a \ud83d\ude00 b\"");
        CycleScript.ok(CycleScript.cycle(ws, "verify", "--trust", trust));

        String forged = sealed.replace("approver: \"a \ud83d\ude00 b\"", "approver: \"a \\udc00 b\"");
        Files.writeString(ws.resolve(MANIFEST), forged);
        long line = sealed.substring(0, sealed.indexOf("approver: \"a ")).lines().count();
        CliRun verify = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust));

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isNotZero();
        assertThat(verify.out() + verify.err()).contains(MANIFEST + ":" + line + ":",
                "holds a lone surrogate (the escape \\uDC00");
    }
}
