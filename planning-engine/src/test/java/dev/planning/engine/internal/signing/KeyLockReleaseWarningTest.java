package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.SignatureAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warning of a key installed whose trust file's lock failed afterwards says why as it was said. */
class KeyLockReleaseWarningTest {

    @TempDir
    Path dir;

    /**
     * msg43: a failure of this project's own, whose message quotes its values already, was quoted again after its
     * class's name, so a line feed's escape in it showed as the escape of a backslash.
     */
    @Test
    void aFailureOfThisProjectAfterTheKeyIsInstalledIsShownAsItWasSaid() {
        String said = "cannot release the lock on " + Printable.line("lock\nfile");

        GeneratedKey key = KeyFiles.generateHolding("PM", SignatureAlgorithm.ED25519, dir,
                dir.resolve(KeyFiles.TRUST_FILE), Crypto.generate(SignatureAlgorithm.ED25519), (trust, body) -> {
                    try {
                        body.run();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    throw new PlanningException(said);
                });

        assertThat(key.warnings()).singleElement().asString()
                .contains("could not be released afterwards (cannot release the lock on lock\\u000Afile);");
    }
}
