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
     * Java blocks of the documents that are a sketch, not a region of a source, each with why: a
     * block here still must be in its document, so that a block removed leaves this list.
     */
    private static final Map<String, String> SKETCHES = Map.of(
            "docs/testing.md:class MyEventStoreContractTest extends DamageableEventStoreContract {",
            "the outline of a store's contract test: the store and its damage are the reader's (`...`);"
                    + " the file and PostgreSQL stores' contract tests fill it in");

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
     * The Java blocks of README.md and docs/*.md that are neither a tagged region of a Java source of
     * the repository nor a listed sketch, each as {@code file:line}; and a listed sketch no document shows.
     */
    static List<String> javaBlocksNotARegion() throws IOException {
        Set<String> regions = new HashSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            // review27: compiled sources only (a .java under src/test/resources is a fixture no build compiles).
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && (f.toString().contains("/src/main/java/")
                    || f.toString().contains("/src/test/java/")) && !f.toString().contains("/target/")).toList()) {
                regions.addAll(regions(file).values());
            }
        }
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> problems = new ArrayList<>();
        Set<String> sketchesSeen = new HashSet<>();
        for (Path document : documents) {
            String name = ROOT.relativize(document).toString();
            String text = Files.readString(document, StandardCharsets.UTF_8);
            javaBlocks(text).forEach((line, block) -> {
                String sketch = name + ":" + block.lines().findFirst().orElse("");
                if (SKETCHES.containsKey(sketch)) {
                    sketchesSeen.add(sketch);
                } else if (!regions.contains(block)) {
                    problems.add(name + ":" + line + ": a Java block that is no tagged region of a tested source");
                }
            });
        }
        SKETCHES.keySet().stream().filter(s -> !sketchesSeen.contains(s)).sorted()
                .forEach(s -> problems.add(s + ": a listed sketch no document shows any more"));
        return problems;
    }

    /** The fenced Java blocks of a Markdown text, stripped, by the line of their opening fence. */
    static Map<Integer, String> javaBlocks(String text) {
        Map<Integer, String> blocks = new LinkedHashMap<>();
        Matcher m = JAVA_BLOCK.matcher(text);
        while (m.find()) {
            blocks.put((int) text.substring(0, m.start()).lines().count() + 1, m.group(2).strip());
        }
        return blocks;
    }

    private static Map<String, String> regions(Path source) throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher m = REGION.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find()) {
            regions.put(m.group(1), m.group(2).stripIndent().strip());
        }
        return regions;
    }
}
