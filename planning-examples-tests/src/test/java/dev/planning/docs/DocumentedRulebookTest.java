package dev.planning.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What docs/gates.md says of the default rulebook is the default rulebook: its gate profiles, line
 * for line, and the default thresholds it lists.
 */
class DocumentedRulebookTest {

    /** The repository's directory (tests run in planning-examples). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Path DEFAULT_RULEBOOK =
            ROOT.resolve("planning-rules/src/main/resources/dev/planning/rules/default-rulebook/rulebook.yaml");

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The lines of a top-level YAML section, from its key to the next top-level key, comments left out. */
    static List<String> section(List<String> lines, String key) {
        List<String> section = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith(key + ":")) {
                in = true;
            } else if (in && !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                break;
            }
            if (in && !line.strip().startsWith("#") && !line.isBlank()) {
                section.add(line.stripTrailing());
            }
        }
        return section;
    }

    @Test
    void theGateProfilesOfGatesMdAreTheDefaultRulebooks() throws IOException {
        String doc = read(ROOT.resolve("docs/gates.md"));
        int start = doc.indexOf("```yaml\nprofiles:\n");
        assertThat(start).as("docs/gates.md shows the profiles in a yaml block").isNotNegative();
        String block = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 3));

        assertThat(section(block.lines().toList(), "profiles"))
                .containsExactlyElementsOf(section(read(DEFAULT_RULEBOOK).lines().toList(), "profiles"));
    }

    @Test
    void theDefaultThresholdsGatesMdListsAreTheDefaultRulebooks() throws IOException {
        String doc = read(ROOT.resolve("docs/gates.md"));
        String listed = doc.substring(doc.indexOf("Default thresholds:"));
        listed = listed.substring(0, listed.indexOf("\n\n"));
        List<String> thresholds = section(read(DEFAULT_RULEBOOK).lines().toList(), "thresholds").stream()
                .map(String::strip).toList();
        Matcher pair = Pattern.compile("`([a-z_.]+): ([0-9.]+)`").matcher(listed);
        int found = 0;
        while (pair.find()) {
            found++;
            assertThat(thresholds).contains(pair.group(1) + ": " + pair.group(2));
        }
        assertThat(found).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aSectionEndsAtTheNextTopLevelKeyAndLeavesCommentsOut() {
        assertThat(section(List.of("a: 1", "profiles:", "  # why", "  fe:", "    - {x: 1}", "", "streams: {}"),
                "profiles")).containsExactly("profiles:", "  fe:", "    - {x: 1}");
    }
}
