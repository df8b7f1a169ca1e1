package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.TASKS;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change verification must catch: each byte of the manifest, each field of its content
 * (re-rendered canonically, so that only the signatures and checksums can tell), each byte of each
 * signature, and bytes throughout a sealed artifact.
 */
@Tag("slow")
@Tag("tamper")
class TamperTest {

    @TempDir
    static Path dir;

    private static Path workspace;
    private static PlanningWorkspace ws;
    private static byte[] sealedBytes;
    private static HandoffManifest sealed;

    @BeforeAll
    static void sealAndSign() throws Exception {
        workspace = SealFixture.committedExample(dir);
        ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults().withNotes("tamper target"));
        ws.sign(CYCLE, SealFixture.PM);
        ws.sign(CYCLE, SealFixture.TECH_LEAD);
        sealed = ws.sign(CYCLE, SealFixture.QA);
        sealedBytes = Files.readAllBytes(workspace.resolve(MANIFEST));
        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).isEmpty();
    }

    @Test
    void everyChangedByteOfTheManifestIsDetected() throws Exception {
        List<Integer> missed = new ArrayList<>();
        try {
            for (int i = 0; i < sealedBytes.length; i++) {
                byte[] mutated = sealedBytes.clone();
                mutated[i] = (byte) (mutated[i] ^ 0x01);
                Files.write(workspace.resolve(MANIFEST), mutated);
                if (ws.verify(CYCLE, TRUST).passed()) {
                    missed.add(i);
                }
            }
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
        assertThat(missed).as("byte offsets whose change verify missed, of %d", sealedBytes.length).isEmpty();
    }

    @Test
    void everyFieldChangedAndCanonicallyRewrittenIsDetected() throws Exception {
        JsonNode tree = ManifestWriter.toJson(sealed, true);
        List<String> pointers = new ArrayList<>();
        leaves(tree, "", pointers);
        assertThat(pointers).contains("/manifest_id", "/artifacts/0/sha256", "/gate_results/governance/at",
                "/governance/waivers/0/expires", "/signatures/2/value", "/signatures/1/signed_at", "/notes");
        List<String> missed = new ArrayList<>();
        try {
            for (String pointer : pointers) {
                ObjectNode copy = tree.deepCopy();
                mutate(copy, pointer);
                Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(copy));
                VerificationReport report = ws.verify(CYCLE, TRUST);
                if (report.passed()) {
                    missed.add(pointer);
                }
            }
            for (String key : List.of("schema_lint", "governance")) {
                ObjectNode renamed = tree.deepCopy();
                ObjectNode gates = (ObjectNode) renamed.get("gate_results");
                gates.set(key + "_x", gates.remove(key));
                Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(renamed));
                if (ws.verify(CYCLE, TRUST).passed()) {
                    missed.add("rename gate " + key);
                }
            }
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
        assertThat(missed).as("fields whose change verify missed").isEmpty();
    }

    /**
     * From the attack review of 2026-12-03 (closed before it; no test showed it): an artifact path
     * listed twice, or written so that it names the same file another way or none of the
     * workspace's, is a discrepancy of its own, not only a signature that no longer verifies (a
     * manifest rewritten before anyone signs carries no signature to break).
     */
    @Test
    void anArtifactPathListedTwiceOrNotNormalizedIsInvalidBesidesTheBrokenSignatures() throws Exception {
        JsonNode tree = ManifestWriter.toJson(sealed, true);
        String path = tree.at("/artifacts/0/path").asText();
        Map<String, String> respelled = new LinkedHashMap<>();
        respelled.put("./", "./" + path);
        respelled.put("//", path.replaceFirst("/", "//"));
        respelled.put("/.", path.replaceFirst("/", "/./"));
        respelled.put("..", "x/../" + path);
        respelled.put("absolute", workspace.resolve(path).toString());
        respelled.put("trailing /", path + "/");
        respelled.put("case-folded", path.toUpperCase(Locale.ROOT));
        List<String> missed = new ArrayList<>();
        try {
            ObjectNode twice = tree.deepCopy();
            ((ArrayNode) twice.get("artifacts")).add(twice.get("artifacts").get(0).deepCopy());
            Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(twice));
            if (!ownDiscrepancy(ws.verify(CYCLE, TRUST))) {
                missed.add("listed twice");
            }
            for (Map.Entry<String, String> spelling : respelled.entrySet()) {
                ObjectNode copy = tree.deepCopy();
                ((ObjectNode) copy.get("artifacts").get(0)).put("path", spelling.getValue());
                Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(copy));
                if (!ownDiscrepancy(ws.verify(CYCLE, TRUST))) {
                    missed.add(spelling.getKey() + ": " + spelling.getValue());
                }
            }
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
        assertThat(missed).as("artifact paths reported only through the signatures").isEmpty();
    }

    /** Whether the report fails on something besides the signatures and the threshold. */
    private static boolean ownDiscrepancy(VerificationReport report) {
        return !report.passed() && report.discrepancies().stream().map(d -> d.kind())
                .anyMatch(k -> k == DiscrepancyKind.MANIFEST_INVALID || k == DiscrepancyKind.ARTIFACT_UNSEALED
                        || k == DiscrepancyKind.ARTIFACT_MISSING);
    }

    @Test
    void removingOrRepeatingASignatureIsDetected() throws Exception {
        JsonNode tree = ManifestWriter.toJson(sealed, true);
        try {
            for (int i = 0; i < 3; i++) {
                ObjectNode without = tree.deepCopy();
                ((ArrayNode) without.get("signatures")).remove(i);
                Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(without));
                assertThat(ws.verify(CYCLE, TRUST).discrepancies()).extracting(d -> d.kind())
                        .containsExactly(DiscrepancyKind.THRESHOLD_NOT_MET);

                ObjectNode repeated = tree.deepCopy();
                ((ArrayNode) repeated.get("signatures")).add(tree.get("signatures").get(i).deepCopy());
                Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(repeated));
                // A repeated signer never counts twice, and never strands the cycle: a note.
                var report = ws.verify(CYCLE, TRUST);
                assertThat(report.discrepancies()).isEmpty();
                assertThat(report.countedSignatures()).hasSize(3);
                assertThat(report.ignoredSignatures()).extracting(d -> d.kind())
                        .containsExactly(DiscrepancyKind.SIGNATURE_DUPLICATE);
            }
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
    }

    @Test
    void everyChangedByteOfEverySignatureIsDetected() throws Exception {
        JsonNode tree = ManifestWriter.toJson(sealed, true);
        List<String> missed = new ArrayList<>();
        try {
            for (int s = 0; s < 3; s++) {
                byte[] value = Base64.getDecoder().decode(tree.get("signatures").get(s).get("value").asText());
                for (int i = 0; i < value.length; i++) {
                    byte[] changed = value.clone();
                    changed[i] = (byte) (changed[i] ^ 0x01);
                    ObjectNode copy = tree.deepCopy();
                    ((ObjectNode) copy.get("signatures").get(s)).put("value", Base64.getEncoder().encodeToString(changed));
                    Files.write(workspace.resolve(MANIFEST), canonicalOrRaw(copy));
                    VerificationReport report = ws.verify(CYCLE, TRUST);
                    if (report.discrepancies(DiscrepancyKind.SIGNATURE_INVALID).isEmpty()) {
                        missed.add("signature " + s + " byte " + i);
                    }
                }
            }
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void changedBytesThroughoutASealedArtifactAreDetected() throws Exception {
        Path tasks = workspace.resolve(TASKS);
        byte[] original = Files.readAllBytes(tasks);
        List<Integer> missed = new ArrayList<>();
        try {
            for (int i = 0; i < original.length; i += Math.max(1, original.length / 200)) {
                byte[] mutated = original.clone();
                mutated[i] = (byte) (mutated[i] ^ 0x20);
                Files.write(tasks, mutated);
                VerificationReport report = ws.verify(CYCLE, TRUST);
                boolean named = report.discrepancies().stream().anyMatch(d -> d.kind() == DiscrepancyKind.ARTIFACT_CHANGED
                        && d.file().equals(TASKS));
                if (!named) {
                    missed.add(i);
                }
            }
            Files.write(tasks, Arrays.copyOf(original, original.length + 1));
            assertThat(ws.verify(CYCLE, TRUST).discrepancies(DiscrepancyKind.ARTIFACT_CHANGED)).hasSize(1);
            Files.delete(tasks);
            assertThat(ws.verify(CYCLE, TRUST).discrepancies(DiscrepancyKind.ARTIFACT_MISSING)).hasSize(1);
        } finally {
            Files.write(tasks, original);
        }
        assertThat(missed).isEmpty();
    }

    /** The manifest's canonical rendering when the mutated tree still reads as a manifest, else the raw YAML. */
    private static byte[] canonicalOrRaw(ObjectNode tree) throws Exception {
        byte[] raw = ("# mutated\n" + new ObjectMapper(new YAMLFactory()).writeValueAsString(tree))
                .getBytes(StandardCharsets.UTF_8);
        try {
            ManifestReader.Read read = new ManifestReader(workspace).parse(raw, MANIFEST);
            return ManifestWriter.render(read.manifest());
        } catch (InvalidInputException notAManifest) {
            return raw;
        }
    }

    private static void leaves(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                leaves(e.getValue(), pointer + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), pointer + "/" + i, out);
            }
        } else {
            out.add(pointer);
        }
    }

    private static void mutate(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        JsonNode value = parent.isArray() ? parent.get(Integer.parseInt(key)) : parent.get(key);
        JsonNode changed = changed(value);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(key), changed);
        } else {
            ((ObjectNode) parent).set(key, changed);
        }
    }

    /** The same kind of value, changed in its last character or by one. */
    private static JsonNode changed(JsonNode value) {
        if (value.isBoolean()) {
            return BooleanNode.valueOf(!value.asBoolean());
        }
        if (value.isInt()) {
            return IntNode.valueOf(value.asInt() + 1);
        }
        if (value.isIntegralNumber()) {
            return LongNode.valueOf(value.asLong() + 1);
        }
        String text = value.asText();
        char last = text.charAt(text.length() - 1);
        char next = switch (last) {
            case '9' -> '8';
            case 'f' -> 'e';
            case 'Z' -> 'Y';
            case '=' -> 'A';
            default -> (char) (last + 1);
        };
        return TextNode.valueOf(text.substring(0, text.length() - 1) + next);
    }
}
