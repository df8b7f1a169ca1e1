package dev.planning.cli.crash;

import static dev.planning.cli.CycleScript.cycle;
import static dev.planning.cli.CycleScript.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
