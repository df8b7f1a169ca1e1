package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code planning-bom} lists every artifact of the build at the project's version, and nothing else. */
class BomTest {

    @Test
    void theBomListsEveryModuleAtTheProjectVersion() throws Exception {
        Document parent = read(Path.of("..", "pom.xml"));
        Document bom = read(Path.of("..", "planning-bom", "pom.xml"));

        List<String> modules = new ArrayList<>();
        // The reactor's <modules>, not other <module> elements (a plugin's configuration may have one).
        NodeList moduleNodes = child(parent.getDocumentElement(), "modules").getElementsByTagName("module");
        for (int i = 0; i < moduleNodes.getLength(); i++) {
            String module = moduleNodes.item(i).getTextContent().strip();
            // A module of tests only (planning-examples-tests) ships no artifact.
            if (!module.equals("planning-bom") && Files.isDirectory(Path.of("..", module, "src", "main"))) {
                modules.add(text(read(Path.of("..", module, "pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        List<String> listed = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(text(dependency, "groupId")).isEqualTo("dev.planning");
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            listed.add(text(dependency, "artifactId"));
        }

        assertThat(modules).contains("planning-api", "planning-engine", "planning-cli").doesNotContain("planning-examples-tests");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(modules);
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
    }

    /**
     * The BOM pins no third-party version, so an offline build from a repository this build warmed
     * warns about the POMs of the Jackson version {@code json-schema-validator} asks for; the README
     * tells embedders which {@code jackson-bom} to import beside it, which must be the build's own.
     */
    @Test
    void theReadmeNamesTheJacksonVersionTheBuildUsesForAnOfflineBuild() throws Exception {
        String jackson = text(child(read(Path.of("..", "pom.xml")).getDocumentElement(), "properties"),
                "jackson.version");
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

        assertThat(readme).contains("`com.fasterxml.jackson:jackson-bom` at `" + jackson + "`")
                .contains("the planning jars' " + jackson);
    }

    private static String text(Element element, String child) {
        return child(element, child).getTextContent().strip();
    }

    private static Element child(Element element, String child) {
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(child)) {
                return e;
            }
        }
        throw new AssertionError("no <" + child + "> in <" + element.getTagName() + ">");
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }
}
