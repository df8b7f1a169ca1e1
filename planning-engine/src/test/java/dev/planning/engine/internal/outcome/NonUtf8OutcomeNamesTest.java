package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parse25 (attack24's left-alone item): the walks of a cycle's outcome files kept Java's listed names, which
 * show a byte that is not UTF-8 as U+FFFD, so two such files showed alike and the evidence recorded, for such a
 * name, the hash of the file the text names. Such a name is now refused, as a rulebook file's is.
 */
class NonUtf8OutcomeNamesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final String PASSING = "<testsuite name=\"T\" tests=\"1\"><testcase classname=\"T\" name=\"a\"/></testsuite>\n";

    @TempDir
    Path workspace;

    /**
     * Writes {@code content} to {@code <outcomes>/junit/<prefix><byte>.xml}, the byte written raw by a shell's
     * {@code printf} (Java cannot make such a name). Fails rather than skips when the file is not made.
     */
    private void outcomeNamedWithByte(String prefix, String octal, String content) throws Exception {
        Path junit = Files.createDirectories(workspace.resolve(LAYOUT.outcomesDir(CYCLE) + "/junit"));
        long before;
        try (var names = Files.list(junit)) {
            before = names.count();
        }
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' \"$2\" > \"$0/$1$(printf '\\" + octal + "').xml\"",
                junit.toString(), prefix, content).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (var names = Files.list(junit)) {
            assertThat(names.count()).as("the file was made").isEqualTo(before + 1);
        }
    }

    @Test
    void twoOutcomeFilesWhoseNamesAreNotUtf8AreRefusedNotReadUnderOneName() throws Exception {
        outcomeNamedWithByte("0123456789ab-TEST-", "377", PASSING);
        outcomeNamedWithByte("0123456789ab-TEST-", "376", PASSING);

        OutcomeSnapshot snapshot = OutcomeSnapshot.read(workspace, LAYOUT.outcomesDir(CYCLE));

        assertThat(snapshot.files()).isEmpty();
        assertThat(snapshot.unreadable()).isNotEmpty().allSatisfy((path, e) ->
                assertThat(e.getMessage()).contains("the stored outcome's name is not UTF-8 text", "rename it"));
    }

    @Test
    void theEvidenceRefusesAnOutcomeFileWhoseNameIsNotUtf8NotHashingTheFileItsTextNames() throws Exception {
        outcomeNamedWithByte("0123456789ab-TEST-x", "377", PASSING);
        // The name Java lists the file by: written with U+FFFD, another file, which the evidence hashed instead.
        // (U+FFFD's UTF-8 bytes, written by the shell too: under LC_ALL=C Java cannot name it.)
        outcomeNamedWithByte("0123456789ab-TEST-x", "357\\277\\275", "other");

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () ->
                new EvidenceInputs(workspace, LAYOUT).digests(CYCLE, "parity_coverage", true, Optional.empty()));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("the outcome file's name is not UTF-8 text", "rename it");
        assertThat(refused.location()).hasValueSatisfying(l -> assertThat(l.file())
                .startsWith(LAYOUT.outcomesDir(CYCLE) + "/junit/0123456789ab-TEST-x"));
    }
}
