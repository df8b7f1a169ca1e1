package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs28: the Java examples of the published Javadoc ({@code <pre>{@code ...}</pre>} in a main source outside an
 * {@code internal} package) are held to what the documents are ({@link ReadmeRegions}): each is a tagged region of a
 * compiled, run source as it is, or a sketch listed whole. Java 17 has no {@code {@snippet}}, so the region is
 * found by its text. A block of another language says so ({@code <pre class="language-yaml">{@code ...}</pre>});
 * a {@code <pre>} of any other kind is refused, so that no example goes unread.
 */
class JavadocExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern PRE = Pattern.compile("(?s)<pre([^>]*)>\\{@code(.*?)\\}</pre>");
    private static final Pattern OPENING = Pattern.compile("<pre([^>]*)>");
    private static final Pattern OTHER_LANGUAGE = Pattern.compile("\\s+class=\"language-(?!java\")[a-z]+\"");
    private static final Pattern STAR = Pattern.compile("(?m)^[ \\t]*\\*(?: |(?=\\n|$))");

    /** Javadoc examples that are an outline, not a region of a source, each with why, whole. */
    private static final List<ReadmeRegions.Sketch> SKETCHES = List.of(
            new ReadmeRegions.Sketch("planning-testkit/src/main/java/dev/planning/testkit/store/DamageableEventStoreContract.java",
                    "the outline of a contract test whose storage is the reader's; docs/testing.md shows the whole one", """
                    class MyStoreContractTest extends DamageableEventStoreContract {
                        protected EventStore newStore() { ... }
                        protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) { ... }
                    }
                    """),
            new ReadmeRegions.Sketch("planning-testkit/src/main/java/dev/planning/testkit/workspace/WorkspaceCopies.java",
                    "the outline of a test on a copy: what it deletes and checks is the reader's", """
                    @Test
                    void refusesAnUnsignedManifest(@TempDir Path dir) {
                        Path workspace = WorkspaceCopies.copy(Path.of("workspaces", "fe-2025-09-02"), dir.resolve("ws"));
                        Files.delete(workspace.resolve("..."));
                        ...
                    }
                    """),
            new ReadmeRegions.Sketch("planning-testkit/src/main/java/dev/planning/testkit/store/CycleQueriesContract.java",
                    "the outline of a contract test of queries over a store; FileCycleQueriesTest (planning-engine) is the"
                            + " whole one", """
                    class FileCycleQueriesTest extends CycleQueriesContract {
                        @TempDir Path workspace;
                        protected EventStore newStore() { return new FileEventStore(workspace); }
                        protected CycleQueries queriesOf(EventStore store) { return Planning.cycleQueries(workspace); }
                        protected Path workspaceOf(EventStore store) { return workspace; }   // where the store keeps its logs
                        protected PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust) {
                            return Planning.builder().workspace(directory).eventStore(store).trustedKeys(trust).build();
                        }
                    }
                    """),
            new ReadmeRegions.Sketch("planning-testkit/src/main/java/dev/planning/testkit/store/EventStoreContract.java",
                    "the outline of a store's contract test whose storage (a fresh schema) is the reader's; the"
                            + " PostgreSQL store's contract test is the whole one", """
                    class PostgresEventStoreContractTest extends EventStoreContract {
                        @Override
                        protected EventStore newStore() {
                            return new PostgresEventStore(freshSchema());       // a new, empty storage each call
                        }

                        @Override
                        protected EventStore newStoreSharingStorageWith(EventStore store) {
                            return new PostgresEventStore(((PostgresEventStore) store).dataSource());
                        }
                    }
                    """),
            new ReadmeRegions.Sketch("planning-engine/src/main/java/dev/planning/engine/EventLines.java",
                    "an outline of a store of one's own: the database and its insert are the reader's; EventLinesTest runs the encoding and decoding", """
                    byte[] line = EventLines.encode(event, expectedHead);
                    RecordedEvent recorded = EventLines.decode(log.size() + 1, line);   // the event as it reads back
                    database.insert(cycle, recorded.line(), line, recorded.hash());
                    """),
            new ReadmeRegions.Sketch("planning-store-postgres/src/main/java/dev/planning/store/postgres/OutboxRelay.java",
                    "needs a PostgreSQL server and a Kafka broker, and what runs inside is the reader's (`...`); OutboxKafkaTest starts the relay", """
                    Properties props = new Properties();
                    props.put("bootstrap.servers", "kafka:9092");
                    try (OutboxRelay relay = OutboxRelay.start(store.dataSource(), OutboxRelay.producer(props), "planning.events")) {
                        ... // appends with PostgresStore.builder().outbox(true) are published after they commit
                    }
                    """),
            new ReadmeRegions.Sketch("planning-store-postgres/src/main/java/dev/planning/store/postgres/PostgresStore.java",
                    "needs a PostgreSQL server at the URL shown and its password; the store's tests build one against a local server", """
                    try (PostgresStore store = PostgresStore.builder()
                            .jdbcUrl("jdbc:postgresql://db.example.org/planning?sslmode=verify-full")  // TLS: in the URL
                            .user("planning").password(System.getenv("PLANNING_STORE_PASSWORD"))
                            .repository("acme/payments")    // the tenant: many workspaces share one database
                            .outbox(true)                   // also queue each event for Kafka (see OutboxRelay)
                            .build()) {                     // runs the versioned migrations, opens a HikariCP pool
                        PlanningWorkspace ws = Planning.builder().workspace(dir).eventStore(store.eventStore()).build();
                        store.queries().portfolio();
                    }
                    """),
            new ReadmeRegions.Sketch("planning-store-postgres/src/main/java/dev/planning/store/postgres/PostgresStore.java",
                    "needs a PostgreSQL server (the store it asks); EmbedderQueriesReadTest and CycleQueriesTest ask it so", """
                    PlanningWorkspace ws = Planning.builder().workspace(dir).readOnly().build();
                    store.queries(ws, trust).pendingSignatures();   // what verify would refuse for a missing signature
                    """),
            new ReadmeRegions.Sketch("planning-store-postgres/src/main/java/dev/planning/store/postgres/StoreMigration.java",
                    "needs a PostgreSQL server (the store moved to and from); StoreMigrationTest moves workspaces so", """
                    List<StoreMigration.Moved> in = StoreMigration.importFiles(workspace, WorkspaceLayout.DEFAULT, store.eventStore());
                    List<StoreMigration.Moved> out = StoreMigration.exportFiles(store.eventStore(), otherDir, WorkspaceLayout.DEFAULT);
                    """));

    @Test
    void everyJavaExampleOfThePublishedJavadocIsATaggedRegionOfARunSource() throws IOException {
        List<ReadmeRegions.Region> regions = ReadmeRegions.compiledRegions();
        List<String> problems = new ArrayList<>();
        Set<ReadmeRegions.Sketch> seen = new HashSet<>();
        for (Path source : publishedSources()) {
            String name = ROOT.relativize(source).toString().replace('\\', '/');
            List<ReadmeRegions.Sketch> sketches = SKETCHES.stream().filter(s -> s.document().equals(name)).toList();
            String text = Files.readString(source, StandardCharsets.UTF_8);
            problems.addAll(unread(name, text));
            Matcher pre = PRE.matcher(text);
            while (pre.find()) {
                if (OTHER_LANGUAGE.matcher(pre.group(1)).matches()) {
                    continue;
                }
                if (!pre.group(1).isEmpty()) {
                    problems.add(name + ":" + ReadmeRegions.lineOf(text, pre.start()) + ": a <pre" + pre.group(1)
                            + "> neither Java (<pre>) nor of another language (<pre class=\"language-yaml\">)");
                    continue;
                }
                ReadmeRegions.Block block = block(text, pre.start(2), pre.group(2));
                problems.addAll(ReadmeRegions.notARegion(name, block, regions, sketches, seen));
            }
        }
        SKETCHES.stream().filter(s -> !seen.contains(s)).forEach(s -> problems.add(s.document()
                + ": the listed sketch `" + s.text().lines().findFirst().orElse("") + "` is in no example of it any more"));

        assertThat(problems).isEmpty();
    }

    @Test
    void anExampleIsReadAsItsCommentShowsIt() {
        String text = "/**\n * Use:\n *\n * <pre>{@code\n *     int a = 1;\n *\n *     if (a > 0) {\n *         a--;\n *     }\n"
                + " * }</pre>\n */\n";
        Matcher pre = PRE.matcher(text);
        assertThat(pre.find()).isTrue();

        ReadmeRegions.Block block = block(text, pre.start(2), pre.group(2));

        assertThat(block).isEqualTo(new ReadmeRegions.Block(5, "int a = 1;\n\nif (a > 0) {\n    a--;\n}"));
    }

    @Test
    void anExampleThatDiffersFromItsRegionIsReportedAtItsLine() {
        String text = "/**\n * <pre>{@code\n * a();\n * b(2);\n * }</pre>\n */\n";
        Matcher pre = PRE.matcher(text);
        assertThat(pre.find()).isTrue();

        assertThat(ReadmeRegions.notARegion("A.java", block(text, pre.start(2), pre.group(2)),
                List.of(new ReadmeRegions.Region("T.java", "ab", 9, "a();\nb(1);")), List.of(), new HashSet<>()))
                .containsExactly("A.java:4: this line differs from the region ab of T.java (its line 10): the document"
                        + " has `b(2);`, the source `b(1);`");
    }

    @Test
    void aBlockOfAnotherLanguageSaysSoAndNothingElsePassesForIt() {
        assertThat(Map.of(" class=\"language-yaml\"", true, " class=\"language-java\"", false, " class=\"yaml\"", false,
                " class=\"language-yaml\" id=\"x\"", false)).allSatisfy((attributes, other) ->
                        assertThat(OTHER_LANGUAGE.matcher(attributes).matches()).as(attributes).isEqualTo(other));
    }

    /**
     * review28: each {@code <pre>} of {@code text} that {@link #PRE} does not read, its example in no {@code {@code}}
     * (a bare {@code <pre>}, a line break before {@code {@code}}) and not said to be of another language: without
     * this, such an example went unread and the test passed over it.
     */
    static List<String> unread(String name, String text) {
        List<String> problems = new ArrayList<>();
        Matcher opening = OPENING.matcher(text);
        while (opening.find()) {
            if (OTHER_LANGUAGE.matcher(opening.group(1)).matches()) {
                continue;
            }
            if (!PRE.matcher(text).region(opening.start(), text.length()).lookingAt()) {
                problems.add(name + ":" + ReadmeRegions.lineOf(text, opening.start()) + ": a <pre" + opening.group(1)
                        + "> whose example is not read: write Java as <pre>{@code ...}</pre>, anything else as"
                        + " <pre class=\"language-text\">");
            }
        }
        return problems;
    }

    @Test
    void aPreWhoseExampleIsInNoCodeTagIsReportedNotPassedOver() {
        String text = "/**\n * Use:\n * <pre>\n * Planning.init(dir, cycle);\n * </pre>\n * <pre>\n * {@code a();}\n * </pre>\n"
                + " * <pre class=\"language-text\">\n * tasks/{cycle}.yaml\n * </pre>\n * <pre>{@code b();}</pre>\n */\n";

        assertThat(unread("A.java", text)).hasSize(2).allSatisfy(p -> assertThat(p).contains("whose example is not read"))
                .anySatisfy(p -> assertThat(p).startsWith("A.java:3: a <pre>"))
                .anySatisfy(p -> assertThat(p).startsWith("A.java:6: a <pre>"));
    }

    /** The example whose {@code {@code} body starts at {@code offset} of {@code text}: its lines, stars taken off. */
    private static ReadmeRegions.Block block(String text, int offset, String body) {
        String code = STAR.matcher(body).replaceAll("").stripTrailing().stripIndent().strip();
        String first = code.lines().findFirst().orElse("");
        return new ReadmeRegions.Block(ReadmeRegions.lineOf(text, offset + Math.max(0, body.indexOf(first))), code);
    }

    /** The main sources of the published packages (not {@code internal}) of every module. */
    private static List<Path> publishedSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> {
                String path = f.toString().replace('\\', '/');
                return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/internal/")
                        && !path.contains("/target/");
            }).sorted().toList();
        }
    }
}
