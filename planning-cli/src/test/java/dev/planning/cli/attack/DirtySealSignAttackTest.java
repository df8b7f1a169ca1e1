package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dirty24: attack24's omission through a dirty seal. A contributor without keys deletes the capacity model
 * from the work tree only, seals with {@code --allow-dirty} (the manifest leaves the model out and records
 * {@code dirty: true}), restores and commits the file. No commit holds such a sealed set, so nothing checks
 * it; the key holders' {@code sign} is refused unless they say {@code --allow-dirty}, and then it says dirty.
 */
@Tag("slow")
@Tag("attack")
class DirtySealSignAttackTest {

    @TempDir
    Path dir;

    /** The attack up to the key holders: sealed dirty without the capacity model, the model restored and committed. */
    private AttackWorkspace sealedDirtyWithoutTheCapacityModel() throws Exception {
        AttackWorkspace ws = AttackWorkspace.plannedOverCapacity(dir);
        String capacity = ws.read(AttackWorkspace.CAPACITY);
        Files.delete(ws.path(AttackWorkspace.CAPACITY));
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ws.ok(ws.cycleArgs("advance", "--to", "PACKAGED", "--allow-dirty"));
        ws.write(AttackWorkspace.CAPACITY, capacity);
        ws.commit("sealed");
        assertThat(ws.read(AttackWorkspace.MANIFEST)).contains("dirty: true").doesNotContain(AttackWorkspace.CAPACITY);
        return ws;
    }

    @Test
    void everyKeyHoldersSignOfTheDirtySealIsRefusedWritingNothing() throws Exception {
        AttackWorkspace ws = sealedDirtyWithoutTheCapacityModel();
        AttackWorkspace.Snapshot before = ws.snapshot();

        for (String role : new String[] {"PM", "TechLead", "QA"}) {
            CliRun sign = ws.sign(role);

            assertFailsNaming(sign, 2, AttackWorkspace.MANIFEST, "was sealed with --allow-dirty (dirty: true",
                    "cannot be checked against a commit", "--allow-dirty", "seal a new cycle from a clean commit");
            assertThat(sign.err().strip().lines()).as(sign.err()).hasSize(1);
        }
        assertThat(before.changes(ws.snapshot())).isEmpty();
        assertThat(ws.verify().out()).doesNotContain("signature(s) counted (");
    }

    @Test
    void withAllowDirtyTheSignatureIsAddedAndTheResultSaysTheManifestIsDirty() throws Exception {
        AttackWorkspace ws = sealedDirtyWithoutTheCapacityModel();

        CliRun sign = ws.sign("PM", "--allow-dirty");

        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isZero();
        assertThat(sign.out()).contains("signed ", "as PM", "dirty: the manifest was sealed with --allow-dirty (dirty: true",
                "not checked against one");
        assertThat(ws.read(AttackWorkspace.MANIFEST)).contains("role: \"PM\"");
    }

    @Test
    void theJsonResultOfSigningADirtySealSaysDirty() throws Exception {
        AttackWorkspace ws = sealedDirtyWithoutTheCapacityModel();

        CliRun sign = ws.sign("QA", "--allow-dirty", "--format", "json");

        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(sign.out());
        assertThat(json.get("dirty").isBoolean()).isTrue();
        assertThat(json.get("dirty").booleanValue()).isTrue();
        assertThat(json.get("role").textValue()).isEqualTo("QA");
    }

    @Test
    void aCleanSealIsSignedWithoutTheFlagAndItsResultSaysNotDirty() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);

        CliRun text = ws.sign("PM");
        CliRun json = ws.sign("QA", "--format", "json");

        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).doesNotContain("dirty");
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.out()).get("dirty").booleanValue()).isFalse();
    }
}
