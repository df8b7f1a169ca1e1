package dev.planning.engine.internal.scaffold;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What scaffolding says when the workspace cannot be made. */
class ScaffoldFailuresTest {

    @TempDir
    Path dir;

    /** msg43: the message was the exception's, the path again and the C library's "Not a directory" (which?). */
    @Test
    void aFileInTheWayOfTheWorkspaceIsNamedAsWhatIsNotADirectory() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Path workspace = blocker.resolve("ws");

        assertThatThrownBy(() -> Scaffold.write(workspace, workspace.resolve("rulebook"), new CycleRef("web",
                "2026-01-05"), WorkspaceLayout.DEFAULT, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                getClass().getClassLoader()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot create workspace " + workspace + ": " + blocker + " is not a directory; expected a"
                        + " directory there, or a place to create one");
    }
}
