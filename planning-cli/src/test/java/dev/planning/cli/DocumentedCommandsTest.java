package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What README.md and the Markdown files under docs/ (docs/benchmarks/ included) tell users to type
 * exists: every {@code planning} command, subcommand, option and listed option value they show is in
 * the CLI's picocli model ({@link DocumentedCommands}),
 * and every {@code PLANNING_...} environment variable they name is read by the code or the launcher,
 * and every one the code reads is documented. Beside {@code DocumentationLinksTest}
 * (planning-examples-tests), which checks the documents' links.
 */
class DocumentedCommandsTest {

    /** The repository's directory (the CLI's tests run in planning-cli). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern VARIABLE = Pattern.compile("\\bPLANNING_[A-Z0-9_]+\\b");

    /**
     * Names that look like environment variables in the documents but are not: a value the
     * verification summary writes ({@code verifiedLevels}, docs/sealing.md).
     */
    private static final Set<String> NOT_VARIABLES = Set.of("PLANNING_HANDOFF_VALIDATED");

    /** The command line with every command and subcommand registered, as picocli reflects them. */
    static CommandLine planning() {
        CommandLine cli = new CommandLine(new PlanningCommand());
        for (String name : PlanningCommand.commandsFor(new String[0])) {
            cli.addSubcommand(name, PlanningCommand.commandClass(name));
        }
        CommandLine rules = cli.getSubcommands().get("rules");
        for (String name : RulesCommand.SUBCOMMANDS) {
            rules.addSubcommand(name, RulesCommand.subcommandClass(name));
        }
        return cli;
    }

    static Stream<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyCommandOptionAndValueADocumentShowsIsInTheCommandLine(Path document) {
        assertThat(new DocumentedCommands(planning(), ROOT).problems(document)).isEmpty();
    }

    @Test
    void theCommandLinesOfTheReadmeAreFound() {
        List<String> found = new DocumentedCommands(planning(), ROOT).mentions(ROOT.resolve("README.md")).stream()
                .map(DocumentedCommands.Mention::text).toList();
        assertThat(found).contains("bin/planning demo",
                "planning verify [-w DIR] (--stream S --cycle C \\| MANIFEST) [--trust FILE] [--checksums-only]",
                "planning store pending-signatures [--trust FILE] [--rulebook DIR] [--role R...]",
                "bin/planning lint -w planning-examples/workspaces/broken",
                "verify --checksums-only");
        assertThat(found.size()).isGreaterThan(40);
    }

    /**
     * {@code rules diff --fail-on} takes a string its converter checks, not an enum: its values are
     * checked in documents as an enum's are, through the values its option lists.
     */
    @Test
    void checksTheValuesShownForRulesDiffFailOn(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.md"), String.join("\n",
                "`planning rules diff --base origin/main --fail-on new`, `planning rules diff --base R [--fail-on new|none]`",
                "`planning rules diff --base origin/main --fail-on blocked`, `rules diff --base R --fail-on=any`",
                ""), StandardCharsets.UTF_8);

        assertThat(new DocumentedCommands(planning(), dir).problems(doc)).containsExactly(
                "doc.md:2: `planning rules diff --base origin/main --fail-on blocked`: planning rules diff --fail-on"
                        + " takes no value blocked (it takes new, weakens, none)",
                "doc.md:2: `rules diff --base R --fail-on=any`: planning rules diff --fail-on takes no value any"
                        + " (it takes new, weakens, none)");
    }

    @Test
    void findsAnUnknownCommandOptionAndValue(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.md"), String.join("\n",
                "Run `planning lint [-w DIR] [--stream S] [--format text|json]`, or `planning lint --strict`.",
                "| `planning keys generate --role R [--algorithm ed25519\\|dsa]` | keys |",
                "`planning frobnicate --now`, `planning rules hash DIR --format json`, `status --trust FILE --wide`",
                "`planning-cli`, `mvn verify -Dgroups=tamper`, `java -jar planning.jar --version`",
                "```bash",
                "$ bin/planning verify --stream fe --cycle c --trust t.yaml --checksum-only | head -3",
                "planning advance --to PACKAGED --allow-dirty   # --not-an-option in a comment",
                "mvn -B -ntp verify --also-make",
                "```",
                "`planning store relay --once` and `planning store relay --twice`",
                "`planning lint --format sarif`, `planning status --format sarif`, `planning verify --format text\\|junit`",
                ""), StandardCharsets.UTF_8);

        assertThat(new DocumentedCommands(planning(), dir).problems(doc)).containsExactly(
                "doc.md:1: `planning lint --strict`: planning lint has no option --strict",
                "doc.md:2: `planning keys generate --role R [--algorithm ed25519\\|dsa]`: planning keys generate"
                        + " --algorithm takes no value dsa (it takes ed25519, ecdsa_p256, rsa)",
                "doc.md:3: `planning frobnicate --now`: no such command: planning frobnicate",
                "doc.md:3: `planning rules hash DIR --format json`: planning rules hash has no option --format",
                "doc.md:3: `status --trust FILE --wide`: planning status has no option --wide",
                "doc.md:6: `bin/planning verify --stream fe --cycle c --trust t.yaml --checksum-only | head -3`:"
                        + " planning verify has no option --checksum-only",
                "doc.md:10: `planning store relay --twice`: planning store relay has no option --twice",
                "doc.md:11: `planning status --format sarif`: planning status --format takes no value sarif"
                        + " (it takes text, json)",
                "doc.md:11: `planning verify --format text\\|junit`: planning verify --format takes no value junit"
                        + " (it takes text, json, markdown)");
    }

    @Test
    void everyEnvironmentVariableTheDocumentsNameIsReadByTheCodeOrTheLauncher() throws IOException {
        Set<String> documented = documentedVariables();
        Set<String> read = readVariables();
        assertThat(documented).contains("PLANNING_STORE_URL", "PLANNING_NO_CACHE", "PLANNING_JAVA_OPTS");
        assertThat(read).contains("PLANNING_DEBUG", "PLANNING_CDS_WAIT", "PLANNING_PG_PORT");
        assertThat(documented).as("named in README.md or docs/*.md but read nowhere").isSubsetOf(read);
    }

    @Test
    void everyEnvironmentVariableTheCodeOrTheLauncherReadsIsDocumented() throws IOException {
        assertThat(readVariables()).as("read by the code or the launcher but named in no document")
                .isSubsetOf(documentedVariables());
    }

    private static Set<String> documentedVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> docs = documents()) {
            docs.forEach(doc -> names.addAll(matches(VARIABLE, read(doc))));
        }
        names.removeAll(NOT_VARIABLES);
        return names;
    }

    /**
     * The variables the main code reads ({@code getenv("PLANNING_...")}, or a constant named so that
     * is passed to it: any {@code "PLANNING_..."} literal), the local servers {@code bin/store-servers}
     * starts, and the launchers and benchmark scripts expand ({@code $PLANNING_...},
     * {@code ${PLANNING_...}}).
     */
    private static Set<String> readVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(PLANNING_[A-Z0-9_]+)\"");
        Pattern expanded = Pattern.compile("\\$\\{?(PLANNING_[A-Z0-9_]+)");
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("planning-")).toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(p -> p.toString().endsWith(".java"))
                            .forEach(p -> names.addAll(groups(literal, read(p))));
                }
            }
        }
        // The local servers bin/store-servers runs (a test class of the store's module).
        names.addAll(groups(literal, read(ROOT.resolve(
                "planning-store-postgres/src/test/java/dev/planning/store/postgres/LocalServers.java"))));
        for (String dir : List.of("bin", "bench")) {
            try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
                files.filter(Files::isRegularFile).forEach(p -> names.addAll(groups(expanded, read(p))));
            }
        }
        names.removeAll(NOT_VARIABLES);
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static Set<String> groups(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
