package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenth review (2026-12-04): a digest template ({@code --template FILE}) is a file a contributor can
 * commit. Mustache has no loops, but a section over a list nested in itself repeats the list's
 * length to the power of the nesting: a template of a few hundred bytes asked for 10^20 section
 * passes, which ran without end (no output: no memory grew), or filled the heap with its output.
 * Each is now refused with the template named, as is a template too large or too deeply nested.
 */
class DigestTemplateAttackTest {

    /** A hang guard, not a measurement: before the bounds, these renders never finished. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    private static final Map<String, Object> SCOPE = Map.of(
            "cycle_id", "2025-09-02",
            "kpis", List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c"), Map.of("name", "d"),
                    Map.of("name", "e"), Map.of("name", "f"), Map.of("name", "g"), Map.of("name", "h"),
                    Map.of("name", "i"), Map.of("name", "j")));

    private static String nested(String name, int depth, String inner) {
        return ("{{#" + name + "}}").repeat(depth) + inner + ("{{/" + name + "}}").repeat(depth);
    }

    @Test
    void sectionsNestedOverAListThatWriteNothingAreRefusedRatherThanRunningWithoutEnd() {
        String template = nested("kpis", 20, "");

        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD,
                () -> DigestRenderer.render(template, "bomb.mustache", SCOPE)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).map(SourceLocation::file)
                        .contains("bomb.mustache"))
                .hasMessageContaining("section passes");
    }

    @Test
    void sectionsNestedOverAListThatWriteAreRefusedRatherThanFillingTheHeap() {
        String template = nested("kpis", 20, "{{name}} " + "x".repeat(1000));

        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD,
                () -> DigestRenderer.render(template, "bomb.mustache", SCOPE)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).map(SourceLocation::file)
                        .contains("bomb.mustache"));
    }

    @Test
    void aBodyLargerThanTheBoundIsRefusedEvenWithFewPasses() {
        // 1,000 passes of one section, each writing 64 KiB of the template's own text: 64 MiB of body.
        Map<String, Object> scope = Map.of("rows", Collections.nCopies(1000, Map.of("x", "1")));
        String template = "{{#rows}}" + "y".repeat(64 * 1024) + "{{/rows}}";

        assertThatThrownBy(() -> DigestRenderer.render(template, "wide.mustache", scope))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).map(SourceLocation::file)
                        .contains("wide.mustache"))
                .hasMessageContaining("bytes");
    }

    @Test
    void aTemplateNestedTooDeeplyIsRefusedLocatedNotAStackOverflow() {
        String template = nested("kpis", 100_000, "");

        assertThatThrownBy(() -> DigestRenderer.render(template, "deep.mustache", SCOPE))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).map(SourceLocation::file)
                        .contains("deep.mustache"));
    }

    @Test
    void aTemplateFileOverTheBoundIsNotReadWhole(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.mustache");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L * 1024 * 1024 * 1024); // sparse: no disk is used
        }

        assertThatThrownBy(() -> DigestRenderer.load(Optional.of(huge)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).map(SourceLocation::file)
                        .hasValueSatisfying(file -> assertThat(file).endsWith("/huge.mustache")))
                .hasMessageContaining("bytes");
    }

    @Test
    void templateInheritanceIsRefusedLikeAPartial() {
        assertThatThrownBy(() -> DigestRenderer.render("{{<" + "/etc/passwd}}{{/" + "/etc/passwd}}",
                "extends.mustache", SCOPE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot include partials");
    }

    @Test
    void theSameSectionsWithinTheBoundsStillRender() {
        String body = DigestRenderer.render(nested("kpis", 2, "{{name}}"), "fine.mustache", SCOPE);

        assertThat(body).isEqualTo("abcdefghij".repeat(10));
    }
}
