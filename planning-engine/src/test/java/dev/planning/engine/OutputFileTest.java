package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * api26: the product's writer of the files it makes for the user has a type of its own, beside the entry point
 * rather than on it ({@code Planning.writeFile} before); {@code UnguardedWriteTest} holds what it does with a
 * killed write's temporaries and each failure's words.
 */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheFileWholeCreatingItsDirectoriesAndLeavingNoTemporary() throws Exception {
        Path file = dir.resolve("out/attestation.json");

        OutputFile.write(file, "{}\n".getBytes(StandardCharsets.UTF_8));
        OutputFile.write(file, "{ }\n".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("{ }\n");
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aPathTheUserCanFixIsAPlanningExceptionNamingIt() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file");
        Path file = blocker.resolve("attestation.json");

        PlanningException e = catchThrowableOfType(PlanningException.class,
                () -> OutputFile.write(file, new byte[0]));

        assertThat(e).isNotInstanceOf(SystemFailureException.class);
        assertThat(e.location().orElseThrow().file()).isEqualTo(file.toString());
    }

    @Test
    void refusesANullArgumentNamingIt() {
        assertThatThrownBy(() -> OutputFile.write(null, new byte[0])).isInstanceOf(NullPointerException.class)
                .hasMessage("file");
        assertThatThrownBy(() -> OutputFile.write(dir.resolve("x"), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("content");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
