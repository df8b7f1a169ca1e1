package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.Printable;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Paths in messages, shown as {@link Printable#path} shows them. */
class ShownTest {

    /**
     * msg43: where the file system's separator is the backslash, {@link Shown#path} wrote the one before {@code users}
     * as its escape, where {@link Printable#path} shows it as itself (msg41).
     */
    @Test
    void aWindowsPathsBackslashesAreItsSeparatorsShownAsThemselves() {
        assertThat(Shown.path("C:\\users\\x", "\\")).isEqualTo("C:\\users\\x");
        assertThat(Shown.path("C:\\users\\x\n", "\\")).isEqualTo("C:\\users\\x\\u000A");
    }

    /** fix43: a {@link File} is shown with its platform's separator, as a {@link Path} with its file system's. */
    @Test
    void aFileIsShownWithThePlatformsSeparator() {
        File file = new File("/tmp/a\\u000Ab\nc");

        assertThat(Shown.separatorOf(file)).isEqualTo(File.separator);
        assertThat(Shown.separatorOf("a\\b")).isNull();
        assertThat(Shown.path(file)).isEqualTo(Shown.path(file.getPath(), File.separator));
    }

    @Test
    void aPosixPathIsShownAsPrintableShowsIt() {
        Path named = Path.of("/tmp/a\\u000Ab\nc");

        assertThat(Shown.path(named)).isEqualTo(Printable.path(named)).isEqualTo("/tmp/a\\u005Cu000Ab\\u000Ac");
    }
}
