package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seventeenth review, through the command line on the {@code fe-critical} example (FE-12 is
 * critical with two of its three approvals): a rulebook file the loader did not read, under a name a
 * reader takes for part of the rulebook, made {@code planning gate} pass (exit 0). The rulebook was
 * hashed with that file in it, so every record named the policy the reader saw, not the one that ran.
 */
class RulebookEntriesAttackTest {

    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path temp;

    private Path workspace;

    @BeforeEach
    void copyExample() {
        workspace = CliRun.copyOf("fe-critical", temp.resolve("fe-critical"));
    }

    private CliRun gate() {
        return CliRun.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
    }

    /** {@code rules/critical.DRL}: listed, hashed and read by a reviewer, never compiled (only {@code *.drl} were). */
    @Test
    void aRuleFileWhoseNameDoesNotEndInDrlIsRefusedNotLeftUncompiled() throws IOException {
        Path rules = workspace.resolve("rulebook/rules");
        Files.move(rules.resolve("critical.drl"), rules.resolve("critical.DRL"));

        CliRun run = gate();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("rulebook/rules/critical.DRL").contains("not a rule file")
                .contains("rules/*.drl");
    }

    /**
     * {@code rulebook.yml} beside the rules: the loader read only {@code rulebook.yaml}, so the rulebook
     * was "policies alone" (no required tags, no signing policy, the default profile). FE-12 without its
     * criticality tag was then no critical item, where the settings a reader sees require the tag and
     * count a missing one as criticality 0.
     */
    @Test
    void settingsUnderAnotherNameAreRefusedNotReadAsAPolicyOnlyRulebook() throws IOException {
        Path rulebook = workspace.resolve("rulebook");
        Files.move(rulebook.resolve("rulebook.yaml"), rulebook.resolve("rulebook.yml"));
        Path plan = workspace.resolve(TASKS);
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        String tags = "tags: {criticality: 0, compliance: gdpr, data_classification: restricted}";
        assertThat(text).contains(tags);
        Files.writeString(plan, text.replace(tags, "tags: {compliance: gdpr, data_classification: restricted}"),
                StandardCharsets.UTF_8);

        CliRun run = gate();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("rulebook/rulebook.yml").contains("rulebook.yaml");
    }

    /** A rule file beside {@code rules/} (at the rulebook's top) was never compiled either. */
    @Test
    void aRuleFileOutsideTheRulesDirectoryIsRefused() throws IOException {
        Path rulebook = workspace.resolve("rulebook");
        Files.move(rulebook.resolve("rules/critical.drl"), rulebook.resolve("critical.drl"));

        CliRun run = gate();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("rulebook/critical.drl");
    }
}
