package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.Printable;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.GateResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Renders sealing, signing and verification results as text for people, and signing as JSON for
 * scripts (the JSON of seal and verify is the public API's: {@code CiReports.sealJson},
 * {@code verificationJson}).
 */
final class SealReports {

    private SealReports() {
    }

    static void print(PrintWriter out, OutputFormat format, Supplier<String> json, Supplier<String> text) {
        print(out, format, json, text, null);
    }

    /**
     * Prints text, JSON or, when the command offers it, Markdown; any other format is refused.
     *
     * @param json     the JSON text (the public API's, such as {@code CiReports.sealJson}), printed with
     *                 a line break after it
     * @param markdown Markdown, or {@code null} when the command does not offer it
     */
    static void print(PrintWriter out, OutputFormat format, Supplier<String> json, Supplier<String> text,
            Supplier<String> markdown) {
        if (format == OutputFormat.markdown && markdown != null) {
            out.print(markdown.get());
        } else if (format != OutputFormat.text && format != OutputFormat.json) {
            throw new dev.planning.api.InvalidInputException("--format " + format
                    + " is not available for this command; use text or json" + (markdown != null ? " or markdown" : ""));
        } else if (format == OutputFormat.json) {
            out.println(json.get());
        } else {
            out.print(text.get());
        }
        out.flush();
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
            result.notes().forEach(note -> text.append("note: ").append(indented(note)).append('\n'));
            text.append("next: sign it, e.g. planning sign ").append(result.manifestPath().orElse("MANIFEST"))
                    .append(" --role QA --key ~/.planning/keys/QA.key.pem\n");
        });
        if (!result.sealed()) {
            text.append("not sealed: the gates refused the transition\n");
        }
        return text.toString();
    }

    /**
     * {@code sign --format json}: the signature just added; {@code dirty} whether the manifest was sealed dirty
     * ({@code dirty: true} or {@code snapshot_rev: none}), signed only with {@code --allow-dirty}.
     */
    record SignedJson(String manifest, @JsonProperty("manifest_id") String manifestId, String role,
            @JsonProperty("key_id") String keyId, String algorithm, @JsonProperty("signed_at") String signedAt,
            int signatures, boolean dirty) {
    }

    static SignedJson signed(String path, HandoffManifest manifest) {
        ManifestSignature added = manifest.signatures().get(manifest.signatures().size() - 1);
        return new SignedJson(path, manifest.manifestId(), added.role(), added.keyId(), added.algorithm(),
                added.signedAt().toString(), manifest.signatures().size(), sealedDirty(manifest));
    }

    static String signedText(String path, HandoffManifest manifest) {
        ManifestSignature added = manifest.signatures().get(manifest.signatures().size() - 1);
        return "signed " + path + " as " + added.role() + " (" + added.algorithm() + ", key " + added.keyId() + ")\n"
                + "  signatures now: " + String.join(", ", manifest.signatures().stream().map(ManifestSignature::role)
                        .toList()) + "\n"
                // dirty24: a signer who passed --allow-dirty is told, in the result, what was signed.
                + (sealedDirty(manifest) ? "  dirty: the manifest was sealed with --allow-dirty (dirty: "
                        + manifest.dirty() + ", snapshot_rev " + Printable.line(manifest.snapshotRev()) + "): no commit"
                        + " holds its sealed set, so it was not checked against one\n" : "");
    }

    /** Whether the manifest was sealed dirty: with uncommitted changes, or with no commit at all. */
    private static boolean sealedDirty(HandoffManifest manifest) {
        return manifest.dirty() || manifest.snapshotRev().equals("none");
    }

    static String verificationText(VerificationReport report) {
        StringBuilder text = new StringBuilder();
        for (Discrepancy d : report.discrepancies()) {
            text.append(indented(d.file() + ": " + d.kind() + ": " + d.message())).append('\n');
            d.expected().ifPresent(e -> text.append("    expected: ").append(indented(e)).append('\n'));
            d.actual().ifPresent(a -> text.append("    actual:   ").append(indented(a)).append('\n'));
        }
        report.notes().forEach(note -> text.append("note: ").append(indented(note)).append('\n'));
        for (Discrepancy d : report.ignoredSignatures()) {
            text.append(indented(d.file() + ": note: " + d.kind() + ": " + d.message())).append('\n');
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

    /**
     * A value a file may have put line breaks in (a gate name in a manifest), each line after the
     * first indented, so that none can pass for the verdict line that ends the report.
     */
    private static String indented(String value) {
        return value.replace("\n", "\n        ");
    }
}
