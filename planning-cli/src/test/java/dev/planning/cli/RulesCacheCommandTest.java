package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.rules.CompiledRulebooks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code planning rules cache [--clear]}: shows the cache directory's usage and bound, and clears only the cache's files. */
class RulesCacheCommandTest {

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> environment, boolean clear) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RulesCommand.Cache.run(environment, clear, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** A cache directory holding two files of the cache's own shape (5 and 7 bytes) and a note of the user's. */
    private Path cache() throws IOException {
        Path cache = Files.createDirectory(temp.resolve("cache"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        for (String name : new String[] {"a".repeat(64) + ".lint", "b".repeat(64) + ".bin"}) {
            Path file = Files.write(cache.resolve(name), new byte[name.endsWith(".lint") ? 5 : 7]);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(cache.resolve("README"), "mine");
        return cache;
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void showsTheDirectoryWhatTheCacheHoldsThereAndItsBound() throws IOException {
        Path cache = cache();

        Run shown = run(Map.of("PLANNING_CACHE_DIR", cache.toString(), "PLANNING_CACHE_MAX_FILES", "50"), false);

        assertThat(shown.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out()).isEqualTo("directory " + cache + "\nholds 2 files, 12 bytes\nbound 50 files, "
                + (256L << 20) + " bytes\n");
        assertThat(count(cache)).isEqualTo(3);
    }

    @Test
    void clearDeletesTheCachesFilesAndLeavesEverythingElse() throws IOException {
        Path cache = cache();

        Run cleared = run(Map.of("PLANNING_CACHE_DIR", cache.toString()), true);

        assertThat(cleared.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(cleared.out()).contains("deleted 2 files, 12 bytes");
        assertThat(cache.resolve("README")).hasContent("mine");
        assertThat(count(cache)).isEqualTo(1);
        assertThat(CompiledRulebooks.cacheUsage(Map.of("PLANNING_CACHE_DIR", cache.toString())).orElseThrow().files())
                .isZero();
    }

    @Test
    void aDirectoryOthersMayReadIsRefusedWithoutAStackTraceAndNothingIsDeleted() throws IOException {
        Path cache = cache();
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run refused = run(Map.of("PLANNING_CACHE_DIR", cache.toString()), true);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).startsWith("planning: the cache directory is not usable: ").doesNotContain("\tat ");
        assertThat(count(cache)).isEqualTo(3);
    }

    @Test
    void showingADirectoryOthersMayReadIsRefusedToo() throws IOException {
        Path cache = cache();
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run refused = run(Map.of("PLANNING_CACHE_DIR", cache.toString()), false);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).startsWith("planning: the cache directory is not usable: ").doesNotContain("\tat ");
        assertThat(refused.out()).isEmpty();
    }

    /** msg44: the library's refusal repeated the directory raw, so a name with a line break made two lines. */
    @Test
    void aRefusedDirectoryIsNamedOnOneLineWithWhyInWords() throws IOException {
        Path cache = Files.createDirectory(temp.resolve("ca\nche"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThatThrownBy(() -> CompiledRulebooks.cacheUsage(Map.of("PLANNING_CACHE_DIR", cache.toString())))
                .isInstanceOf(UncheckedIOException.class).hasMessage(temp + "/ca\\u000Ache: not a private cache"
                        + " directory (a link, another user's, or open to others)");
    }

    /**
     * msg44: the command quoted the library's message again, which quotes the directory already: a name holding the
     * six characters {@code \u005Cu0041} would show its escape escaped twice.
     */
    @Test
    void theCommandShowsTheDirectoryQuotedOnce() throws IOException {
        Path cache = Files.createDirectory(temp.resolve("c\\u0041che"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        Run refused = run(Map.of("PLANNING_CACHE_DIR", cache.toString()), false);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err().lines()).singleElement().isEqualTo("planning: the cache directory is not usable: "
                + temp + "/c\\u005Cu0041che: not a private cache directory (a link, another user's, or open to"
                + " others)");
    }

    @Test
    void withTheCacheTurnedOffThereIsNothingToShowOrClear() {
        Run off = run(Map.of("PLANNING_NO_CACHE", "1"), true);

        assertThat(off.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(off.out()).startsWith("no cache");
    }

    @Test
    void theCommandIsRegisteredUnderRules() {
        CliRun help = CliRun.of("rules", "cache", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--clear");
    }
}
