package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {

    @TempDir
    Path dir;

    @Test
    void advancesTheFrontendExample() {
        Path ws = Examples.copy("fe-2025-09-02", dir);

        assertThat(EmbeddingExample.run(ws)).isTrue();
        assertThat(ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl")).exists();
    }

    @Test
    void theReadmeShowsTheExampleVerbatim() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/planning/examples/EmbeddingExample.java"));
        Matcher m = Pattern.compile("(?s)// tag::embed\\[\\]\\n(.*?)\\s*// end::embed\\[\\]").matcher(source);
        assertThat(m.find()).isTrue();
        String snippet = m.group(1).stripIndent().strip();

        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).as("README.md must contain the body of EmbeddingExample.run verbatim").contains(snippet);
    }
}
