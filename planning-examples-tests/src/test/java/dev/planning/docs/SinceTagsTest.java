package dev.planning.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * No {@code @since} tag and no {@code @API(since = ...)} in the main sources of any module names a
 * version later than the project's (the parent pom's {@code <version>}): a type cannot be new in a
 * release that has not been made. A value that is not a version ({@code 1.x}, empty) is reported too,
 * never passed over.
 */
class SinceTagsTest {

    /** The repository's directory (tests run in planning-examples-tests). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern SINCE = Pattern.compile("@since\\s+(\\S*)|\\bsince\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern VERSION = Pattern.compile("(\\d{1,4})(?:\\.(\\d{1,4}))?(?:\\.(\\d{1,4}))?");

    @Test
    void noSinceTagNamesAVersionLaterThanTheProjects() throws Exception {
        String version = projectVersion(ROOT.resolve("pom.xml"));
        List<Path> trees;
        try (Stream<Path> modules = Files.list(ROOT)) {
            trees = modules.filter(m -> m.getFileName().toString().startsWith("planning-"))
                    .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList();
        }
        assertThat(trees).hasSizeGreaterThan(8);

        List<String> tags = new ArrayList<>();
        List<String> later = laterThan(version, ROOT, trees, tags);

        assertThat(tags).as("the @since tags found").hasSizeGreaterThan(200);
        assertThat(later).as("@since later than the project's version " + version).isEmpty();
    }

    @Test
    void aTagOfALaterVersionOrOfNoVersionIsFound(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("x"));
        Files.writeString(sources.resolve("A.java"), String.join("\n",
                "/**",
                " * A type.",
                " *",
                " * @since 0.2",
                " */",
                "@API(status = STABLE, since = \"0.1\")",
                "class A {",
                "    /** @since 1.x */",
                "    void a() {}",
                "    /** @since 0.1.1 */",
                "    void b() {}",
                "    /** @since 0.1 */",
                "    @API(status = EXPERIMENTAL, since = \"1.0\")",
                "    void c() {}",
                "}"), StandardCharsets.UTF_8);

        List<String> later = laterThan("0.1.0", dir, List.of(dir), new ArrayList<>());

        assertThat(later).containsExactly("x/A.java:4: 0.2", "x/A.java:8: 1.x", "x/A.java:10: 0.1.1",
                "x/A.java:13: 1.0");
    }

    @Test
    void theProjectsVersionIsReadFromTheParentPom() throws Exception {
        assertThat(projectVersion(ROOT.resolve("pom.xml"))).matches(VERSION);
    }

    /**
     * Each {@code @since} value under {@code trees} later than {@code version}, or not a version, as
     * {@code path:line: value} (path relative to {@code base}); every value found is added to {@code found}.
     */
    static List<String> laterThan(String version, Path base, List<Path> trees, List<String> found) throws IOException {
        int[] project = parse(version);
        assertThat(project).as("the project's version " + version).isNotNull();
        List<String> later = new ArrayList<>();
        for (Path tree : trees) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(tree)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = SINCE.matcher(lines.get(i));
                    while (m.find()) {
                        String value = m.group(1) != null ? m.group(1) : m.group(2);
                        found.add(value);
                        int[] since = parse(value);
                        if (since == null || compare(since, project) > 0) {
                            later.add(base.relativize(file).toString().replace('\\', '/') + ":" + (i + 1) + ": " + value);
                        }
                    }
                }
            }
        }
        return later;
    }

    /** {@code major.minor.patch}, missing parts zero; {@code null} when the text is not a version. */
    private static int[] parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int[] parts = new int[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = m.group(i + 1) == null ? 0 : Integer.parseInt(m.group(i + 1));
        }
        return parts;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    /** The parent pom's own {@code <version>}. */
    private static String projectVersion(Path pom) throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(pom)) {
            Element project = factory.newDocumentBuilder().parse(in).getDocumentElement();
            for (var node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals("version")) {
                    return element.getTextContent().trim();
                }
            }
        }
        throw new AssertionError("no <version> in " + pom);
    }
}
