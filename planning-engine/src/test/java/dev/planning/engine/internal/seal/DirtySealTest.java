package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.ManifestSignatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seal24: a handoff sealed with {@code --allow-dirty} outside git ({@code dirty: true},
 * {@code snapshot_rev: none}) has no commit to compare its sealed set with. {@code verify} says so in
 * words, and a later handoff naming it as its prior is refused on every path that would treat it as
 * trusted for the handoff (SECURITY.md: "A prior without a clean revision fails closed"): verify in
 * full and checksums only, sign, and the move past {@code PACKAGED} even with its signatures in place.
 */
class DirtySealTest {

    private static final CycleRef NEXT = new CycleRef("fe", "2025-09-16");
    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String MAP = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";

    @TempDir
    Path dir;

    /** The example outside any repository, sealed with --allow-dirty and signed by all three roles. */
    private Path dirtySignedCycleOne() {
        Path workspace = SealFixture.copyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        HandoffManifest first = ws.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).manifest().orElseThrow();
        assertThat(first.dirty()).isTrue();
        assertThat(first.snapshotRev()).isEqualTo("none");
        SignOptions dirtyToo = SignOptions.defaults().withAllowDirty(true); // signed dirty on purpose (dirty24)
        ws.sign(CYCLE, PM, dirtyToo);
        ws.sign(CYCLE, TECH_LEAD, dirtyToo);
        ws.sign(CYCLE, QA, dirtyToo);
        return workspace;
    }

    private static final String PLAIN = "sealed with --allow-dirty (dirty: true, snapshot_rev none): no commit holds the"
            + " sealed set, so verify cannot check that it holds every input the gates read";

    @Test
    void verifyOfADirtySealSaysPlainlyThatNoCommitHoldsItsSealedSet() {
        Path workspace = dirtySignedCycleOne();

        VerificationReport full = SealFixture.open(workspace).verify(CYCLE, TRUST);
        VerificationReport checksums = SealFixture.open(workspace).verifyChecksumsOnly(CYCLE, TRUST);

        assertThat(full.notes()).anySatisfy(note -> assertThat(note).startsWith(PLAIN));
        assertThat(checksums.notes()).anySatisfy(note -> assertThat(note).startsWith(PLAIN));
    }

    @Test
    void aCleanSealHasNoSuchNote() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.sign(CYCLE, PM);

        assertThat(ws.verify(CYCLE, TRUST).notes()).noneSatisfy(note -> assertThat(note).contains("--allow-dirty"));
    }

    /** Cycle 2 planned and advanced to READY_FOR_HANDOFF. */
    private static PlanningWorkspace cycleTwoReady(Path workspace) {
        SealFixture.write(workspace, TASKS.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, TASKS).replace("2025-09-02", "2025-09-16"));
        SealFixture.write(workspace, MAP.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, MAP).replace("2025-09-02", "2025-09-16"));
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.advance(NEXT, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        return ws;
    }

    /**
     * Cycle 2 sealed (dirty, outside git) naming the dirty cycle 1 as prior. {@code seal} refuses such a prior
     * (keys25), so the manifest is made as a hand without the tool would: cycle 1's manifest says clean while
     * cycle 2 is sealed, and is put back after. What follows must still refuse the prior.
     */
    private PlanningWorkspace cycleTwoNamingTheDirtyPrior(Path workspace) throws IOException {
        PlanningWorkspace ws = cycleTwoReady(workspace);
        String prior = ws.verify(CYCLE, TRUST).manifestId().orElseThrow();
        Path priorFile = workspace.resolve(MANIFEST_ONE);
        byte[] dirty = Files.readAllBytes(priorFile);
        HandoffManifest m = new ManifestReader(workspace).parse(dirty, MANIFEST_ONE).manifest();
        Files.write(priorFile, ManifestWriter.render(new HandoffManifest(m.version(), m.manifestId(), m.cycleId(),
                m.stream(), m.sealed(), m.createdAt(), m.createdBy(), m.sealedAt(), "0".repeat(40), false,
                m.rulebookHash(), m.eventLogHead(), m.artifacts(), m.gateResults(), m.governance(),
                m.priorManifestId(), m.notes(), m.signatures())));
        assertThat(ws.seal(NEXT, SealOptions.defaults().withAllowDirty(true).withPriorManifestId(prior)).sealed())
                .isTrue();
        Files.write(priorFile, dirty);
        return ws;
    }

    private static final String MANIFEST_ONE = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    private static final String MANIFEST_TWO = "frameworks/planning-fe/manifests/2025-09-16-handoff_manifest.yaml";

    /**
     * keys25: {@code seal --prior} named a prior sealed dirty and wrote the handoff, which could then never be
     * signed nor verified (the prior check above refuses it). It is refused at the seal, nothing written, naming
     * the prior and what to do, with and without {@code --allow-dirty}: that consent is to this seal's own
     * uncommitted inputs (its manifest can still be signed with {@code sign --allow-dirty}), while no option
     * makes a handoff naming a dirty prior verify.
     */
    @Test
    void sealRefusesAPriorSealedDirtyWritingNothing() throws IOException {
        Path workspace = dirtySignedCycleOne();
        PlanningWorkspace ws = cycleTwoReady(workspace);
        String prior = ws.verify(CYCLE, TRUST).manifestId().orElseThrow();
        Path log = workspace.resolve("frameworks/planning-fe/events/2025-09-16.events.jsonl");
        byte[] logBefore = Files.readAllBytes(log);

        for (SealOptions options : List.of(SealOptions.defaults().withPriorManifestId(prior),
                SealOptions.defaults().withAllowDirty(true).withPriorManifestId(prior))) {
            assertThatThrownBy(() -> ws.seal(NEXT, options)).as("allowDirty " + options.allowDirty())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("prior manifest '" + prior + "' (" + MANIFEST_ONE + ") was sealed with"
                            + " --allow-dirty (dirty: true, snapshot_rev none)")
                    .hasMessageContaining("can never be signed nor verified")
                    .hasMessageContaining("nothing was sealed")
                    .hasMessageNotContaining("\n");
            assertThat(workspace.resolve(MANIFEST_TWO)).doesNotExist();
            assertThat(Files.readAllBytes(log)).isEqualTo(logBefore);
            assertThat(ws.status(NEXT).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
        }
        assertThat(ws.seal(NEXT, SealOptions.defaults().withAllowDirty(true)).sealed()).as("without --prior").isTrue();
    }

    private static void assertPriorRefused(List<Discrepancy> found) {
        assertThat(found).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST);
            assertThat(d.message()).contains("was not sealed at a clean git revision");
        });
    }

    @Test
    void aDirtyPriorIsRefusedByVerifyInFullAndChecksumsOnly() throws IOException {
        PlanningWorkspace ws = cycleTwoNamingTheDirtyPrior(dirtySignedCycleOne());

        assertPriorRefused(ws.verify(NEXT, TRUST).discrepancies());
        assertPriorRefused(ws.verifyChecksumsOnly(NEXT, TRUST).discrepancies());
    }

    @Test
    void aDirtyPriorIsRefusedBySign() throws IOException {
        PlanningWorkspace ws = cycleTwoNamingTheDirtyPrior(dirtySignedCycleOne());

        assertThatThrownBy(() -> ws.sign(NEXT, PM, SignOptions.defaults().withAllowDirty(true))).isInstanceOf(SealingException.class)
                .hasMessageContaining("PRIOR_MANIFEST").hasMessageContaining("was not sealed at a clean git revision");
    }

    /** Its signatures in place (written by a keyholder's own tool, as sign would), the move past PACKAGED is still refused. */
    @Test
    void aDirtyPriorStopsTheMovePastPackagedEvenWithEverySignatureInPlace() throws IOException {
        Path workspace = dirtySignedCycleOne();
        PlanningWorkspace ws = cycleTwoNamingTheDirtyPrior(workspace);
        String path = MANIFEST_TWO;
        Path file = workspace.resolve(path);
        HandoffManifest manifest = new ManifestReader(workspace).read(file, path).manifest();
        for (var signer : List.of(PM, TECH_LEAD, QA)) {
            manifest = ManifestSignatures.append(manifest, signer, SealFixture.NOW);
        }
        Files.write(file, ManifestWriter.render(manifest));
        assertThat(ws.verify(NEXT, TRUST).discrepancies()).allSatisfy(d -> assertThat(d.kind())
                .isIn(DiscrepancyKind.PRIOR_MANIFEST, DiscrepancyKind.SEAL_EVENT_MISMATCH));

        boolean moved;
        try {
            moved = ws.advance(NEXT, CycleState.EXECUTED).accepted();
        } catch (SealingException refused) {
            moved = false;
        }

        assertThat(moved).isFalse();
        assertThat(ws.status(NEXT).state()).isEqualTo(CycleState.PACKAGED);
    }
}
