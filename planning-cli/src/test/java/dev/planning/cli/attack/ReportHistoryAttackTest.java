package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning report --html} over an event log a contributor without keys rebuilt to say the
 * cycle left {@code PACKAGED} (report19): {@code status} reports the history as unsigned (exit 1),
 * so the report must say so too. With the manifest deleted as well, the report showed the cycle
 * {@code EXECUTED} and "Nothing needs attention", with or without keys.
 */
@Tag("slow")
@Tag("attack")
class ReportHistoryAttackTest {

    @TempDir
    Path dir;

    @Test
    void aRebuiltLogClaimingExecutedWithoutItsManifestIsShownAsUnsignedHistory() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        f.rewriteLog(lines -> {
            List<ObjectNode> forged = new ArrayList<>(lines);
            ObjectNode executed = AttackWorkspace.forgedTransition(lines.get(lines.size() - 1), "evt_forged",
                    "PACKAGED", "EXECUTED", "release_readiness");
            forged.add(executed);
            return forged;
        });
        // Without a manifest, no verification or signing row of the report has anything to say.
        Files.delete(f.ws.resolve(SignatureAttackFixture.MANIFEST));
        f.commit("history");
        assertFailsNaming(f.cycle("status", "--trust", f.trust.toString()), 1, "UNSIGNED HISTORY");

        Path trusted = dir.resolve("trusted");
        CliRun withKeys = CliRun.of("report", "-w", f.ws.toString(), "--html", trusted.toString(), "--as-of",
                "2025-09-03", "--trust", f.trust.toString());
        Path keyless = dir.resolve("keyless");
        CliRun withoutKeys = CliRun.of("report", "-w", f.ws.toString(), "--html", keyless.toString(), "--as-of",
                "2025-09-03");

        assertThat(withKeys.exitCode()).as(withKeys.err()).isZero();
        assertThat(Files.readString(trusted.resolve("index.html")))
                .contains("Unsigned history", "evt_forged").doesNotContain("Nothing needs attention");
        assertThat(everything(trusted)).contains("UNSIGNED_HISTORY");
        assertThat(withoutKeys.exitCode()).as(withoutKeys.err()).isZero();
        assertThat(Files.readString(keyless.resolve("index.html")))
                .contains("Unsigned history", "cannot be checked", "none are in hand").doesNotContain("Nothing needs attention");
    }

    @Test
    void aGenuineSignedHistoryIsNotFlagged() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        CycleScript.ok(f.cycleArgs("advance", "--to", "EXECUTED", "--trust", f.trust.toString()));

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", f.ws.toString(), "--html", site.toString(), "--as-of",
                "2025-09-03", "--trust", f.trust.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(everything(site)).doesNotContain("Unsigned history", "UNSIGNED_HISTORY");
    }

    private static String everything(Path site) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }
}
