package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.gate.GateStatus;
import dev.planning.engine.internal.hash.Sha256;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cycle past PACKAGED gives the trusted day to judge besides the manifest's governance summary
 * ({@link VerdictCheck#sealedWaivers}): the waivers the sealed evidence of each gate result lists as
 * used, and its {@code at}; evidence it cannot read for them holds on no day.
 */
class SealedWaiversTest {

    private static final Instant AT = Instant.parse("2025-09-10T10:00:00Z");
    private static final String GOVERNANCE = """
            {"gate": "governance", "at": "2025-09-10T10:00:00Z", "evidence": {"critical_violations": 0,
              "waivers_used": [{"rule": "critical-approvals", "item": "FE-12", "expires": "2025-09-30"}]}}
            """;

    @TempDir
    Path workspace;

    private final List<ArtifactChecksum> sealed = new ArrayList<>();
    private final Map<String, GateOutcome> gates = new LinkedHashMap<>();

    /** Writes an evidence file, seals it, and records it as the evidence of {@code gate}. */
    private void sealedEvidence(String gate, String content) throws Exception {
        String path = "evidence/" + gate + ".json";
        Files.createDirectories(workspace.resolve("evidence"));
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(workspace.resolve(path), bytes);
        sealed.add(new ArtifactChecksum(path, Sha256.hex(bytes), bytes.length));
        gates.put(gate, new GateOutcome(GateStatus.PASS, Optional.of(path), AT));
    }

    private VerdictCheck.Outcome judged() {
        HandoffManifest manifest = new HandoffManifest("1.0.0", "fe-2025-09-02", "2025-09-02", "fe", true, AT, "tester",
                AT, "rev", false, "sha256:" + "ab".repeat(32), Optional.empty(), sealed, gates,
                new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()), Optional.empty(), Optional.empty(),
                List.of());
        return new VerdictCheck(workspace, WorkspaceLayout.DEFAULT, VerdictRecomputer.NONE).sealedWaivers(manifest);
    }

    @Test
    void theWaiversASealedEvidenceListsAndItsAtAreJudged() throws Exception {
        sealedEvidence("governance", GOVERNANCE);

        VerdictCheck.Outcome outcome = judged();

        assertThat(outcome.waivers()).containsExactly(new TrustedDay.Used("evidence/governance.json",
                "critical-approvals", "FE-12", Optional.of(LocalDate.parse("2025-09-30"))));
        assertThat(outcome.stamps()).containsExactly(new TrustedDay.Stamp("evidence/governance.json", "at", AT));
    }

    /**
     * Found by the attack review of 2026-12-03: the sealed evidence replaced by a file just over what
     * one array holds (sparse: no disk is used) was read whole, and the check ended with an
     * OutOfMemoryError. Its size differs from the sealed one, so it is not read (the artifact check
     * reports the change).
     */
    @Test
    void anEvidenceFileReplacedByAHugeOneIsNotRead() throws Exception {
        sealedEvidence("governance", GOVERNANCE);
        try (RandomAccessFile huge = new RandomAccessFile(
                workspace.resolve("evidence/governance.json").toFile(), "rw")) {
            huge.setLength(Integer.MAX_VALUE + 2L);
        }

        VerdictCheck.Outcome outcome = judged();

        assertThat(outcome.waivers()).isEmpty();
        assertThat(outcome.stamps()).isEmpty();
    }

    @Test
    void sealedEvidenceOverTheBoundIsNotReadAndHoldsOnNoDay() throws Exception {
        sealedEvidence("governance", GOVERNANCE);
        sealed.set(0, new ArtifactChecksum(sealed.get(0).path(), sealed.get(0).sha256(),
                VerdictCheck.MAX_EVIDENCE_BYTES + 1));

        assertThat(judged().waivers()).singleElement().satisfies(used -> {
            assertThat(used.rule()).contains("over the " + VerdictCheck.MAX_EVIDENCE_BYTES + " read");
            assertThat(used.expires()).isEmpty();
        });
    }

    @Test
    void aGateResultWhoseEvidenceIsNotSealedHoldsOnNoDay() {
        gates.put("governance", new GateOutcome(GateStatus.PASS, Optional.of("evidence/elsewhere.json"), AT));

        assertThat(judged().waivers()).singleElement().satisfies(used -> {
            assertThat(used.rule()).contains("its evidence is not sealed");
            assertThat(used.expires()).isEmpty();
        });
    }

    @Test
    void aGateResultWithoutEvidenceHoldsOnNoDay() {
        gates.put("governance", new GateOutcome(GateStatus.PASS, Optional.empty(), AT));

        assertThat(judged().waivers()).singleElement().satisfies(used -> assertThat(used.expires()).isEmpty());
    }

    @Test
    void sealedEvidenceThatIsNotAJsonObjectHoldsOnNoDay() throws Exception {
        sealedEvidence("governance", "[]");

        assertThat(judged().waivers()).singleElement().satisfies(used -> {
            assertThat(used.rule()).contains("not a JSON object");
            assertThat(used.expires()).isEmpty();
        });
    }

    @Test
    void evidenceChangedSinceSealingIsLeftToTheArtifactCheck() throws Exception {
        sealedEvidence("governance", GOVERNANCE);
        Files.writeString(workspace.resolve("evidence/governance.json"), "{}");

        assertThat(judged().waivers()).isEmpty();
    }
}
