package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README and docs/*.md show regions of tested Java sources ({@code // tag::name[]} ...
 * {@code // end::name[]}) verbatim, and every Java block they show is such a region.
 */
final class ReadmeRegions {

    private static final Pattern REGION = Pattern.compile("(?s)// tag::([a-z]+)\\[\\]\\n(.*?)\\s*// end::\\1\\[\\]");
    /**
     * A fenced Java block as Markdown renders one (review27: {@code ```Java}, {@code ~~~java}, an info string after
     * the language, a CRLF line end were not taken for one, so such a block went unchecked).
     */
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)(```|~~~)[ \\t]*(?i:java)\\b[^\\n]*\\n(.*?)\\1");
    private static final Path ROOT = Path.of("..");

    /**
     * Java blocks of the documents that are a sketch, not a region of a source, each with why and whole (its lines
     * compared with their runs of blanks made one): a block here still must be in its document, so that a block
     * removed leaves this list, and a sketch edited in its document must be edited here too.
     */
    private static final List<Sketch> SKETCHES = List.of(new Sketch("docs/testing.md",
            "the outline of a store's contract test: the store and its damage are the reader's (`...`);"
                    + " the file and PostgreSQL stores' contract tests fill it in", """
            class MyEventStoreContractTest extends DamageableEventStoreContract {

                @Override
                protected EventStore newStore() {                       // required: new, empty storage each call
                    return new MyEventStore(freshDatabase());
                }

                @Override
                protected EventStore newStoreSharingStorageWith(EventStore store) {   // optional
                    return new MyEventStore(((MyEventStore) store).database());        // a second instance, same storage
                }

                @Override
                protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) {   // required here
                    ...   // edit the stored event by hand, as an attacker with write access would
                }

                @Override
                protected void renameStoredCycle(EventStore store, CycleRef cycle, String stream, String cycleId) {
                    ...   // move the cycle's stored events under that name by hand (rename the file, update the rows)
                }

                @Override
                protected void writeStoredEvent(EventStore store, CycleRef cycle, PlanningEvent event) {
                    ...   // write the event after the log's last line by hand: chained to it, none of append's checks
                }
            }
            """));

    /** A Java block shown by a document that is no region of a source, with why, as the document shows it. */
    record Sketch(String document, String why, String text) {
    }

    /** A block of Java shown by a document: its text, stripped, and the line of the document its first line is on. */
    record Block(int line, String text) {
    }

    /** A tagged region of a source: where it is (the source's line of its first line) and its text. */
    record Region(String source, String tag, int line, String text) {
    }

    private ReadmeRegions() {
    }

    /**
     * Asserts that README.md contains every tagged region of a source verbatim.
     *
     * @return the regions' tags, in the source's order
     */
    static List<String> assertShownVerbatim(Path source, String sourceName) throws IOException {
        Map<String, String> regions = regions(source);
        assertShownVerbatim(regions, sourceName, ROOT.resolve("README.md"), regions.keySet());
        return List.copyOf(regions.keySet());
    }

    /** Asserts that {@code document} contains the named tagged regions of a source verbatim, and that each exists. */
    static void assertShownVerbatim(Path source, String sourceName, Path document, String... tags) throws IOException {
        Map<String, String> regions = regions(source);
        assertThat(regions).as("the regions of " + sourceName).containsKeys(tags);
        assertShownVerbatim(regions, sourceName, document, List.of(tags));
    }

    private static void assertShownVerbatim(Map<String, String> regions, String sourceName, Path document,
            Iterable<String> tags) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        for (String tag : tags) {
            assertThat(text.contains(regions.get(tag)))
                    .as(document.getFileName() + " must contain the region " + tag + " of " + sourceName + " verbatim:%n%s",
                            regions.get(tag))
                    .isTrue();
        }
    }

    /**
     * The Java blocks of README.md, docs/*.md and docs/benchmarks/*.md that are neither a tagged region of a Java
     * source of the repository nor a listed sketch, each as {@code file:line} and what differs; and a listed sketch
     * no document shows.
     */
    static List<String> javaBlocksNotARegion() throws IOException {
        List<Region> regions = compiledRegions();
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> problems = new ArrayList<>();
        Set<Sketch> sketchesSeen = new HashSet<>();
        for (Path document : documents) {
            String name = ROOT.relativize(document).toString().replace('\\', '/');
            List<Sketch> sketches = SKETCHES.stream().filter(s -> s.document().equals(name)).toList();
            for (Block block : blocks(Files.readString(document, StandardCharsets.UTF_8))) {
                problems.addAll(notARegion(name, block, regions, sketches, sketchesSeen));
            }
        }
        SKETCHES.stream().filter(s -> !sketchesSeen.contains(s))
                .forEach(s -> problems.add(s.document() + ": the listed sketch " + quoted(s.text().lines().findFirst()
                        .orElse("")) + " is shown by no Java block of it any more"));
        return problems;
    }

    /** The tagged regions of every compiled source of the repository (under {@code src/main/java}, {@code src/test/java}). */
    static List<Region> compiledRegions() throws IOException {
        List<Region> regions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            // review27: compiled sources only (a .java under src/test/resources is a fixture no build compiles).
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && (f.toString().contains("/src/main/java/")
                    || f.toString().contains("/src/test/java/")) && !f.toString().contains("/target/")).sorted().toList()) {
                regions.addAll(regionsOf(file));
            }
        }
        return regions;
    }

    /**
     * Nothing when {@code block} of the document {@code name} is a region of {@code regions} as it is, or one of
     * {@code sketches} (recorded in {@code seen}); else one line naming the block's {@code file:line} and, for a
     * block whose first line is that of a region or sketch, the first line that differs from it.
     */
    static List<String> notARegion(String name, Block block, List<Region> regions, List<Sketch> sketches,
            Set<Sketch> seen) {
        if (regions.stream().anyMatch(r -> r.text().equals(block.text()))) {
            return List.of();
        }
        List<String> lines = block.text().lines().toList();
        for (Sketch sketch : sketches) {
            List<String> expected = sketch.text().strip().lines().toList();
            if (normalised(expected.get(0)).equals(normalised(lines.get(0)))) {
                seen.add(sketch);
                int at = firstDifference(lines, expected, true);
                return at < 0 ? List.of() : List.of(name + ":" + (block.line() + at) + ": this line of the sketch differs"
                        + " from the one ReadmeRegions lists: the document has " + lineAt(lines, at) + ", the list "
                        + lineAt(expected, at));
            }
        }
        for (Region region : regions) {
            List<String> expected = region.text().lines().toList();
            if (expected.get(0).equals(lines.get(0))) {
                int at = firstDifference(lines, expected, false);
                return List.of(name + ":" + (block.line() + at) + ": this line differs from the region " + region.tag()
                        + " of " + region.source() + " (its line " + (region.line() + at) + "): the document has "
                        + lineAt(lines, at) + ", the source " + lineAt(expected, at));
            }
        }
        return List.of(name + ":" + block.line() + ": a Java block that is no tagged region of a tested source");
    }

    /** The index of the first line that differs between {@code a} and {@code b}; -1 when none does. */
    private static int firstDifference(List<String> a, List<String> b, boolean normalised) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size()
                    || !(normalised ? normalised(a.get(i)).equals(normalised(b.get(i))) : a.get(i).equals(b.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String normalised(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static String lineAt(List<String> lines, int index) {
        return index < lines.size() ? quoted(lines.get(index)) : "no line (the block ends before)";
    }

    private static String quoted(String line) {
        return line.isBlank() ? "an empty line" : "`" + line.strip() + "`";
    }

    /** The fenced Java blocks of a Markdown text, stripped, by the line of their opening fence. */
    static Map<Integer, String> javaBlocks(String text) {
        Map<Integer, String> blocks = new LinkedHashMap<>();
        Matcher m = JAVA_BLOCK.matcher(text);
        while (m.find()) {
            blocks.put(lineOf(text, m.start()), m.group(2).strip());
        }
        return blocks;
    }

    /** The fenced Java blocks of a Markdown text, stripped, each with the line its first line is on. */
    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            blocks.add(new Block(lineOf(text, m.start(2) + body.indexOf(body.strip())), body.strip()));
        }
        return blocks;
    }

    /** The 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Map<String, String> regions(Path source) throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        for (Region region : regionsOf(source)) {
            regions.put(region.tag(), region.text());
        }
        return regions;
    }

    /** {@code source} relative to the repository's directory, however it is given (a test names its own relative to its module). */
    private static String name(Path source) {
        return ROOT.toAbsolutePath().normalize().relativize(source.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static List<Region> regionsOf(Path source) throws IOException {
        List<Region> regions = new ArrayList<>();
        String text = Files.readString(source, StandardCharsets.UTF_8);
        Matcher m = REGION.matcher(text);
        while (m.find()) {
            String region = m.group(2).stripIndent().strip();
            int first = m.start(2);
            while (first < m.end(2) && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            regions.add(new Region(name(source), m.group(1), lineOf(text, first), region));
        }
        return regions;
    }
}
