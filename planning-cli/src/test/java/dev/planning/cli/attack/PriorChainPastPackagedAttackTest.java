package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nineteenth review (attack19): the {@code prior_manifest_id} chain past {@code EXECUTED}. A later
 * cycle's handoff names the earlier one as its prior; both were sealed and signed, the later one
 * moved to {@code EXECUTED}. A contributor without a key then rewrites the earlier handoff (its plan,
 * and the plan's checksum in its manifest) and commits. {@code verify} of the later cycle refused it
 * ({@code PRIOR_MANIFEST}), but {@code status} showed the later cycle {@code EXECUTED} with exit 0
 * and its next moves were taken: the check past {@code PACKAGED} left the chain to {@code verify}.
 */
@Tag("slow")
@Tag("attack")
class PriorChainPastPackagedAttackTest {

    private static final Pattern MANIFEST_ID = Pattern.compile("(?m)^manifest_id: \"([^\"]+)\"$");

    @TempDir
    Path dir;

    @Test
    void aPriorHandoffRewrittenAfterTheLaterCycleWasExecutedStopsItsStatusAndItsNextMove() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        String prior = priorId(ws);
        laterCycleExecutedWithPrior(ws, prior);
        assertThat(later(ws, "status", "--trust", ws.trust()).exitCode()).isZero();

        rewriteThePriorHandoff(ws);

        CliRun verify = later(ws, "verify", "--trust", ws.trust());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("PRIOR_MANIFEST", "prior manifest " + prior);

        CliRun status = later(ws, "status", "--trust", ws.trust());
        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "PRIOR_MANIFEST", "prior manifest " + prior);

        AttackWorkspace.Snapshot before = ws.snapshot();
        CliRun advance = later(ws, "advance", "--to", "VALIDATED", "--trust", ws.trust());
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(1);
        assertThat(advance.out() + advance.err()).contains("may not move from EXECUTED to VALIDATED",
                "PRIOR_MANIFEST", "prior manifest " + prior);
        assertThat(before.changes(ws.snapshot())).as("a refused move writes nothing").isEmpty();
    }

    @Test
    void anUntouchedChainStillMovesOn() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        laterCycleExecutedWithPrior(ws, priorId(ws));

        CliRun status = later(ws, "status", "--trust", ws.trust());
        CliRun advance = later(ws, "advance", "--to", "VALIDATED", "--trust", ws.trust());

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
    }

    private static String priorId(AttackWorkspace ws) {
        Matcher id = MANIFEST_ID.matcher(ws.read(AttackWorkspace.MANIFEST));
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    /** The team's next cycle ({@link AttackWorkspace#laterCycleExecuted}), outcomes imported. */
    private static void laterCycleExecutedWithPrior(AttackWorkspace ws, String prior) throws Exception {
        ws.laterCycleExecuted(prior);
        Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath();
        ws.ok(ws.laterArgs("import", outcomes.resolve("TEST-dev.shop.CheckoutTest.xml").toString(),
                outcomes.resolve("lcov.info").toString(), outcomes.resolve("axe-checkout.json").toString(),
                dev.planning.cli.CycleScript.afterNow(outcomes.resolve("deployments.yaml"), ws.root()).toString()));
        ws.commit("executed");
    }

    /** The contributor's edit: the earlier cycle's plan changed, and its checksum in that manifest to match. */
    private static void rewriteThePriorHandoff(AttackWorkspace ws) throws Exception {
        String before = Sha256.hex(Files.readAllBytes(ws.path(AttackWorkspace.TASKS)));
        ws.edit(AttackWorkspace.TASKS, s -> s.replaceFirst("title: ", "title: Rewritten "));
        byte[] after = Files.readAllBytes(ws.path(AttackWorkspace.TASKS));
        String manifest = ws.read(AttackWorkspace.MANIFEST);
        int at = manifest.indexOf(before);
        assertThat(at).as("the prior manifest seals the plan").isPositive();
        String rewritten = manifest.replace(before, Sha256.hex(after)).replaceFirst(
                "(" + Sha256.hex(after) + "\"\\n\\s*bytes: )\\d+", "$1" + after.length);
        ws.write(AttackWorkspace.MANIFEST, rewritten);
        ws.commit("rewrite the earlier handoff");
        assertThat(new String(Files.readAllBytes(ws.path(AttackWorkspace.MANIFEST)), StandardCharsets.UTF_8))
                .contains(Sha256.hex(after));
    }

    private static CliRun later(AttackWorkspace ws, String command, String... more) {
        return ws.run(ws.laterArgs(command, more));
    }
}
