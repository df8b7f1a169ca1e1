package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.artifact.HandoffManifest;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The race of the read-once tests ({@link SignReadsOnceTest}, {@link AttestReadsOnceTest}): another
 * writer swapping a sealed manifest with a rewritten one while a command reads it.
 */
final class ManifestSwap {

    private ManifestSwap() {
    }

    /**
     * The sealed manifest with other notes, rendered canonically: only verification (its sealed
     * event, its hash) can tell it from the sealed one.
     */
    static byte[] rewritten(byte[] sealed, String notes) {
        HandoffManifest m = new ManifestReader(Path.of(".")).parse(sealed, MANIFEST).manifest();
        return ManifestWriter.render(new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(),
                m.sealed(), m.createdAt(), m.createdBy(), m.sealedAt(), m.snapshotRev(), m.dirty(), m.rulebookHash(),
                m.eventLogHead(), m.artifacts(), m.gateResults(), m.governance(), m.priorManifestId(),
                Optional.of(notes), m.signatures()));
    }

    /**
     * Runs {@code body} (within 5 minutes) while a second thread keeps writing {@code file}
     * atomically, {@code one} and {@code other} in turn; the writer is stopped before this returns.
     */
    static <T> T whileSwapping(Path file, byte[] one, byte[] other, ThrowingSupplier<T> body) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> swapper = pool.submit(() -> {
                for (long i = 0; !stop.get(); i++) {
                    try {
                        AtomicFiles.write(file, i % 2 == 0 ? one : other);
                    } catch (dev.planning.api.PlanningException swept) {
                        // This writer takes no lock, as an outside tool would not: seal and sign, which hold
                        // the manifest's lock, remove its temporary file as a killed write's (reliab21), and
                        // its rename fails, leaving the manifest whole. It writes again.
                    }
                }
                return null;
            });
            T result = assertTimeoutPreemptively(Duration.ofMinutes(5), body);
            stop.set(true);
            swapper.get();
            return result;
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
