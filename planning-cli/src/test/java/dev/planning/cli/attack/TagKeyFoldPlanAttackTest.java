package dev.planning.cli.attack;

import static dev.planning.cli.attack.HygieneAttackFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag keys spelt so that {@code equalsIgnoreCase} and the taxonomy's fold read them differently (trust39),
 * written into a plan by a contributor without keys: the frontend example's GDPR task FE-12 without its data
 * handling note. The task breakdown's schema allows ASCII tag keys only, on which every fold agrees, so the
 * plan is refused before any check reads the key; the same keys built in code are judged as {@code compliance}
 * ({@code TagKeyFoldAttackTest} in planning-rules).
 */
@Tag("slow")
@Tag("attack")
class TagKeyFoldPlanAttackTest {

    private static final String FE12_TAGS = "tags: {criticality: 0, compliance: gdpr, data_classification: restricted}";
    private static final String FE12_NOTE = "      data_handling_note: No card data is stored; only the PSP token is kept.\n";

    @TempDir
    Path dir;

    /** The key {@code compliance} followed by an EM SPACE (U+2003), which the reader's trim keeps. */
    @Test
    void aComplianceKeyWithATrailingUnicodeBlankIsRefusedByTheSchema() {
        assertRefused(FE12_TAGS.replace("compliance: gdpr", "\"compliance\u2003\": gdpr"));
    }

    /** A first key {@code complİance} (U+0130) saying {@code none} before the real {@code compliance: gdpr}. */
    @Test
    void aLookAlikeComplianceKeyWrittenFirstIsRefusedByTheSchema() {
        assertRefused(FE12_TAGS.replace("compliance: gdpr", "compl\u0130ance: none, compliance: gdpr"));
    }

    private void assertRefused(String tags) {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, tags)
                .edit(PLAN, FE12_NOTE, "")
                .commit("a look-alike compliance key");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.out()).contains(PLAN + ":53:28: error: task FE-12: `tags` has a key of the wrong form")
                .contains("[schema.pattern]").contains("[governance.no-plan]");
    }
}
