package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit25: a file no lock guards (an {@code --out} file, the Maven plugin's reports, the demo's files) is written
 * by the one atomic writer, and the temporaries that killed writes of it left an hour or more before (of its
 * form, or of the earlier one that those writers used and that nothing swept) go with the next write; a younger
 * one, which may be a write under way, and anything named otherwise, stay.
 */
class UnguardedWriteTest {

    @TempDir
    Path dir;

    private static Path aged(Path file, Duration age) throws Exception {
        Files.writeString(file, "left by a killed write");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private Stream<String> names() throws Exception {
        return Files.list(dir).map(p -> p.getFileName().toString()).sorted();
    }

    @Test
    void writesTheFileWholeUnderItsNameLeavingNoTemporary() throws Exception {
        Path file = dir.resolve("out/statement.json");

        AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("{}");
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aKilledWritesStaleTemporaryOfEitherFormGoesWithTheNextWrite() throws Exception {
        Path file = dir.resolve("statement.json");
        aged(dir.resolve(".statement.json~8123.tmp"), Duration.ofHours(2));
        aged(dir.resolve(".statement.json4417.tmp"), Duration.ofHours(2));

        AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8));

        try (Stream<String> names = names()) {
            assertThat(names).containsExactly("statement.json");
        }
    }

    @Test
    void aYoungTemporaryMayBeAWriteUnderWayAndStays() throws Exception {
        Path file = dir.resolve("statement.json");
        aged(dir.resolve(".statement.json~8123.tmp"), Duration.ofMinutes(1));

        AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8));

        try (Stream<String> names = names()) {
            assertThat(names).containsExactly(".statement.json~8123.tmp", "statement.json");
        }
    }

    @Test
    void anotherFilesTemporaryAndANearMissStay() throws Exception {
        Path file = dir.resolve("statement.json");
        aged(dir.resolve(".other.json~8123.tmp"), Duration.ofHours(2));
        aged(dir.resolve(".statement.json~08123.tmp"), Duration.ofHours(2));
        aged(dir.resolve(".statement.json~x.tmp"), Duration.ofHours(2));
        // The earlier form is ambiguous: statement.json7 is here, so this may be its temporary.
        Files.writeString(dir.resolve("statement.json7"), "another file");
        aged(dir.resolve(".statement.json7123.tmp"), Duration.ofHours(2));

        AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8));

        try (Stream<String> names = names()) {
            assertThat(names).containsExactly(".other.json~8123.tmp", ".statement.json7123.tmp",
                    ".statement.json~08123.tmp", ".statement.json~x.tmp", "statement.json", "statement.json7");
        }
    }

    @Test
    void aFileInTheWayOfADirectoryIsTheUsersToFixNamedOnceWithoutThePathAsItsReason() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file");
        Path file = blocker.resolve("statement.json");

        PlanningException e = org.assertj.core.api.Assertions.catchThrowableOfType(PlanningException.class,
                () -> AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e).isNotInstanceOf(SystemFailureException.class);
        // review25: in words, naming what is in the way, never the exception's class (FileAlreadyExistsException).
        assertThat(e.getMessage()).isEqualTo("cannot write the file (" + blocker + " is not a directory)");
        assertThat(e.location().orElseThrow().file()).isEqualTo(file.toString());
    }

    @Test
    void aRelativePathsBlockerIsNamedAsThePathWasGiven() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file");
        Path file = Path.of("").toAbsolutePath().relativize(dir.resolve("blocker/deeper/statement.json"));

        PlanningException e = org.assertj.core.api.Assertions.catchThrowableOfType(PlanningException.class,
                () -> AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.getMessage()).isEqualTo("cannot write the file (" + file.getParent().getParent()
                + " is not a directory)");
        assertThat(e.location().orElseThrow().file()).isEqualTo(file.toString());
    }

    @Test
    void aDirectoryWhereTheFileGoesIsSaidInWords() throws Exception {
        Path file = dir.resolve("statement.json");
        Files.writeString(Files.createDirectories(file).resolve("inside"), "keeps the directory from being replaced");

        PlanningException e = org.assertj.core.api.Assertions.catchThrowableOfType(PlanningException.class,
                () -> AtomicFiles.writeUnguarded(file, "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e).isNotInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).isEqualTo("cannot write the file (it is a directory)");
    }

    /**
     * review25: a path with no file name (the root, as {@code attest --out /} gives it) is the user's mistake,
     * exit 2, named; it was a NullPointerException, the command line's "internal error" (exit 3).
     */
    @Test
    void thePathOfNoFileIsRefusedAsTheUsersMistake() {
        PlanningException e = org.assertj.core.api.Assertions.catchThrowableOfType(PlanningException.class,
                () -> AtomicFiles.writeUnguarded(Path.of("/"), "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e).isNotNull().isNotInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).isEqualTo("cannot write the file (it names no file: a directory path with no"
                + " file name in it)");
        assertThat(e.location().orElseThrow().file()).isEqualTo("/");
    }
}
