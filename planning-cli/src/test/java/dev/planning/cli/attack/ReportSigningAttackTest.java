package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning report --html} over a sealed manifest into which a contributor without keys wrote
 * one signature per role the signing policy names, each by a key of their own (eighth review). No
 * signature there verifies against any trusted key, so the report must not show the policy met:
 * neither the command line's (which verifies against no keys without {@code --trust}) nor an
 * embedder's {@link HtmlReport} built without keys, which counted the signatures as written.
 */
@Tag("slow")
@Tag("attack")
class ReportSigningAttackTest {

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    @Test
    void signaturesNoTrustedKeyVerifiedNeverShowTheSigningPolicyMet() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        Path file = ws.resolve(MANIFEST);
        HandoffManifest manifest = new ManifestReader(ws).read(file, MANIFEST).manifest();
        for (String role : CycleScript.ROLES) {
            manifest = ManifestSignatures.append(manifest, new PemSigner(role, Crypto.generate(SignatureAlgorithm.ED25519)),
                    Instant.parse("2025-09-03T08:00:00Z"));
        }
        Files.write(file, ManifestWriter.render(manifest));

        Path site = dir.resolve("site");
        CliRun report = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-03");
        // An embedder's report without keys (HtmlReport's builder without trustedKeys).
        Map<String, byte[]> embedded = HtmlReport.builder(Planning.builder().workspace(ws).build())
                .asOf(LocalDate.parse("2025-09-03")).build().render();

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(everything(site)).doesNotContain("\u2713 MET").contains("Signature pending");
        String all = embedded.values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        assertThat(all).contains("not verified: no trusted keys were given to the report")
                .doesNotContain("\u2713 MET").contains("Signature pending");
    }

    private static String everything(Path site) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
