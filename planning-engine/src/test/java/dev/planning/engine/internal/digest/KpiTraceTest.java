package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fail36: a file the digest cites as a KPI's source (here the previous digest) that cannot be hashed was an
 * {@code UncheckedIOException}, an internal error saying only "cannot read ... to cite it": now the user's mistake
 * naming the file (exit 2), or the system's failure (exit 3), as every read of the workspace is judged.
 */
class KpiTraceTest {

    private static final String PREVIOUS = "frameworks/planning-fe/digests/2025-08-19-digest.md";
    private static final List<String> INPUTS = List.of(KpiInputCatalog.PREVIOUS + "tasks_total");

    @TempDir
    Path workspace;

    private static KpiTrace citing(Path root) {
        return new KpiTrace(root, "plan.yaml", Optional.empty(), "events.jsonl", "evt_1", Optional.empty(),
                OutcomeSet.empty(), Optional.of(PREVIOUS));
    }

    @Test
    void aFileCitedIsNamedWithTheFirstDigitsOfItsHash() throws Exception {
        Files.createDirectories(workspace.resolve(PREVIOUS).getParent());
        Files.writeString(workspace.resolve(PREVIOUS), "abc");

        // The SHA-256 of "abc" starts ba7816bf.
        assertThat(citing(workspace).files(INPUTS)).containsExactly(PREVIOUS + "@ba7816bf");
    }

    /** A directory where the file was (EISDIR), as any user: the user's, naming the file. */
    @Test
    void aFileCitedThatCannotBeReadForTheUsersCauseIsTheUsersMistakeNamingIt() throws Exception {
        Files.createDirectories(workspace.resolve(PREVIOUS));

        assertThatThrownBy(() -> citing(workspace).files(INPUTS)).isExactlyInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("cannot read " + PREVIOUS + " (")
                .hasMessageContaining("the digest cites it, with its hash, as a source of a KPI")
                .satisfies(e -> assertThat(((UnreadableInputException) e).location())
                        .contains(SourceLocation.ofFile(PREVIOUS)));
    }

    @Test
    void aFileCitedThatTheDiskFailsToReadIsTheSystemsFailure() throws Exception {
        Path previous = workspace.resolve(PREVIOUS);
        Files.createDirectories(previous.getParent());
        Files.writeString(previous, "abc");
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(previous);

        assertThatThrownBy(() -> citing(disk.path(workspace)).files(INPUTS))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read " + PREVIOUS + " (Input/output error): the digest cites it")
                .hasMessageContaining("the system failed, not the input");
    }
}
