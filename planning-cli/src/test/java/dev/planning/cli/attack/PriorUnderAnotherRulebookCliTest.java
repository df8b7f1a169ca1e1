package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chain20, from the command line: cycle 1 sealed and signed under the example's rulebook, the rulebook
 * honestly changed and committed, cycle 2 sealed naming cycle 1 as its prior, signed and executed under
 * the new rulebook. Cycle 1 is held to the signing policy of the rulebook it was sealed under, read from
 * git at its {@code snapshot_rev}: {@code verify} and {@code status} of cycle 2 pass (before, both refused
 * cycle 1 as "judged by another rulebook", and {@code sign} and the move to {@code EXECUTED} with them).
 * A contributor without keys who forges cycle 1 to name a rulebook of theirs asking no signature gains
 * nothing: the floor of one trusted signature still refuses it.
 */
@Tag("slow")
@Tag("attack")
class PriorUnderAnotherRulebookCliTest {

    private static final String SETTINGS = "rulebook/rulebook.yaml";
    private static final Pattern MANIFEST_ID = Pattern.compile("(?m)^manifest_id: \"([^\"]+)\"$");
    private static final Pattern RULEBOOK_HASH = Pattern.compile("(?m)^rulebook_hash: \"([0-9a-f]{64})\"$");
    private static final Pattern SNAPSHOT_REV = Pattern.compile("(?m)^snapshot_rev: \"([0-9a-f]{40})\"$");

    @TempDir
    Path dir;

    @Test
    void aLaterCycleUnderAnHonestlyChangedRulebookSignsMovesOnVerifiesAndShowsItsStatus() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        String prior = group(MANIFEST_ID, ws.read(AttackWorkspace.MANIFEST));
        changeTheRulebook(ws);

        laterCycleExecutedWithPrior(ws, prior);

        CliRun verify = later(ws, "verify", "--trust", ws.trust());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        CliRun status = later(ws, "status", "--trust", ws.trust());
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("EXECUTED").doesNotContain("UNSIGNED HISTORY");
    }

    @Test
    void aPriorForgedToNameAWeakRulebookTheContributorCommittedIsRefused() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        String manifest = ws.read(AttackWorkspace.MANIFEST);
        String prior = group(MANIFEST_ID, manifest);
        changeTheRulebook(ws);
        laterCycleExecutedWithPrior(ws, prior);

        // W: the rulebook with no signing policy at all, committed; then the rulebook in hand put back.
        String strong = ws.read(SETTINGS);
        ws.edit(SETTINGS, s -> s.replaceFirst("(?s)signing:\n  required:\n(    - \\{[^\n]*\n)+", ""));
        String weakRev = ws.commit("a weaker rulebook");
        String weakHash = RulebookHasher.hash(ws.path("rulebook"));
        ws.write(SETTINGS, strong);
        ws.commit("the rulebook back");
        int signatures = manifest.indexOf("\nsignatures:");
        assertThat(signatures).isPositive();
        ws.write(AttackWorkspace.MANIFEST, (manifest.substring(0, signatures + 1) + "signatures: []\n")
                .replace(group(RULEBOOK_HASH, manifest), weakHash).replace(group(SNAPSHOT_REV, manifest), weakRev));
        ws.commit("cycle 1 under W");

        CliRun verify = later(ws, "verify", "--trust", ws.trust());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("PRIOR_MANIFEST", "prior manifest " + prior, "a handoff needs at least one");
        CliRun status = later(ws, "status", "--trust", ws.trust());
        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "prior manifest " + prior);
    }

    /** The team's honest change: a comment in the settings (another rulebook hash), committed. */
    private static void changeTheRulebook(AttackWorkspace ws) {
        ws.edit(SETTINGS, s -> "# reviewed for the 2025-09-16 cycle\n" + s);
        ws.commit("rulebook B");
    }

    /** The team's next cycle ({@link AttackWorkspace#laterCycleExecuted}), committed. */
    private static void laterCycleExecutedWithPrior(AttackWorkspace ws, String prior) {
        ws.laterCycleExecuted(prior);
        ws.commit("executed");
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern.pattern()).isTrue();
        return m.group(1);
    }

    private static CliRun later(AttackWorkspace ws, String command, String... more) {
        return ws.run(ws.laterArgs(command, more));
    }
}
