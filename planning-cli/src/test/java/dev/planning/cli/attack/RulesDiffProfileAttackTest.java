package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twentieth review, through {@code planning rules diff} on the {@code fe-critical} example (FE-12
 * is critical with two of its three approvals, so governance blocks the handoff). The contributor's
 * rulebook change takes {@code governance} out of the {@code fe} profile's steps and changes no rule:
 * {@code planning gate} then passes the cycle, but the preview, which ran the governance gate whatever
 * the profile said, showed "blocked, unchanged" and "0 resolved", a change to nothing.
 */
class RulesDiffProfileAttackTest {

    private static final String CYCLE = "fe/2025-09-02";

    @TempDir
    Path temp;

    private Path workspace;
    private Path base;

    @BeforeEach
    void takeGovernanceOutOfTheProfile() throws IOException {
        workspace = CliRun.copyOf("fe-critical", temp.resolve("ws"));
        base = temp.resolve("base");
        WorkspaceCopies.copy(workspace.resolve("rulebook"), base);
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        String yaml = Files.readString(settings);
        String without = yaml.replace(", governance]", "]");
        assertThat(without).isNotEqualTo(yaml).doesNotContain("governance]");
        Files.writeString(settings, without);
    }

    @Test
    void aChangeThatStopsJudgingTheRulesIsShownUnblockingTheCycle() {
        CliRun gate = CliRun.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF");
        CliRun diff = CliRun.of("rules", "diff", "-w", workspace.toString(), "--base", base.toString());

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isZero();
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains(CYCLE + ": blocked today, passes after the change")
                .contains("  + warning not-run: ")
                .contains("runs the governance gate at no transition")
                .contains("  - error critical-approvals on FE-12")
                .doesNotContain("unchanged");
    }

    @Test
    void aProfileWithoutGovernanceOnBothSidesShowsTheCyclePassingAndNothingChanged() {
        CliRun diff = CliRun.of("rules", "diff", "-w", workspace.toString(), "--base",
                workspace.resolve("rulebook").toString());

        assertThat(diff.out()).contains(CYCLE + ": passes, unchanged").doesNotContain("  + ").doesNotContain("  - ");
    }
}
