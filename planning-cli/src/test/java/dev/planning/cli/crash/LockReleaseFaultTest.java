package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab21: a lock whose release fails once the work under it is done ({@link StracedCli}: the unlock, the
 * second {@code fcntl} on the lock file after the lock itself, answers EIO). The work stands and is
 * reported as done: the lock's channel is closed, and the lock goes with its descriptor. Before, the
 * event was in the log but {@code advance} said "cannot append to event log", exit 2, and running it
 * again was refused ("cannot move from READY_FOR_HANDOFF to READY_FOR_HANDOFF").
 */
@Tag("slow")
@Tag("crash")
@Tag("subprocess")
class LockReleaseFaultTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path dir;

    @BeforeAll
    static void straceCanInject() throws Exception {
        StracedCli.requireFaultInjection();
    }

    @Test
    void anAdvanceWhoseLogLockCannotBeReleasedReportsTheRecordedTransitionAsDone() throws Exception {
        Path ws = CycleScript.committedExample(dir);

        StracedCli.Run run = StracedCli.runFailingOn(ws.resolve(LOG + ".lock"), "fcntl", 2, "EIO",
                List.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                        "READY_FOR_HANDOFF"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).doesNotContain("error", "\tat ");
        List<String> lines = Files.readAllLines(ws.resolve(LOG), StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("READY_FOR_HANDOFF");
        CliRun status = CliRun.of("status", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("READY_FOR_HANDOFF");
    }
}
