package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seventeenth review, through the command line on the {@code fe-critical} example (FE-12 is
 * critical with two of its three approvals): a gate profile whose failure action is the transition's
 * own target. {@code planning advance} reported the move refused (exit 1), governance FAIL, and moved
 * the cycle to {@code READY_FOR_HANDOFF} all the same; {@code status} then showed it there, exit 0, and
 * the next step ({@code on_failure: PACKAGED}) took it to {@code PACKAGED} the same way.
 */
class FailureActionAttackTest {

    private static final String STEP = "{transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint,"
            + " cross_stream_consistency, parity_coverage, governance]}";

    @TempDir
    Path temp;

    @Test
    void aProfileThatSendsAFailedTransitionForwardIsRefusedAndTheCycleStaysWhereItIs() throws IOException {
        Path workspace = CliRun.copyOf("fe-critical", temp.resolve("fe-critical"));
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        String text = Files.readString(settings, StandardCharsets.UTF_8);
        assertThat(text).contains(STEP);
        Files.writeString(settings, text.replace(STEP, STEP.replace("]}", "], on_failure: READY_FOR_HANDOFF}")),
                StandardCharsets.UTF_8);

        CliRun advance = CliRun.of("advance", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF");
        CliRun status = CliRun.of("status", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(2);
        assertThat(advance.err()).contains("rulebook/rulebook.yaml:29:")
                .contains("on_failure READY_FOR_HANDOFF would move a refused cycle forward");
        assertThat(status.out() + status.err()).doesNotContain("READY_FOR_HANDOFF");
    }
}
