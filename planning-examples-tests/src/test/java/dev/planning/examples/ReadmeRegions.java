package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README shows regions of tested Java sources ({@code // tag::name[]} ... {@code // end::name[]}) verbatim. */
final class ReadmeRegions {

    private static final Pattern REGION = Pattern.compile("(?s)// tag::([a-z]+)\\[\\]\\n(.*?)\\s*// end::\\1\\[\\]");

    private ReadmeRegions() {
    }

    /**
     * Asserts that README.md contains every tagged region of a source verbatim.
     *
     * @return the regions' tags, in the source's order
     */
    static List<String> assertShownVerbatim(Path source, String sourceName) throws IOException {
        String text = Files.readString(source);
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = REGION.matcher(text);
        List<String> tags = new ArrayList<>();
        while (m.find()) {
            tags.add(m.group(1));
            String snippet = m.group(2).stripIndent().strip();
            assertThat(readme).as("README.md must contain the region " + m.group(1) + " of " + sourceName + " verbatim")
                    .contains(snippet);
        }
        return tags;
    }
}
