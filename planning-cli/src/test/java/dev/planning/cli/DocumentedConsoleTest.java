package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What README.md and docs/ show a command printing is what it prints: every {@code $ } line of their
 * fenced blocks that runs {@code bin/planning} on an example of this repository (optionally after
 * {@code cp -r EXAMPLE /tmp/NAME &&}) is run on a copy of the example, and the lines shown under it
 * must be the command's output, line for line. A line {@code ...} stands for any number of lines,
 * {@code ...} within a line for any text, and an evidence file's time stamp for any time stamp. A
 * {@code $ } line that cannot be run that way (a synopsis, a workspace the text describes) must be
 * listed in {@link #NOT_RUN} with the reason.
 */
class DocumentedConsoleTest {

    /** The repository's directory (the CLI's tests run in planning-cli). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The {@code $ } lines that are not run, each with why. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "bin/store-servers", "starts servers and runs until Ctrl-C",
            "planning rules diff -w WORKSPACE --base origin/main [--head DIR] [--fail-on new|weakens] [--format text|json|markdown]",
            "a synopsis",
            "bin/planning rules test rulebook", "a rulebook with a System.exit the text describes",
            "PLANNING_JAVA_OPTS=-Dplanning.rules.mode=trusted bin/planning rules test rulebook",
            "prints nothing the text shows; LauncherTest covers the option",
            "bin/planning lint -w drlx", "a broken DRL the text describes; FeCriticalTest runs it",
            "bin/planning lint -w ws", "a mistyped tag the text describes");

    private static final Pattern COMMAND = Pattern.compile("(?:cp -r (\\S+) (\\S+) && )?bin/planning (.+)");
    private static final Pattern EVIDENCE_TIME = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");

    @TempDir
    Path dir;

    /** One {@code $ } line of a document and the lines its block shows under it. */
    record Excerpt(String document, int line, String command, List<String> output) {
        @Override
        public String toString() {
            return document + ":" + line + ": $ " + command;
        }
    }

    static Stream<Excerpt> excerpts() throws IOException {
        List<Excerpt> all = new ArrayList<>();
        for (Path document : DocumentedCommandsTest.documents().toList()) {
            all.addAll(excerpts(ROOT.relativize(document).toString(),
                    Files.readAllLines(document, StandardCharsets.UTF_8)));
        }
        return all.stream();
    }

    /** The {@code $ } lines of the fenced blocks of a document, each with the lines up to the next one. */
    static List<Excerpt> excerpts(String name, List<String> lines) {
        List<Excerpt> found = new ArrayList<>();
        boolean inBlock = false;
        Excerpt current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                current = close(current, found);
            } else if (inBlock && line.startsWith("$ ")) {
                current = close(current, found);
                current = new Excerpt(name, i + 1, line.substring(2), new ArrayList<>());
            } else if (current != null) {
                current.output().add(line);
            }
        }
        return found;
    }

    private static Excerpt close(Excerpt excerpt, List<Excerpt> found) {
        if (excerpt != null) {
            List<String> output = excerpt.output();
            while (!output.isEmpty() && output.get(output.size() - 1).isBlank()) {
                output.remove(output.size() - 1);
            }
            found.add(excerpt);
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("excerpts")
    void aDocumentedCommandPrintsWhatTheDocumentShows(Excerpt excerpt) {
        if (NOT_RUN.containsKey(excerpt.command())) {
            return;
        }
        Matcher command = COMMAND.matcher(excerpt.command());
        assertThat(command.matches()).as("%s: neither `bin/planning ...` on an example nor listed in NOT_RUN", excerpt)
                .isTrue();
        Map<String, String> copies = new HashMap<>();
        if (command.group(1) != null) {
            copies.put(command.group(2), copy(command.group(1)));
        }
        String[] args = Arrays.stream(command.group(3).split(" "))
                .map(arg -> copies.computeIfAbsent(arg, a -> a.startsWith("planning-examples/") ? copy(a) : a))
                .toArray(String[]::new);

        CliRun run = CliRun.of(args);

        List<String> actual = (run.out() + run.err()).lines().toList();
        assertThat(matches(excerpt.output(), actual))
                .as("%s shows%n%s%nbut the command printed%n%s", excerpt, String.join("\n", excerpt.output()),
                        String.join("\n", actual))
                .isTrue();
    }

    @Test
    void theReadmesAndTheWalkThroughsCommandsAreRun() throws IOException {
        List<String> run = excerpts().filter(e -> !NOT_RUN.containsKey(e.command())).map(Excerpt::toString).toList();
        assertThat(run).anyMatch(e -> e.startsWith("README.md:") && e.contains("lint -w planning-examples/workspaces/broken"))
                .anyMatch(e -> e.startsWith("README.md:") && e.contains("advance -w /tmp/fe "))
                .anyMatch(e -> e.startsWith("docs/rules.md:") && e.contains("advance -w /tmp/fe-critical "))
                .anyMatch(e -> e.startsWith("docs/gates.md:") && e.contains("multi-stream-broken"));
        assertThat(excerpts().map(Excerpt::command)).containsAll(NOT_RUN.keySet());
        List<String> unread = new ArrayList<>();
        for (Path document : DocumentedCommandsTest.documents().toList()) {
            unread.addAll(notRead(ROOT.relativize(document).toString(),
                    Files.readAllLines(document, StandardCharsets.UTF_8)));
        }
        assertThat(unread).as("$ lines this test does not read (outside a ``` fence at the line's start)").isEmpty();
    }

    /**
     * A {@code $ } line in a fence the reader does not know (indented, {@code ~~~}) or outside any fence
     * would be left unrun, the output shown under it untested: each is named.
     */
    @Test
    void aDollarLineTheReaderDoesNotTakeIsNamedNotLeftUnrun() {
        List<String> lines = List.of("```console", "$ bin/planning a", "```", "~~~console", "$ bin/planning b", "~~~",
                "- a step:", "  ```console", "  $ bin/planning c", "  ```", "$ bin/planning d");

        assertThat(notRead("x.md", lines)).containsExactly("x.md:5: $ bin/planning b", "x.md:9: $ bin/planning c",
                "x.md:11: $ bin/planning d");
    }

    /** The lines of a document that read as a {@code $ } command but are no excerpt {@link #excerpts} finds. */
    static List<String> notRead(String name, List<String> lines) {
        List<Integer> read = excerpts(name, lines).stream().map(Excerpt::line).toList();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("$ ") && !read.contains(i + 1)) {
                found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return found;
    }

    @Test
    void aLineOfDotsStandsForAnyLinesAndDotsInALineForAnyText() {
        assertThat(matches(List.of("a", "...", "d"), List.of("a", "b", "c", "d"))).isTrue();
        assertThat(matches(List.of("a", "...", "d"), List.of("a", "d"))).isTrue();
        assertThat(matches(List.of("state: X (event evt_...)"), List.of("state: X (event evt_12-ab)"))).isTrue();
        assertThat(matches(List.of("at 20261203T202056.354Z-x"), List.of("at 20261205T081258.885Z-x"))).isTrue();
        assertThat(matches(List.of("a", "b"), List.of("a", "b", "c"))).as("a line the document leaves out").isFalse();
        assertThat(matches(List.of("a", "c"), List.of("a", "b"))).isFalse();
        assertThat(matches(List.of("a (x)"), List.of("a (y)"))).as("text is literal, not a pattern").isFalse();
        assertThat(matches(List.of("a ... c"), List.of("a b d"))).as("the text after the dots counts").isFalse();
        assertThat(matches(List.of("at 20261203T202056.354Z-x"), List.of("at 20261205T081258.885Z-y"))).isFalse();
    }

    @Test
    void findsEachDollarLineOfAFencedBlockWithTheLinesUnderIt() {
        List<Excerpt> found = excerpts("x.md", List.of("$ outside", "```console", "$ bin/planning a", "one", "",
                "$ bin/planning b", "two", "```", "text"));
        assertThat(found).extracting(Excerpt::command).containsExactly("bin/planning a", "bin/planning b");
        assertThat(found).extracting(Excerpt::output).containsExactly(List.of("one"), List.of("two"));
    }

    /** Whether {@code actual} is what {@code shown} shows: {@code ...} lines and in-line {@code ...} as wildcards. */
    static boolean matches(List<String> shown, List<String> actual) {
        boolean[][] memo = new boolean[shown.size() + 1][actual.size() + 1];
        boolean[][] known = new boolean[shown.size() + 1][actual.size() + 1];
        return matches(shown, 0, actual, 0, memo, known);
    }

    private static boolean matches(List<String> shown, int i, List<String> actual, int j, boolean[][] memo,
            boolean[][] known) {
        if (known[i][j]) {
            return memo[i][j];
        }
        boolean result;
        if (i == shown.size()) {
            result = j == actual.size();
        } else if (shown.get(i).strip().equals("...")) {
            result = matches(shown, i + 1, actual, j, memo, known)
                    || j < actual.size() && matches(shown, i, actual, j + 1, memo, known);
        } else {
            result = j < actual.size() && lineMatches(shown.get(i), actual.get(j))
                    && matches(shown, i + 1, actual, j + 1, memo, known);
        }
        known[i][j] = true;
        memo[i][j] = result;
        return result;
    }

    private static boolean lineMatches(String shown, String actual) {
        List<String> anyText = new ArrayList<>();
        for (String part : shown.split("\\.\\.\\.", -1)) {
            List<String> literal = Arrays.stream(EVIDENCE_TIME.split(part, -1)).map(Pattern::quote).toList();
            anyText.add(String.join(EVIDENCE_TIME.pattern(), literal));
        }
        return Pattern.compile(String.join(".*", anyText)).matcher(actual).matches();
    }

    private String copy(String example) {
        Path source = ROOT.resolve(example);
        assertThat(source).as("%s names no directory of this repository", example).isDirectory();
        return WorkspaceCopies.copy(source, dir.resolve("copy-" + dir.toFile().list().length)).toString();
    }
}
