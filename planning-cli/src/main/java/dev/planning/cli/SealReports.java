package dev.planning.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.GateResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders sealing, signing and verification results as text for people or JSON for scripts. Every
 * discrepancy carries kind, file, expected, actual and message.
 */
final class SealReports {

    private static final ObjectMapper JSON = CliJson.PRETTY;

    private SealReports() {
    }

    static void print(PrintWriter out, OutputFormat format, Supplier<Object> json, Supplier<String> text) {
        print(out, format, json, text, null);
    }

    /**
     * Prints text, JSON or, when the command offers it, Markdown; any other format is refused.
     *
     * @param markdown Markdown, or {@code null} when the command does not offer it
     */
    static void print(PrintWriter out, OutputFormat format, Supplier<Object> json, Supplier<String> text,
            Supplier<String> markdown) {
        if (format == OutputFormat.markdown && markdown != null) {
            out.print(markdown.get());
        } else if (format != OutputFormat.text && format != OutputFormat.json) {
            throw new dev.planning.api.InvalidInputException("--format " + format
                    + " is not available for this command; use text or json" + (markdown != null ? " or markdown" : ""));
        } else if (format == OutputFormat.json) {
            try {
                out.println(JSON.writeValueAsString(json.get()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(text.get());
        }
        out.flush();
    }

    static Map<String, Object> seal(SealResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cycle", result.cycle().toString());
        json.put("sealed", result.sealed());
        result.manifestPath().ifPresent(path -> json.put("manifest", path));
        result.manifest().ifPresent(m -> {
            json.put("manifest_id", m.manifestId());
            json.put("snapshot_rev", m.snapshotRev());
            json.put("dirty", m.dirty());
            json.put("rulebook_hash", m.rulebookHash());
            json.put("artifacts", m.artifacts().stream().map(a -> Map.of("path", a.path(), "sha256", a.sha256(),
                    "bytes", a.bytes())).toList());
        });
        result.transition().ifPresent(t -> {
            json.put("accepted", t.accepted());
            json.put("state", t.stateAfter().name());
            json.put("gates", t.gateResults().stream().map(SealReports::gate).toList());
        });
        return json;
    }

    static String sealText(SealResult result) {
        StringBuilder text = new StringBuilder();
        result.transition().ifPresent(t -> {
            text.append(result.cycle()).append(": READY_FOR_HANDOFF -> PACKAGED")
                    .append(t.accepted() ? " accepted" : " REFUSED").append('\n');
            for (GateResult gate : t.gateResults()) {
                text.append("  ").append(gate.gate()).append(": ").append(gate.status()).append('\n');
                gate.findings().forEach(f -> text.append("    ").append(f.describe()).append('\n'));
            }
        });
        result.manifest().ifPresent(m -> {
            text.append("sealed ").append(result.manifestPath().orElse("")).append('\n');
            text.append("  manifest_id   ").append(m.manifestId()).append('\n');
            text.append("  snapshot_rev  ").append(m.snapshotRev()).append(m.dirty() ? " (dirty)" : "").append('\n');
            text.append("  rulebook_hash ").append(m.rulebookHash()).append('\n');
            m.artifacts().forEach(a -> text.append("  ").append(a.sha256()).append("  ").append(a.path()).append('\n'));
            text.append("next: sign it, e.g. planning sign ").append(result.manifestPath().orElse("MANIFEST"))
                    .append(" --role QA --key ~/.planning/keys/QA.key.pem\n");
        });
        if (!result.sealed()) {
            text.append("not sealed: the gates refused the transition\n");
        }
        return text.toString();
    }

    static Map<String, Object> signed(String path, HandoffManifest manifest) {
        ManifestSignature added = manifest.signatures().get(manifest.signatures().size() - 1);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("manifest", path);
        json.put("manifest_id", manifest.manifestId());
        json.put("role", added.role());
        json.put("key_id", added.keyId());
        json.put("algorithm", added.algorithm());
        json.put("signed_at", added.signedAt().toString());
        json.put("signatures", manifest.signatures().size());
        return json;
    }

    static String signedText(String path, HandoffManifest manifest) {
        ManifestSignature added = manifest.signatures().get(manifest.signatures().size() - 1);
        return "signed " + path + " as " + added.role() + " (" + added.algorithm() + ", key " + added.keyId() + ")\n"
                + "  signatures now: " + String.join(", ", manifest.signatures().stream().map(ManifestSignature::role)
                        .toList()) + "\n";
    }

    static Map<String, Object> verification(VerificationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("manifest", report.manifest());
        json.put("manifest_id", report.manifestId().orElse(null));
        json.put("passed", report.passed());
        json.put("artifacts_checked", report.artifactsChecked());
        json.put("signatures_counted", report.countedSignatures().stream().map(s -> Map.of("role", s.role(),
                "key_id", s.keyId(), "algorithm", s.algorithm())).toList());
        json.put("chain", report.chain());
        json.put("discrepancies", report.discrepancies().stream().map(SealReports::discrepancy).toList());
        json.put("notes", report.notes());
        json.put("ignored_signatures", report.ignoredSignatures().stream().map(SealReports::discrepancy).toList());
        return json;
    }

    static String verificationText(VerificationReport report) {
        StringBuilder text = new StringBuilder();
        for (Discrepancy d : report.discrepancies()) {
            text.append(d.file()).append(": ").append(d.kind()).append(": ").append(d.message()).append('\n');
            d.expected().ifPresent(e -> text.append("    expected: ").append(e).append('\n'));
            d.actual().ifPresent(a -> text.append("    actual:   ").append(a).append('\n'));
        }
        report.notes().forEach(note -> text.append("note: ").append(note).append('\n'));
        for (Discrepancy d : report.ignoredSignatures()) {
            text.append(d.file()).append(": note: ").append(d.kind()).append(": ").append(d.message()).append('\n');
        }
        text.append(report.manifest()).append(": ").append(report.artifactsChecked()).append(" artifact(s) checked, ")
                .append(report.countedSignatures().size()).append(" signature(s) counted");
        if (!report.countedSignatures().isEmpty()) {
            text.append(" (").append(String.join(", ", report.countedSignatures().stream()
                    .map(ManifestSignature::role).toList())).append(')');
        }
        if (report.chain().size() > 1) {
            text.append(", chain ").append(String.join(" <- ", report.chain()));
        }
        text.append(report.passed() ? ": verified\n" : ": " + report.discrepancies().size()
                + " discrepancy(ies): verification FAILED\n");
        return text.toString();
    }

    private static Map<String, Object> discrepancy(Discrepancy d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", d.kind().name());
        json.put("file", d.file());
        json.put("expected", d.expected().orElse(null));
        json.put("actual", d.actual().orElse(null));
        json.put("message", d.message());
        return json;
    }

    private static Map<String, Object> gate(GateResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gate", result.gate());
        json.put("status", result.status().name());
        json.put("findings", result.findings().stream().map(f -> f.describe()).toList());
        return json;
    }
}
