package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.store.CycleQueries.PendingSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eighth review (2026-12-04), held: a CI checkout is often shallow ({@code --depth 1}). When the commit
 * a handoff was sealed at is not in it, {@code verify}, also with {@code --checksums-only}, reports the
 * sealed commit missing and fails; it never passes on the work tree's checksums alone.
 */
class ShallowCloneTest {

    @TempDir
    Path tmp;

    @Test
    void aShallowCloneWithoutTheSealedCommitFailsVerificationNamingIt() throws Exception {
        Path origin = SealFixture.readyExample(tmp.resolve("origin"));
        PlanningWorkspace ws = SealFixture.open(origin);
        String sealedAt = ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow().snapshotRev();
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        SealFixture.commitAll(origin, "sealed and signed");
        assertThat(ws.verify(CYCLE, TRUST).passed()).as("the full clone verifies").isTrue();
        Path clone = tmp.resolve("clone");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setDepth(1).call().close();

        PlanningWorkspace shallow = SealFixture.open(clone);
        VerificationReport full = shallow.verify(CYCLE, TRUST);
        VerificationReport checksums = shallow.verifyChecksumsOnly(CYCLE, TRUST);

        for (VerificationReport report : new VerificationReport[] {full, checksums}) {
            assertThat(report.passed()).isFalse();
            assertThat(report.discrepancies()).filteredOn(d -> d.kind() == DiscrepancyKind.SNAPSHOT_REV_MISSING)
                    .singleElement().extracting(Discrepancy::describe).asString().contains(sealedAt)
                    // probe27: "not a commit of the repository" alone sent a CI job's honest shallow checkout
                    // looking for a forged manifest; the clone's depth is the cause to name, and the fix.
                    .contains("shallow clone").contains("git fetch --unshallow");
        }
    }

    /**
     * The lead's final read (2026-12-06): a shallow clone deep enough to hold the sealed commit verified, yet whether
     * the manifest replaced another signed handoff of the cycle beyond the cut could not be seen (a CI checkout at
     * {@code --depth N}). The check refuses what it cannot read, and says how to fetch the rest.
     */
    @Test
    void aShallowCloneHoldingTheSealedCommitStillCannotTellWhetherTheManifestReplacedAnother() throws Exception {
        Path origin = SealFixture.readyExample(tmp.resolve("origin"));
        Path clone = shallowCloneOfASignedCycle(origin);
        Path deep = tmp.resolve("deep");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(deep.toFile()).call().close();

        VerificationReport shallow = SealFixture.open(clone).verify(CYCLE, TRUST);
        VerificationReport whole = SealFixture.open(deep).verify(CYCLE, TRUST);

        assertThat(whole.passed()).as("a clone of the whole history verifies").isTrue();
        assertThat(shallow.passed()).isFalse();
        assertThat(shallow.discrepancies()).filteredOn(d -> d.kind() == DiscrepancyKind.MANIFEST_INVALID)
                .singleElement().extracting(Discrepancy::describe).asString().contains("shallow clone")
                .contains("git fetch --unshallow");
    }

    /**
     * review34: the pending-signatures question (attack34 has it ask what {@code verify} asks of a replaced handoff)
     * in the same shallow clone: whether the manifest replaced another signed handoff cannot be told there, so no
     * signature counts and the cycle is listed as waiting, saying why, never taken for signed by every role.
     */
    @Test
    void aShallowCloneListsTheSignedCycleAsWaitingSinceWhetherItsManifestReplacedAnotherCannotBeTold()
            throws Exception {
        Path origin = SealFixture.readyExample(tmp.resolve("origin"));
        Path clone = shallowCloneOfASignedCycle(origin);

        List<PendingSignatures> whole = SealFixture.open(origin).queries(TRUST).pendingSignatures();
        List<PendingSignatures> shallow = SealFixture.open(clone).queries(TRUST).pendingSignatures();

        assertThat(whole).as("every role signed, in the whole history").isEmpty();
        assertThat(shallow).singleElement().satisfies(pending -> {
            assertThat(pending.cycle()).isEqualTo(CYCLE);
            assertThat(pending.signedRoles()).isEmpty();
            assertThat(pending.manifestRefused()).hasValueSatisfying(why -> assertThat(why)
                    .contains("shallow clone").contains("git fetch --unshallow"));
        });
    }

    /**
     * The ready example at {@code origin} sealed and signed by every role, committed, and a clone of it made shallow at its
     * first commit, as a clone whose depth reaches just past the sealed commit is: every commit the checks need is
     * there, yet git records the history as cut (this history has no older commit to leave out).
     *
     * @return the clone
     */
    private Path shallowCloneOfASignedCycle(Path origin) throws Exception {
        PlanningWorkspace ws = SealFixture.open(origin);
        ws.seal(CYCLE, SealOptions.defaults());
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        SealFixture.commitAll(origin, "sealed and signed");
        Path clone = tmp.resolve("clone");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).call().close();
        try (Git git = Git.open(clone.toFile())) {
            String first = null;
            for (RevCommit commit : git.log().call()) {
                first = commit.name();
            }
            Files.writeString(clone.resolve(".git/shallow"), first + "\n", StandardCharsets.UTF_8);
        }
        return clone;
    }
}
