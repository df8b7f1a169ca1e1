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
 * No {@code @since} tag and no {@code @API(since = ...)} in the main sources of any module the parent
 * pom builds names a version later than the project's (the parent pom's {@code <version>}): a type
 * cannot be new in a release that has not been made. A value that is not a version ({@code 1.x}, empty) is reported too,
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
        List<Path> trees = mainSources(ROOT.resolve("pom.xml"));
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

    /** The modules scanned are those the parent pom builds, whatever their names, each with main sources. */
    @Test
    void theMainSourcesOfEveryModuleOfTheParentPomAreScanned(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project><version>0.1.0</version><modules><module>bench</module>"
                + "<module>planning-bom</module><module>planning-a</module></modules></project>", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("bench/src/main/java"));
        Files.createDirectories(dir.resolve("planning-a/src/main/java"));
        Files.createDirectories(dir.resolve("planning-bom"));
        Files.createDirectories(dir.resolve("planning-unbuilt/src/main/java"));

        assertThat(mainSources(dir.resolve("pom.xml")))
                .containsExactly(dir.resolve("bench/src/main/java"), dir.resolve("planning-a/src/main/java"));
        assertThat(mainSources(ROOT.resolve("pom.xml"))).contains(ROOT.resolve("planning-bench/src/main/java"));
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
        List<Element> version = children(project(pom), "version");
        if (version.isEmpty()) {
            throw new AssertionError("no <version> in " + pom);
        }
        return version.get(0).getTextContent().trim();
    }

    /**
     * The {@code src/main/java} of every module the parent pom's {@code <modules>} lists that has one, sorted: what
     * the build compiles, not the directories that happen to be named like a module.
     */
    private static List<Path> mainSources(Path pom) throws IOException, ParserConfigurationException, SAXException {
        return modules(pom).stream().map(m -> pom.getParent().resolve(m).resolve("src/main/java"))
                .filter(Files::isDirectory).sorted().toList();
    }

    /** The parent pom's {@code <modules>}, as listed. */
    private static List<String> modules(Path pom) throws IOException, ParserConfigurationException, SAXException {
        List<String> modules = new ArrayList<>();
        for (Element list : children(project(pom), "modules")) {
            for (Element module : children(list, "module")) {
                modules.add(module.getTextContent().trim());
            }
        }
        assertThat(modules).as("the modules of " + pom).isNotEmpty();
        return modules;
    }

    private static Element project(Path pom) throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(pom)) {
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                children.add(element);
            }
        }
        return children;
    }
}
