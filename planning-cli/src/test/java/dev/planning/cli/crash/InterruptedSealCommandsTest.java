package dev.planning.cli.crash;

import static dev.planning.cli.CycleScript.cycle;
import static dev.planning.cli.CycleScript.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code advance --to PACKAGED} stopped (a write failed, or the process was killed) after the manifest
 * was written and before {@code MANIFEST_SEALED} was recorded: the cycle is {@code PACKAGED}, its
 * manifest on disk, its log without the seal. Before, every later command refused it for good:
 * {@code advance --to PACKAGED} ("cannot move from PACKAGED to PACKAGED"), {@code seal} ("already
 * sealed; a sealed manifest is never overwritten"), {@code sign} and {@code verify}
 * ({@code SEAL_EVENT_MISMATCH}). The crash run's random kills rarely land in that window; here the
 * state is made directly: the cycle sealed, then the log's last line ({@code MANIFEST_SEALED}) cut, as
 * an append that never happened leaves it.
 */
class InterruptedSealCommandsTest {

    static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path dir;

    private Path interruptedSeal() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        ok(cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        ok(cycle(ws, "advance", "--to", "PACKAGED"));
        Path log = ws.resolve(LOG);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("MANIFEST_SEALED");
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", StandardCharsets.UTF_8);
        assertThat(ws.resolve(CycleSteps.MANIFEST)).exists();
        return ws;
    }

    @Test
    void advancingToPackagedAgainCompletesTheSealAndTheCycleGoesOn() throws Exception {
        Path ws = interruptedSeal();

        CliRun again = CliRun.of(cycle(ws, "advance", "--to", "PACKAGED"));

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("its seal had not been recorded and is completed now",
                "sealed " + CycleSteps.MANIFEST);
        assertThat(Files.readString(ws.resolve(LOG))).containsOnlyOnce("MANIFEST_SEALED");
        CycleScript.signVerifyAndExecute(ws, CycleScript.keys(dir));
    }

    @Test
    void sealCompletesItToo() throws Exception {
        Path ws = interruptedSeal();

        CliRun seal = CliRun.of(cycle(ws, "seal"));

        assertThat(seal.exitCode()).as(seal.out() + seal.err()).isZero();
        assertThat(seal.out()).contains("sealed " + CycleSteps.MANIFEST);
        assertThat(Files.readString(ws.resolve(LOG))).containsOnlyOnce("MANIFEST_SEALED");
    }
    /**
     * A contributor without a key appends a signature block to the unrecorded manifest. Before, `seal` then
     * refused for good and advised restoring the log (which had lost nothing). Now `seal` without a trust file
     * says how to tell a real signature from such a block, and with one it completes the seal: the block,
     * which verifies against no trusted key, is dropped with the unrecorded manifest and never counts.
     */
    @Test
    void aSignatureBlockAppendedBySomeoneWithoutAKeyDoesNotStopTheSealsCompletion() throws Exception {
        Path ws = interruptedSeal();
        Path manifest = ws.resolve(CycleSteps.MANIFEST);
        var read = new ManifestReader(ws).read(manifest, CycleSteps.MANIFEST);
        var stranger = new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519));
        Files.write(manifest, ManifestWriter.render(ManifestSignatures.append(read.manifest(), stranger, Instant.now())));
        Path keys = CycleScript.keys(dir);

        CliRun blind = CliRun.of(cycle(ws, "seal"));

        assertThat(blind.exitCode()).as(blind.out() + blind.err()).isEqualTo(2);
        assertThat(blind.err()).contains("1 signature", "restore the log", "Run seal again with --trust FILE")
                .doesNotContain("\tat ");
        CliRun seal = CliRun.of(cycle(ws, "seal", "--trust", keys.resolve("trust.yaml").toString()));
        assertThat(seal.exitCode()).as(seal.out() + seal.err()).isZero();
        assertThat(Files.readString(ws.resolve(LOG))).containsOnlyOnce("MANIFEST_SEALED");
        assertThat(new ManifestReader(ws).read(manifest, CycleSteps.MANIFEST).manifest().signatures()).isEmpty();
        CycleScript.signVerifyAndExecute(ws, keys);
    }

    /**
     * seal24: the block dropped with the unrecorded manifest is named, with why it could not count (its key
     * is not in the trust file: rotated out, or made up), in the JSON of `seal`; before, it was dropped
     * unsaid. It still never counts.
     */
    @Test
    void theSealSaysWhichSignatureItDroppedAndWhy() throws Exception {
        Path ws = interruptedSeal();
        Path manifest = ws.resolve(CycleSteps.MANIFEST);
        var read = new ManifestReader(ws).read(manifest, CycleSteps.MANIFEST);
        var rotatedOut = new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519));
        Files.write(manifest, ManifestWriter.render(ManifestSignatures.append(read.manifest(), rotatedOut, Instant.now())));
        Path keys = CycleScript.keys(dir);

        CliRun seal = CliRun.of(cycle(ws, "seal", "--trust", keys.resolve("trust.yaml").toString(), "--format", "json"));

        assertThat(seal.exitCode()).as(seal.out() + seal.err()).isZero();
        assertThat(seal.out()).contains("\"notes\"", "the signature of PM (key " + rotatedOut.keyId(),
                "does not list key " + rotatedOut.keyId(), "rotated out of the trust file", "never counted");
        assertThat(new ManifestReader(ws).read(manifest, CycleSteps.MANIFEST).manifest().signatures()).isEmpty();
    }

    @Test
    void statusSaysTheSealWasInterruptedAndWhichCommandCompletesIt() throws Exception {
        Path ws = interruptedSeal();

        CliRun status = CliRun.of(cycle(ws, "status"));
        CliRun json = CliRun.of(cycle(ws, "status", "--format", "json"));

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).containsOnlyOnce("INTERRUPTED SEAL: ").contains("fe/2025-09-02: PACKAGED\n",
                "  INTERRUPTED SEAL: the cycle is PACKAGED but no MANIFEST_SEALED event records its seal;"
                        + " `planning seal --stream fe --cycle 2025-09-02` completes it\n");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"interrupted_seal\" : true");
    }

    @Test
    void statusSaysItOnlyUntilTheSealIsCompletedAndNotForASealedOrUnsealedCycle() throws Exception {
        Path ws = interruptedSeal();
        Path manifest = ws.resolve(CycleSteps.MANIFEST);
        // The move recorded and the manifest gone (the window before it was written): interrupted all the same.
        Files.delete(manifest);
        assertThat(CliRun.of(cycle(ws, "status")).out()).contains("INTERRUPTED SEAL: ");

        ok(cycle(ws, "seal"));

        CliRun after = CliRun.of(cycle(ws, "status"));
        assertThat(after.out()).contains("fe/2025-09-02: PACKAGED").doesNotContain("INTERRUPTED");
        assertThat(CliRun.of(cycle(ws, "status", "--format", "json")).out()).contains("\"interrupted_seal\" : false");
        Path fresh = CycleScript.committedExample(dir.resolve("fresh"));
        assertThat(CliRun.of(cycle(fresh, "status")).out()).doesNotContain("INTERRUPTED");
    }
}
