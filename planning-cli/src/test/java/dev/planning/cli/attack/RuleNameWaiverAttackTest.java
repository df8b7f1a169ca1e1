package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eighteenth review, through the command line on the {@code fe-critical} example (FE-12 is
 * critical with two of its three approvals). The decision log holds an honest waiver of the GDPR
 * data-handling rule on FE-12. The contributor renames {@code critical-approvals} (package
 * {@code critical}) {@code gdpr-data-handling}, the name of the compliance package's rule: both
 * compiled, and the one waiver, which names a rule by its name alone, waived the missing approval too,
 * so {@code planning gate} passed (exit 0). A rule's name is now one rule's in the whole rulebook.
 */
class RuleNameWaiverAttackTest {

    private static final String DECISIONS = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";

    @TempDir
    Path temp;

    private Path workspace;

    @BeforeEach
    void copyExampleWithAWaiverOfTheGdprRule() throws IOException {
        workspace = CliRun.copyOf("fe-critical", temp.resolve("fe-critical"));
        Files.writeString(workspace.resolve(DECISIONS), """
                waivers:
                  - rule: gdpr-data-handling
                    item: FE-12
                    reason: The data-handling note is written with the DPO next week.
                    approver: cto-gina
                    expires: 2099-12-31
                """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private CliRun gate() {
        return CliRun.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
    }

    @Test
    void theWaiverOfTheGdprRuleAloneLeavesTheMissingApprovalFailing() {
        CliRun run = gate();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("critical-approvals");
    }

    @Test
    void aCriticalRuleRenamedAfterTheWaivedRuleIsRefusedNotWaived() throws IOException {
        Path critical = workspace.resolve("rulebook/rules/critical.drl");
        String text = Files.readString(critical, StandardCharsets.UTF_8);
        assertThat(text).contains("rule \"critical-approvals\"");
        Files.writeString(critical, text.replace("rule \"critical-approvals\"", "rule \"gdpr-data-handling\""),
                StandardCharsets.UTF_8);

        CliRun run = gate();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        // Both places named alike, relative to the workspace, and the message says so (errors19: the first was
        // named relative to the rulebook, the second relative to the workspace).
        assertThat(run.err()).startsWith("error: rulebook/rules/critical.drl:9:1: ")
                .contains("rule 'gdpr-data-handling' is declared again (first at rulebook/rules/compliance.drl:32:1,"
                        + " both paths relative to the workspace)")
                .doesNotContain("Exception");
    }
}
