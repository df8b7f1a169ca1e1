package dev.planning.cli.crash;

import static dev.planning.cli.CycleScript.cycle;
import static dev.planning.cli.CycleScript.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write failures and kills at exact points, where the crash run's random delays rarely land: the CLI
 * runs in a child JVM under {@code strace}, whose fault injection makes the N-th {@code pwrite64} of the
 * process fail with {@code ENOSPC} (a full disk), or kills the process with SIGKILL on entering it. Only
 * the event log is written with {@code pwrite64} (a positional write at the log's end; every other file
 * is written whole to a temporary file and renamed), so the N-th {@code pwrite64} is the N-th append:
 * the second of {@code advance --to PACKAGED} is {@code MANIFEST_SEALED}, after the manifest was written;
 * the first of {@code sign}, {@code import} and {@code digest} is their event, after their file.
 *
 * <p>Each case then checks the failure as the user sees it (one line, no stack trace, what was written and
 * how to complete it) and that the next run of the same command completes the step: the event recorded
 * once, the cycle signed, verified and moved on. Skipped where {@code strace} cannot trace (not installed,
 * or ptrace not permitted); under {@code CI=true} that fails instead, as {@code .ci/run} installs strace.
 */
@Tag("slow")
@Tag("crash")
@Tag("subprocess")
class WriteFaultTest {

    private static final CycleRef CYCLE = new CycleRef(CycleSteps.STREAM, CycleSteps.CYCLE);

    @TempDir
    Path dir;

    @BeforeAll
    static void straceCanInject() throws Exception {
        StracedCli.requireFaultInjection();
    }

    /** Runs the CLI with {@code args}, the {@code nth} pwrite64 failing with ENOSPC, and the process killed on it when asked. */
    private static StracedCli.Run run(int nth, boolean kill, List<String> args) throws Exception {
        return StracedCli.run("pwrite64", nth, kill, args);
    }

    private Path ready() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        ok(cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        return ws;
    }

    private static List<RecordedEvent> events(Path ws) {
        return new FileEventStore(ws).read(CYCLE);
    }

    private static long count(Path ws, EventType type) {
        return events(ws).stream().filter(e -> e.event().type() == type).count();
    }

    /** One line on standard error naming the cause, what was written and how to complete it; no stack trace. */
    private static void saysWhatHappened(StracedCli.Run run, String written, String complete) {
        // errors24: a full disk is the system's failure, exit 3 (it was 2, as if the input were wrong).
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err()).contains("No space left on device", written, complete)
                .doesNotContain("\tat ", "Exception in thread", "internal error");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    private void signAllAndGoOn(Path ws) {
        CycleScript.signVerifyAndExecute(ws, CycleScript.keys(dir));
    }

    @Test
    void killedBetweenTheManifestAndItsEventTheSealIsCompletedByAdvancingAgain() throws Exception {
        Path ws = ready();

        StracedCli.Run killed = run(2, true, List.of(cycle(ws, "advance", "--to", "PACKAGED")));

        assertThat(killed.exitCode()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(ws.resolve(CycleSteps.MANIFEST)).exists();
        assertThat(count(ws, EventType.MANIFEST_SEALED)).isZero();
        CliRun again = CliRun.of(cycle(ws, "advance", "--to", "PACKAGED"));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(count(ws, EventType.MANIFEST_SEALED)).isEqualTo(1);
        signAllAndGoOn(ws);
    }

    @Test
    void aFullDiskAtTheSealEventSaysSoAndTheSealIsCompletedBySealingAgain() throws Exception {
        Path ws = ready();

        StracedCli.Run full = run(2, false, List.of(cycle(ws, "advance", "--to", "PACKAGED")));

        saysWhatHappened(full, "the manifest " + CycleSteps.MANIFEST + " was written", "run `planning seal`");
        assertThat(count(ws, EventType.MANIFEST_SEALED)).isZero();
        ok(cycle(ws, "seal"));
        assertThat(count(ws, EventType.MANIFEST_SEALED)).isEqualTo(1);
        signAllAndGoOn(ws);
    }

    @Test
    void aFullDiskAtTheSignatureEventSaysSoAndSigningAgainRecordsIt() throws Exception {
        Path ws = ready();
        ok(cycle(ws, "advance", "--to", "PACKAGED"));
        Path keys = CycleScript.keys(dir);
        List<String> sign = List.of("sign", ws.resolve(CycleSteps.MANIFEST).toString(), "--role", "PM", "--key",
                keys.resolve("PM.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString());

        StracedCli.Run full = run(1, false, sign);

        saysWhatHappened(full, "the signature of PM", "sign again with the same key");
        byte[] signed = Files.readAllBytes(ws.resolve(CycleSteps.MANIFEST));
        assertThat(new ManifestReader(ws).read(ws.resolve(CycleSteps.MANIFEST), CycleSteps.MANIFEST).manifest()
                .signatures()).hasSize(1);
        assertThat(count(ws, EventType.SIGNATURE_ADDED)).isZero();
        ok(sign.toArray(String[]::new));
        assertThat(Files.readAllBytes(ws.resolve(CycleSteps.MANIFEST))).isEqualTo(signed);
        assertThat(count(ws, EventType.SIGNATURE_ADDED)).isEqualTo(1);
    }

    @Test
    void killedBetweenTheOutcomesAndTheirEventTheNextImportRecordsThem() throws Exception {
        Path ws = ready();
        List<String> importArgs = new ArrayList<>(List.of(cycle(ws, "import")));
        importArgs.addAll(CycleScript.outcomeFiles(ws));

        StracedCli.Run killed = run(1, true, importArgs);

        assertThat(killed.exitCode()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(count(ws, EventType.OUTCOMES_IMPORTED)).isZero();
        CliRun again = CliRun.of(importArgs.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("recorded OUTCOMES_IMPORTED");
        assertThat(count(ws, EventType.OUTCOMES_IMPORTED)).isEqualTo(1);
    }

    @Test
    void aFullDiskAtTheDigestEventSaysSoAndTheNextDigestRecordsIt() throws Exception {
        Path ws = CycleScript.validatedExample(dir);

        StracedCli.Run full = run(1, false, List.of(cycle(ws, "digest")));

        saysWhatHappened(full, "the digest " + CycleSteps.DIGEST + " was written", "run `planning digest` again");
        assertThat(count(ws, EventType.DIGEST_PUBLISHED)).isZero();
        ok(cycle(ws, "digest"));
        assertThat(count(ws, EventType.DIGEST_PUBLISHED)).isEqualTo(1);
    }
}
