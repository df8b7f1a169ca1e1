package dev.planning.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the hostile-input corpus through the CLI in-process, on a fresh copy of a
 * workspace: the exit code is one the case allows (2 for bad input, 1 where a check legitimately
 * fails), the error names the file or option at fault, nothing looks like a stack trace or an
 * internal error, no file is written or changed except where the command is documented to write,
 * and the command finishes within a generous bound (a hang would fail; speed is not asserted).
 */
@Tag("slow")
@Tag("hostile")
class HostileInputTest {

    private static final Duration BOUND = Duration.ofMinutes(5); // a hang guard: one command can take a minute on a loaded machine
    private static final Map<String, Integer> EXITS = new ConcurrentSkipListMap<>();

    /** Exit code per case, for the figures in docs/RELIABILITY.md. */
    @org.junit.jupiter.api.AfterAll
    static void writeResults() throws IOException {
        if (EXITS.isEmpty()) {
            return;
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/hostile-results.txt"),
                EXITS.entrySet().stream().map(e -> e.getValue() + "\t" + e.getKey()).toList());
    }

    static Stream<HostileCase> corpus() {
        return HostileCorpus.all();
    }

    @Test
    void theCorpusHoldsAtLeastTwoHundredCases() throws Exception {
        var names = corpus().map(HostileCase::name).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(200).doesNotHaveDuplicates();
        // The case list, numbered as the parameterized test numbers them, for docs/RELIABILITY.md.
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/hostile-corpus.txt"), IntStream.range(0, names.size())
                .mapToObj(i -> "[" + (i + 1) + "] " + names.get(i)).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputGetsAClearErrorAndWritesNothing(HostileCase hostile, @TempDir Path dir) throws Exception {
        Templates.copy(hostile.base(), dir);
        hostile.spoil().apply(dir);
        String[] args = hostile.args().apply(dir);
        TreeSnapshot before = TreeSnapshot.of(dir);

        CliRun run = assertTimeoutPreemptively(BOUND, () -> CliRun.of(args));

        EXITS.put(hostile.name(), run.exitCode());
        String printed = run.out() + run.err();
        String shown = String.join(" ", args).replace(dir.toString(), "<dir>") + "\n" + abbreviate(printed);
        assertThat(run.exitCode()).as(shown).isIn(hostile.exits());
        assertThat(run.printedStackTrace()).as(shown).isFalse();
        assertThat(printed).as(shown).doesNotContain("internal error").doesNotContain("Exception:");
        if (run.exitCode() == 2) {
            assertThat(Arrays.stream(hostile.mentions().toLowerCase().split("\\|")))
                    .as("the error names the file or option: " + shown).anyMatch(printed.toLowerCase()::contains);
            // One line; or, for a file with several errors, ErrorList's: a line ending "N errors:" and
            // one indented line per error, which are not counted (every error of a file is reported).
            List<String> lines = run.err().strip().lines().toList();
            boolean listed = lines.stream().anyMatch(line -> line.matches(".*: \\d+ errors:"));
            long counted = listed ? lines.stream().filter(line -> !line.matches("  \\S.*")).count() : lines.size();
            assertThat(counted).as("one-line error: " + shown).isLessThanOrEqualTo(3);
        } else if (run.exitCode() == 1) {
            assertThat(printed).as(shown).isNotBlank();
        }
        assertThat(before.changes(TreeSnapshot.of(dir)))
                .as("files written: " + shown)
                .allMatch(p -> hostile.mayWrite().stream().anyMatch(p::startsWith));
        removeLinks(dir);
    }

    /**
     * Removes the links a case made (one points at /etc/passwd) before JUnit deletes the temporary
     * directory: JUnit warns on the build log for every link there that points outside it.
     */
    private static void removeLinks(Path dir) throws IOException {
        List<Path> links;
        try (Stream<Path> walk = Files.walk(dir)) {
            links = walk.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) {
            Files.delete(link);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }
}
