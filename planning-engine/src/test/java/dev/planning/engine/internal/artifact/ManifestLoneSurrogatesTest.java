package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.governance.Waiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab23: a lone surrogate never reaches a sealed manifest nor comes out of one. The manifest's YAML
 * writer joined a lone high surrogate with the character after it into another character ({@code "x\u005cuD800y"}
 * was written as {@code "x\u2479y"}, the bytes of the text {@code "x\u2479y"}: two inputs, one manifest), and
 * a lone low one read back from its escape was signed as {@code ?} (the signing input's UTF-8).
 */
class ManifestLoneSurrogatesTest {

    @TempDir
    Path workspace;

    private static HandoffManifest withNotes(String notes) {
        HandoffManifest m = ManifestReaderTest.MANIFEST;
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), m.snapshotRev(), m.dirty(), m.rulebookHash(), m.eventLogHead(),
                m.artifacts(), m.gateResults(), m.governance(), m.priorManifestId(), Optional.of(notes), m.signatures());
    }

    private static HandoffManifest withReason(String reason) {
        HandoffManifest m = ManifestReaderTest.MANIFEST;
        GovernanceSummary governance = new GovernanceSummary(m.governance().tags(), 0,
                List.of(new Waiver("missing-owner", "FE-1", reason, "pm", LocalDate.of(2025, 12, 31))),
                m.governance().decisionLogRef());
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), m.snapshotRev(), m.dirty(), m.rulebookHash(), m.eventLogHead(),
                m.artifacts(), m.gateResults(), governance, m.priorManifestId(), m.notes(), m.signatures());
    }

    @Test
    void aLoneHighSurrogateIsRefusedRatherThanWrittenAsTheCharacterAnotherTextWouldGive() {
        // What the writer made of "x\uD800y" before: the bytes of this other, well-formed text.
        assertThat(new String(ManifestWriter.render(withNotes("x\u2479y")), StandardCharsets.UTF_8))
                .contains("notes: \"x\u2479y\"");

        assertThatThrownBy(() -> ManifestWriter.render(withNotes("x\uD800y")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the manifest's `notes` holds a lone surrogate (the escape \\uD800 without the other half"
                        + " of its pair, at character 2), which is no Unicode character and has no UTF-8 form; nothing"
                        + " was sealed. Give the character itself, or both halves of its pair");
    }

    @Test
    void aLoneSurrogateInAGateNameTheManifestKeysItsResultsByIsRefusedToo() {
        // A mapping key is text the manifest seals as much as a value (review23): a gate's name keys its result.
        HandoffManifest m = ManifestReaderTest.MANIFEST;
        Map<String, GateOutcome> gates = new LinkedHashMap<>(m.gateResults());
        gates.put("plug\uD800in", gates.values().iterator().next());
        HandoffManifest withGate = new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(),
                m.createdAt(), m.createdBy(), m.sealedAt(), m.snapshotRev(), m.dirty(), m.rulebookHash(),
                m.eventLogHead(), m.artifacts(), gates, m.governance(), m.priorManifestId(), m.notes(), m.signatures());

        assertThatThrownBy(() -> ManifestWriter.render(withGate))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("a key of the manifest's `gate_results` holds a lone surrogate (the escape"
                        + " \\uD800 without the other half of its pair, at character 5)");
    }

    @Test
    void aLoneLowSurrogateInAWaiverIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ManifestWriter.render(withReason("a\uDC00b")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the manifest's `governance.waivers[0].reason` holds a lone surrogate (the"
                        + " escape \\uDC00");
    }

    @Test
    void aManifestWhoseTextHoldsTheEscapeOfALoneSurrogateIsRefusedAtItsLine() {
        String yaml = new String(ManifestWriter.render(withReason("a?b")), StandardCharsets.UTF_8);
        String forged = yaml.replace("reason: \"a?b\"", "reason: \"a\\udc00b\"");
        assertThat(forged).isNotEqualTo(yaml);
        int line = (int) yaml.substring(0, yaml.indexOf("reason: ")).lines().count();

        assertThatThrownBy(() -> new ManifestReader(workspace).parse(forged.getBytes(StandardCharsets.UTF_8), "m.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("`governance.waivers[0].reason` holds a lone surrogate (the escape \\uDC00")
                .satisfies(e -> assertThat(((DocumentException) e).location().orElseThrow().toString())
                        .startsWith("m.yaml:" + line + ":"));
    }

    @Test
    void bothHalvesOfAPairAreOneCharacterAndSealAsIt() {
        String yaml = new String(ManifestWriter.render(withReason("a?b")), StandardCharsets.UTF_8)
                .replace("reason: \"a?b\"", "reason: \"a\\ud83d\\ude00b\"");

        ManifestReader.Read read = new ManifestReader(workspace).parse(yaml.getBytes(StandardCharsets.UTF_8), "m.yaml");

        assertThat(read.manifest().governance().waivers().get(0).reason()).isEqualTo("a\uD83D\uDE00b");
        assertThat(new String(ManifestWriter.render(read.manifest()), StandardCharsets.UTF_8))
                .contains("reason: \"a\uD83D\uDE00b\"");
    }
}
