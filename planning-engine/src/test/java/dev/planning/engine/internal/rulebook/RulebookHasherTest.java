package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class RulebookHasherTest {

    @TempDir
    Path dir;

    private void rulebook() throws IOException {
        rulebook(dir);
    }

    private static void rulebook(Path root) throws IOException {
        Files.createDirectories(root.resolve("rules"));
        Files.createDirectories(root.resolve("tests"));
        Files.writeString(root.resolve("rulebook.yaml"), "version: \"1\"\n");
        Files.writeString(root.resolve("rules/b.drl"), "package x;\n");
        Files.writeString(root.resolve("rules/a-b.drl"), "package y;\n");
        Files.writeString(root.resolve("rules/Z.drl"), "package z;\n");
        Files.writeString(root.resolve("tests/t.yaml"), "name: é\n", StandardCharsets.UTF_8);
    }

    /**
     * Creates {@code rules/<0xFF>x.drl}: a name that is not UTF-8. Java cannot name it (it decodes file
     * names in {@code sun.jnu.encoding} and writes U+FFFD for the byte, which encodes back as three other
     * bytes; under {@code LC_ALL=C} it refuses non-ASCII names), so a shell's {@code printf} makes it
     * from the raw byte. Fails rather than skips when the file system would not take the name.
     */
    private void ruleNamedWithAByteThatIsNotUtf8() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Process p = new ProcessBuilder("sh", "-c", "printf 'package x;\\n' > \"$0/rules/$(printf '\\377')x.drl\"",
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (var names = Files.list(dir.resolve("rules"))) {
            assertThat(names.count()).as("the file was made").isEqualTo(1);
        }
    }

    /**
     * parse24: a rulebook file whose name holds a byte that is not UTF-8 was listed as U+FFFD, and that
     * text names another file: under a UTF-8 locale "cannot read rulebook file" with only the absolute
     * path as the reason, under {@code LC_ALL=C} an {@code InvalidPathException} (an internal error,
     * exit 3). Either way the hash could not be the documented recipe's, which hashes the bytes. It is
     * now refused by name, a mistake of the input (exit 2).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFileNameThatIsNotUtf8IsRefusedAsSuchInAnyLocale() throws Exception {
        ruleNamedWithAByteThatIsNotUtf8();

        assertThatThrownBy(() -> RulebookHasher.read(dir, "rulebook"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rulebook file name ").hasMessageContaining(" is not UTF-8 text this process can name")
                .hasMessageContaining("rules/")
                .hasMessageContaining("rename it");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void matchesTheDocumentedCoreutilsRecipe() throws Exception {
        rulebook();
        Process p = new ProcessBuilder("bash", "-c",
                "(cd \"$0\" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum",
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        assertThat(RulebookHasher.hash(dir)).isEqualTo(out.substring(0, 64));
    }

    @Test
    void changesWhenAnyByteOfAnyFileChanges() throws IOException {
        rulebook();
        String before = RulebookHasher.hash(dir);
        Files.writeString(dir.resolve("rules/b.drl"), "package x; \n");
        assertThat(RulebookHasher.hash(dir)).isNotEqualTo(before);
    }

    @Test
    void changesWhenAFileIsRenamed() throws IOException {
        rulebook();
        String before = RulebookHasher.hash(dir);
        Files.move(dir.resolve("rules/b.drl"), dir.resolve("rules/c.drl"));
        assertThat(RulebookHasher.hash(dir)).isNotEqualTo(before);
    }

    @Test
    void refusesSymbolicLinks() throws IOException {
        rulebook();
        Files.createSymbolicLink(dir.resolve("rules/link.drl"), dir.resolve("rules/b.drl"));
        assertThatThrownBy(() -> RulebookHasher.hash(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link")
                .hasMessageContaining("./rules/link.drl");
    }

    /**
     * claims35: README says a file name holding a backslash or a line break is refused (sha256sum would escape it,
     * so the recipe and the tool would disagree); no test showed it. The refusal names the file as it is: it named
     * {@code ./rules/a\b.drl} as {@code ./rules/a/b.drl}, a file that does not exist.
     */
    @Test
    void refusesAFileNameHoldingABackslashNamingItAsItIs() throws IOException {
        rulebook();
        Files.writeString(dir.resolve("rules/a\\b.drl"), "package w;\n");

        assertThatThrownBy(() -> RulebookHasher.hash(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage("rulebook file name contains a line break or backslash: ./rules/a\\b.drl");
    }

    /** fix43: a backslash in a directory's name under the rulebook is refused as one in a file's name is. */
    @Test
    void refusesADirectoryNameUnderTheRulebookHoldingABackslash() throws IOException {
        rulebook();
        Files.createDirectories(dir.resolve("rules/a\\b"));
        Files.writeString(dir.resolve("rules/a\\b/c.drl"), "package w;\n");

        assertThatThrownBy(() -> RulebookHasher.hash(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("rulebook file name contains a line break or backslash: ./rules/a\\b");
    }

    /**
     * msg43: the backslash was looked for in the whole path, so a rulebook under a directory named {@code a\b} (a
     * legal name on Linux) was refused whatever its files were called; only the names under the rulebook are hashed.
     */
    @Test
    void aBackslashInADirectoryAboveTheRulebookIsNoPartOfItsFileNames() throws IOException {
        Path plain = dir.resolve("ab").resolve("rulebook");
        Path under = dir.resolve("a\\b").resolve("rulebook");
        rulebook(plain);
        rulebook(under);

        assertThat(RulebookHasher.hash(under)).isEqualTo(RulebookHasher.hash(plain));
    }

    /**
     * msg44: the rulebook's directory was shown with every backslash read as a separator, so on Linux one under a
     * directory named {@code a\b} was named as under {@code a/b}, another directory.
     */
    @Test
    void aRulebookUnderADirectoryNamedWithABackslashIsNamedAsItIs() {
        Path gone = dir.resolve("a\\b").resolve("gone");
        String named = dir + "/a\\b/gone";

        assertThatThrownBy(() -> RulebookHasher.read(gone)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.getMessage()).startsWith("cannot list rulebook directory " + named + " (");
            assertThat(e.location()).map(SourceLocation::file).contains(named);
        });
        assertThatThrownBy(() -> RulebookHasher.listFiles(gone)).hasMessageStartingWith(
                "cannot list rulebook directory " + named + " (");
    }

    /** msg44: a link named {@code a\b.drl} was refused as {@code ./rules/a/b.drl}, a file that is not there. */
    @Test
    void aSymbolicLinkNamedWithABackslashIsNamedAsItIs() throws IOException {
        rulebook();
        Files.createSymbolicLink(dir.resolve("rules/a\\b.drl"), dir.resolve("rules/b.drl"));

        assertThatThrownBy(() -> RulebookHasher.hash(dir)).hasMessage(
                "rulebook contains a symbolic link, which is not allowed: ./rules/a\\b.drl");
    }

    /** msg44: a directory too deep named {@code d\e} was located at {@code .../d/e}, a directory that is not there. */
    @Test
    void aDirectoryTooDeepNamedWithABackslashIsLocatedAsItIs() throws IOException {
        rulebook();
        Path deep = Files.createDirectories(nested(RulebookHasher.MAX_DEPTH - 1).resolve("d\\e"));
        Files.writeString(deep.resolve("hidden.drl"), "package h;\n");
        String relative = "rules" + "/d".repeat(RulebookHasher.MAX_DEPTH - 2) + "/d\\e";

        assertThatThrownBy(() -> RulebookHasher.read(dir, "rulebook")).isInstanceOfSatisfying(
                InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("levels deep at ./" + relative + ";");
                    assertThat(e.location()).map(SourceLocation::file).contains("rulebook/" + relative);
                });
    }

    /**
     * msg44: an entry the walk could not read is named as it is ({@code rules/a\b}, not {@code rules/a/b}), and why in
     * words ({@code Shown.reason}), where an exception giving no reason was named by its class.
     */
    @Test
    void anEntryTheWalkCannotReadIsNamedAsItIsWithItsReasonInWords() {
        InvalidInputException refused = RulebookHasher.cannotList(dir, "rulebook",
                new FileSystemLoopException(dir.resolve("rules").resolve("a\\b").toString()));

        assertThat(refused).hasMessageStartingWith("cannot list rulebook directory rulebook: cannot read"
                + " rulebook/rules/a\\b (symbolic links that loop); expected a readable directory");
        assertThat(refused.location()).map(SourceLocation::file).contains("rulebook/rules/a\\b");
    }

    @Test
    void refusesAFileNameHoldingALineBreakNamingItOnOneLine() throws IOException {
        rulebook();
        Files.writeString(dir.resolve("rules/a\nb.drl"), "package w;\n");

        assertThatThrownBy(() -> RulebookHasher.hash(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessage("rulebook file name contains a line break or backslash: ./rules/a\\u000Ab.drl");
    }

    /**
     * A rulebook directory committed as a link (to the machine's root, say) is refused before anything
     * under it is listed or read (attack24): the files hashed are never the target's.
     */
    @Test
    void refusesARulebookDirectoryThatIsItselfALinkWithoutListingItsTarget() throws IOException {
        rulebook();
        Path linked = Files.createDirectories(dir.resolve("ws")).resolve("rulebook");
        Files.createSymbolicLink(linked, dir);
        assertThatThrownBy(() -> RulebookHasher.hash(linked))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link")
                .hasMessageNotContaining("rulebook.yaml")
                .hasMessageNotContaining("b.drl");
    }

    @Test
    void aDirectoryItCannotListIsBadInputLocatedAtThatDirectory() {
        Path gone = dir.resolve("gone");
        assertThatThrownBy(() -> RulebookHasher.read(gone))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.location()).map(SourceLocation::file).contains(gone.toString());
                    assertThat(e.getMessage()).contains("cannot list rulebook directory " + gone)
                            .contains("expected a readable directory");
                });
    }

    @Test
    void aDirectoryDeeperThanTheWalkIsRefusedNotLeftOutOfTheHash() throws IOException {
        rulebook();
        Path deep = nested(RulebookHasher.MAX_DEPTH);
        Files.writeString(deep.resolve("hidden.drl"), "package h;\n");
        String refused = deep.toString();
        assertThatThrownBy(() -> RulebookHasher.hash(dir))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("more than " + RulebookHasher.MAX_DEPTH + " levels deep");
                    assertThat(e.location()).map(SourceLocation::file).contains(refused);
                });
    }

    /**
     * Located as the rulebook is shown (relative to the workspace, or as the user gave it), never by its
     * absolute path: the error line names the user's own home directory otherwise (review17).
     */
    @Test
    void aDirectoryDeeperThanTheWalkIsLocatedAsTheRulebookIsShown() throws IOException {
        rulebook();
        Path deep = nested(RulebookHasher.MAX_DEPTH);
        Files.writeString(deep.resolve("hidden.drl"), "package h;\n");
        assertThatThrownBy(() -> RulebookHasher.read(dir, "rulebook"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.location())
                        .map(SourceLocation::file).contains("rulebook/" + dir.relativize(deep).toString()));
    }

    @Test
    void filesJustAboveTheDepthLimitAreHashed() throws IOException {
        rulebook();
        Path deep = nested(RulebookHasher.MAX_DEPTH - 1);
        String before = RulebookHasher.hash(dir);
        Files.writeString(deep.resolve("kept.drl"), "package k;\n");
        assertThat(RulebookHasher.hash(dir)).isNotEqualTo(before);
    }

    /** A directory {@code depth} levels below the rulebook's root ({@code rules/d/d/...}), created. */
    private Path nested(int depth) throws IOException {
        Path deep = dir.resolve("rules");
        for (int level = 1; level < depth; level++) {
            deep = deep.resolve("d");
        }
        return Files.createDirectories(deep);
    }
}
