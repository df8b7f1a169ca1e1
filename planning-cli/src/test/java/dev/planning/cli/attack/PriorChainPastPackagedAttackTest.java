package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private static final String LATER = "2025-09-16";
    private static final String LATER_TASKS = "frameworks/planning-fe/tasks/" + LATER + "-fe_task_breakdown.yaml";
    private static final String LATER_STORIES = "frameworks/planning-fe/storymaps/" + LATER + "-story_map.md";
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

    /** The team's next cycle: the same plan for 2025-09-16, sealed with --prior, signed, executed, outcomes imported. */
    private static void laterCycleExecutedWithPrior(AttackWorkspace ws, String prior) throws Exception {
        ws.write(LATER_TASKS, ws.read(AttackWorkspace.TASKS).replace(AttackWorkspace.CYCLE, LATER));
        ws.write(LATER_STORIES, ws.read("frameworks/planning-fe/storymaps/2025-09-02-story_map.md")
                .replace(AttackWorkspace.CYCLE, LATER));
        ws.commit("next cycle");
        ws.ok(args(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        ws.ok(args(ws, "seal", "--prior", prior));
        ws.commit("sealed");
        String manifest = ws.path("frameworks/planning-fe/manifests/" + LATER + "-handoff_manifest.yaml").toString();
        for (String role : List.of("PM", "TechLead", "QA")) {
            ws.ok("sign", manifest, "--role", role, "--key", ws.keys().resolve(role + ".key.pem").toString(),
                    "--trust", ws.trust());
        }
        ws.commit("signed");
        ws.ok(args(ws, "advance", "--to", "EXECUTED", "--trust", ws.trust()));
        Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath();
        ws.ok(args(ws, "import", outcomes.resolve("TEST-dev.shop.CheckoutTest.xml").toString(),
                outcomes.resolve("lcov.info").toString(), outcomes.resolve("axe-checkout.json").toString(),
                outcomes.resolve("deployments.yaml").toString()));
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

    private static String[] args(AttackWorkspace ws, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", ws.root().toString(), "--stream",
                AttackWorkspace.STREAM, "--cycle", LATER));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static CliRun later(AttackWorkspace ws, String command, String... more) {
        return ws.run(args(ws, command, more));
    }
}
