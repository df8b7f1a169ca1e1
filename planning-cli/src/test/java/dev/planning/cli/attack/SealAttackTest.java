package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes of the seal: the verdict, the seal event, the prior chain and the sealed inputs. */
class SealAttackTest {

    @TempDir
    Path dir;

    @Test
    void untouchedSignedHandoffVerifies() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }
}
