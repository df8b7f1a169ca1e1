package dev.planning.cli.hostile;

import static dev.planning.cli.hostile.HostileCorpus.FAILS;
import static dev.planning.cli.hostile.Templates.MANIFEST;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile handoff manifests, spoiled after sealing and signing: traversal in artifact, evidence
 * and decision-log paths, extra, missing, duplicated and mistyped fields, truncation, encodings and
 * forged signatures. Each is verified; a few are advanced on.
 */
final class ManifestCorpus {

    private static final List<String> TOP_LEVEL = List.of("version", "manifest_id", "cycle_id", "stream", "sealed",
            "created_at", "created_by", "sealed_at", "snapshot_rev", "rulebook_hash", "artifacts", "gate_results",
            "governance", "signatures");

    private ManifestCorpus() {
    }

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        for (String path : List.of("../outside/tasks.yaml", "/etc/passwd", "frameworks/../../outside/x",
                "frameworks\\\\planning-fe\\\\tasks\\\\x.yaml", "frameworks/planning-fe/tasks/../../../../etc/passwd",
                "", "frameworks/planning-fe/\\0nul.yaml", "frameworks/planning-fe/link-out.yaml", "C:/Windows/win.ini")) {
            verify(cases, "artifact path '" + path + "'", s -> s.replaceFirst("(?m)^  - path: \"[^\"]*\"",
                    "  - path: \"" + path + "\""));
        }
        for (String path : List.of("../../outside/e.json", "/etc/passwd", "frameworks/planning-fe/evidence/../../../../x")) {
            verify(cases, "evidence path '" + path + "'", s -> s.replaceFirst("(?m)^    evidence: \"[^\"]*\"",
                    "    evidence: \"" + path + "\""));
        }
        verify(cases, "decision_log_ref traversal", s -> s.replaceFirst("(?m)^governance:\n",
                "governance:\n  decision_log_ref: \"../../../etc/passwd\"\n"));
        verify(cases, "prior_manifest_id traversal", s -> s.replaceFirst("(?m)^artifacts:",
                "prior_manifest_id: \"../../../etc/passwd\"\nartifacts:"));
        verify(cases, "extra top-level field", s -> s + "extra: 1\n");
        verify(cases, "extra artifact field", s -> s.replaceFirst("(?m)^(    sha256: .*)$", "$1\n    mode: \"0777\""));
        verify(cases, "extra signature field", s -> s.replaceFirst("(?m)^(    signed_at: .*)$", "$1\n    trusted: true"));
        for (String field : TOP_LEVEL) {
            verify(cases, "missing " + field, s -> s.replaceFirst("(?m)^" + field + ":.*\\n((  |- ).*\\n)*", ""));
            verify(cases, "duplicated " + field, s -> s.replaceFirst("(?m)^(" + field + ":.*\\n)", "$1$1"));
        }
        verify(cases, "sealed false", s -> s.replace("sealed: true", "sealed: false"));
        verify(cases, "sealed a string", s -> s.replace("sealed: true", "sealed: \"yes\""));
        verify(cases, "bytes a string", s -> s.replaceFirst("(?m)^    bytes: \\d+", "    bytes: \"many\""));
        verify(cases, "bytes negative", s -> s.replaceFirst("(?m)^    bytes: \\d+", "    bytes: -1"));
        verify(cases, "sha256 a number", s -> s.replaceFirst("(?m)^    sha256: .*$", "    sha256: 12"));
        verify(cases, "artifacts a mapping", s -> s.replaceFirst("(?m)^artifacts:\\n(  .*\\n)*", "artifacts: {a: 1}\n"));
        verify(cases, "signatures a string", s -> s.replaceFirst("(?m)^signatures:\\n(  .*\\n)*", "signatures: none\n"));
        verify(cases, "duplicated artifact entry", s -> s.replaceFirst("(?m)^(  - path: .*\\n    sha256: .*\\n    bytes: .*\\n)",
                "$1$1"));
        // An exact duplicate is only a note (it never counts, and must not strand a cycle: see
        // SignatureAttackTest); a duplicate whose bytes changed is a signature that does not verify.
        verify(cases, "duplicated signature, the copy altered", s -> {
            Matcher first = Pattern.compile("(?m)^(  - role: .*\\n(    .*\\n)*)")
                    .matcher(s);
            if (!first.find()) {
                return s;
            }
            String copy = first.group(1).replaceFirst("value: \"(.)", first.group(1).contains("value: \"A")
                    ? "value: \"B" : "value: \"A");
            return s.substring(0, first.end()) + copy + s.substring(first.end());
        });
        verify(cases, "signature value not base64", s -> s.replaceFirst("(?m)^    value: .*$", "    value: \"!!!\""));
        verify(cases, "signature algorithm unknown", s -> s.replaceFirst("(?m)^    algorithm: .*$", "    algorithm: \"ROT13\""));
        verify(cases, "signature key id unknown", s -> s.replaceFirst("(?m)^    key_id: .*$", "    key_id: \"ffff\""));
        // The first hex digit changed to another one, whatever it was.
        verify(cases, "rulebook hash changed", s -> s.replaceFirst("(?m)^rulebook_hash: \"(.)",
                s.matches("(?s).*\\nrulebook_hash: \"0.*") ? "rulebook_hash: \"1" : "rulebook_hash: \"0"));
        verify(cases, "alias in manifest", s -> s.replaceFirst("(?m)^notes:.*$", "") + "anchor: &a {x: 1}\nuse: *a\n");
        verify(cases, "CRLF line endings", s -> s.replace("\n", "\r\n"));
        verify(cases, "deep nesting", s -> s + "deep: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        for (int percent : new int[] {5, 25, 50, 75, 95}) {
            verify(cases, "truncated at " + percent + "%", s -> s.substring(0, s.length() * percent / 100));
        }
        cases.add(new HostileCase("manifest: invalid UTF-8", "sealed", dir -> {
            Path file = dir.resolve(MANIFEST);
            Files.write(file, HostileCorpus.concat(Files.readAllBytes(file), new byte[] {'#', (byte) 0xC0, '\n'}));
        }, ManifestCorpus::verifyArgs, FAILS, "handoff_manifest.yaml", List.of()));
        cases.add(new HostileCase("manifest: advance on with traversal in an artifact path", "sealed",
                spoil(s -> s.replaceFirst("(?m)^  - path: \"[^\"]*\"", "  - path: \"../outside/tasks.yaml\"")),
                dir -> HostileCorpus.cycleArgs("advance", dir, "--to", "EXECUTED", "--trust",
                        dir.resolve("keys/trust.yaml").toString()),
                FAILS, "handoff_manifest.yaml", List.of("ws/frameworks/planning-fe/events/", "ws/frameworks/planning-fe/evidence/")));
        cases.add(new HostileCase("manifest: seal again over a sealed manifest", "sealed", dir -> { },
                dir -> HostileCorpus.cycleArgs("seal", dir), FAILS, "sealed", List.of()));
        return cases;
    }

    private static void verify(List<HostileCase> cases, String name, UnaryOperator<String> change) {
        cases.add(new HostileCase("manifest: " + name, "sealed", spoil(change), ManifestCorpus::verifyArgs, FAILS,
                "handoff_manifest.yaml", List.of()));
    }

    private static HostileCase.Spoiler spoil(UnaryOperator<String> change) {
        return dir -> {
            Path file = dir.resolve(MANIFEST);
            String before = Files.readString(file);
            String after = change.apply(before);
            if (after.equals(before)) {
                throw new IllegalStateException("the mutation changed nothing");
            }
            Files.writeString(file, after, StandardCharsets.UTF_8);
            // Something outside the workspace for traversal to find, and a link out of it.
            Files.createDirectories(dir.resolve("outside"));
            Files.writeString(dir.resolve("outside/tasks.yaml"), "secret: 1\n");
            Files.createSymbolicLink(dir.resolve("ws/frameworks/planning-fe/link-out.yaml"), dir.resolve("outside/tasks.yaml"));
        };
    }

    private static String[] verifyArgs(Path dir) {
        return HostileCorpus.cycleArgs("verify", dir, "--trust", dir.resolve("keys/trust.yaml").toString());
    }
}
