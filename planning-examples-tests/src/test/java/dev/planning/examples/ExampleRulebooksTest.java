package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.internal.rulebook.RulebookHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example workspace carries an exact copy of the default rulebook, so the examples show
 * what {@code planning init} gives a team. When the default rulebook changes, copy it again:
 * {@code for w in planning-examples/workspaces/*&#47;; do cp -r <default>/{rulebook.yaml,rules,tests} $w/rulebook/; done}.
 */
class ExampleRulebooksTest {

    @TempDir
    Path dir;

    @Test
    void everyExampleRulebookIsTheDefaultRulebook() throws IOException {
        dev.planning.rules.internal.defaults.DefaultRulebook.copyTo(dir.resolve("default"));
        String expected = RulebookHasher.hash(dir.resolve("default"));

        List<Path> rulebooks;
        try (Stream<Path> list = Files.list(Path.of("workspaces"))) {
            rulebooks = list.map(w -> w.resolve("rulebook")).filter(Files::isDirectory).sorted().toList();
        }
        assertThat(rulebooks).hasSizeGreaterThanOrEqualTo(5);
        for (Path rulebook : rulebooks) {
            assertThat(RulebookHasher.hash(rulebook)).as("%s differs from the default rulebook", rulebook)
                    .isEqualTo(expected);
        }
    }
}
