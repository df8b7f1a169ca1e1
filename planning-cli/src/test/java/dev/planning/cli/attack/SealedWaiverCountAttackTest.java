package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack21: the seal event's {@code waivers} count, in a log the contributor commits (its chain
 * recomputed, no key needed), claimed a hundred thousand waivers the event does not hold. Every
 * {@code store expiring-waivers} over the workspace then listed a hundred thousand "no expiry" waivers
 * (two billion ran the command out of memory). A count past the details the event holds is unreadable:
 * one entry, listed as already expired.
 */
@Tag("slow")
@Tag("attack")
class SealedWaiverCountAttackTest {

    @TempDir
    Path dir;

    @Test
    void aSealEventClaimingMoreWaiversThanItHoldsIsListedOnceAsUnreadable() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        AttackWorkspace.rewriteLog(ws.path(AttackWorkspace.LOG), lines -> {
            lines.stream().filter(l -> l.at("/event/type").asText().equals("MANIFEST_SEALED"))
                    .forEach(l -> ((ObjectNode) l.at("/event/payload/metadata/details")).put("waivers", "100000"));
            return lines;
        });
        ws.commit("a seal event that claims many waivers");

        CliRun waivers = ws.run("store", "expiring-waivers", "-w", ws.root().toString(), "--until", "2099-01-01");

        assertThat(waivers.exitCode()).as(waivers.err()).isZero();
        assertThat(waivers.out().lines().filter(l -> l.contains("fe/2025-09-02"))).hasSize(1);
        assertThat(waivers.out()).contains("1 waiver(s) expire by 2099-01-01");
    }
}
