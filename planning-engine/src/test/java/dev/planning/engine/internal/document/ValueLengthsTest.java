package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.DocumentException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's bound on each text value of a planning file: every value a rule could match is
 * refused past it when the file is read, each one located and named.
 */
class ValueLengthsTest {

    private static final String FILE = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final int MAX = ValueLengths.DEFAULT_MAX_LENGTH;

    private static DocumentException refusal(String yaml) {
        try {
            YamlDocuments.parse(yaml.getBytes(StandardCharsets.UTF_8), FILE);
        } catch (DocumentException e) {
            return e;
        }
        throw new AssertionError("expected the document to be refused");
    }

    @Test
    void everyValueAndKeyOverTheBoundIsRefusedOneLineEachWithItsLocationFieldAndLength() {
        String yaml = "version: \"1.0.0\"\n"
                + "tasks:\n"
                + "  - id: FE-1\n"
                + "    title: " + "t".repeat(MAX + 1) + "\n"
                + "    description: short\n"
                // An implicit key is at most 1,024 characters in YAML; a longer one is written explicitly.
                + "    tags:\n      ? " + "k".repeat(MAX + 2) + "\n      : x\n"
                + "  - id: FE-2\n"
                + "    dependencies: [FE-1, \"" + "d".repeat(MAX + 3) + "\"]\n";

        DocumentException e = refusal(yaml);

        assertThat(e.code()).isEqualTo(DocumentException.YAML_VALUE_TOO_LONG);
        assertThat(e.location()).contains(new SourceLocation(FILE, 4, 12));
        // lint and the gates report one finding per value
        assertThat(YamlDocuments.findings(e)).extracting(f -> f.location().orElseThrow().line() + ": " + f.message())
                .containsExactly("4: `tasks[0].title` is 10,001 characters long, more than 10,000 characters (the"
                                + " operator's planning.documents.maxValueLength or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH)",
                        "7: a key of `tasks[0].tags` is 10,002 characters long, more than 10,000 characters (the"
                                + " operator's planning.documents.maxValueLength or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH)",
                        "10: `tasks[1].dependencies[1]` is 10,003 characters long, more than 10,000 characters (the"
                                + " operator's planning.documents.maxValueLength or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH)");
        assertThat(e.getMessage()).isEqualTo("3 values are longer than 10,000 characters (the operator's"
                + " planning.documents.maxValueLength or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH):\n"
                + "  " + FILE + ":4:12: `tasks[0].title` is 10,001 characters long\n"
                + "  " + FILE + ":7:9: a key of `tasks[0].tags` is 10,002 characters long\n"
                + "  " + FILE + ":10:26: `tasks[1].dependencies[1]` is 10,003 characters long");
    }

    @Test
    void oneValueOverTheBoundIsOneLineNamingTheBound() {
        DocumentException e = refusal("version: \"1.0.0\"\ndescription: |\n  " + "x".repeat(MAX + 1) + "\n");

        assertThat(e.getMessage()).isEqualTo("`description` is 10,002 characters long, more than 10,000 characters"
                + " (the operator's planning.documents.maxValueLength or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH)");
        assertThat(e.location()).contains(new SourceLocation(FILE, 2, 14));
    }

    @Test
    void aValueOfExactlyTheBoundIsRead() {
        String value = "\u00e9".repeat(MAX);

        LocatedDocument doc = YamlDocuments.parse(("title: " + value + "\n").getBytes(StandardCharsets.UTF_8), FILE);

        assertThat(doc.root().get("title").textValue()).isEqualTo(value);
    }

    @Test
    void theFrontMatterOfAMarkdownFileIsBoundedAtItsLinesInTheFile() {
        String md = "---\nversion: \"1.0.0\"\ntitle: " + "s".repeat(MAX + 1) + "\n---\n# Story map\n";

        assertThatThrownBy(() -> MarkdownDocuments.parse(md.getBytes(StandardCharsets.UTF_8), "map.md"))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("`title` is 10,001 characters long")
                .satisfies(e -> assertThat(((DocumentException) e).location())
                        .contains(new SourceLocation("map.md", 3, 8)));
    }

    @Test
    void everyDocumentOfAMultiDocumentFileIsBoundedAndAllItsValuesListed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cases.yaml"), "name: a\nwhy: " + "a".repeat(MAX + 1)
                + "\n---\nname: b\nwhy: " + "b".repeat(MAX + 1) + "\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> YamlDocuments.readAll(file, "cases.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("2 values are longer than 10,000 characters")
                .hasMessageContaining("cases.yaml:2:6: `why` is 10,001 characters long")
                .hasMessageContaining("cases.yaml:5:6: `why` is 10,001 characters long");
    }

    /**
     * YAML numbers (apibound): Jackson parses a number's digits only up to 1,000 characters, so a
     * number of 1,000 digits is a number node, not text, and a reader that wants text (a tag's value,
     * an id) takes its digits: under an operator's bound below 1,000 it is refused like text, at its
     * place, naming its field and length. A float is a double, short as text.
     */
    @Test
    void aNumberLongerThanALowerBoundIsRefusedAtItsPlaceLikeText() {
        LocatedDocument doc = YamlDocuments.parse(("version: \"1.0.0\"\ntasks:\n  - id: FE-1\n    effort: "
                + "7".repeat(1_000) + "\n    ratio: 1." + "5".repeat(997) + "\n    small: 12345\n")
                .getBytes(StandardCharsets.UTF_8), FILE);
        List<ValueLengths.Over> over = new ArrayList<>();

        ValueLengths.collect(doc, 100, over);

        // A float is read as a double, whose text is short whatever its digits.
        assertThat(over).extracting(o -> o.location() + ": " + o.what()).containsExactly(
                FILE + ":4:13: `tasks[0].effort` is a number of 1,000 characters");
        assertThat(doc.root().at("/tasks/0/effort").isBigInteger()).isTrue();
        assertThat(doc.root().at("/tasks/0/ratio").asText()).hasSizeLessThan(25);
        List<ValueLengths.Over> none = new ArrayList<>();
        ValueLengths.collect(doc, 1_000, none);
        assertThat(none).isEmpty();
    }

    /** A number past Jackson's 1,000 characters is a value too long, located, saying what to do; never parsed. */
    @Test
    void aNumberPastTheReadersLimitIsAValueTooLongAtItsLine() {
        DocumentException e = refusal("version: \"1.0.0\"\ntasks:\n  - id: FE-1\n    effort: " + "9".repeat(1_001) + "\n");

        assertThat(e.code()).isEqualTo(DocumentException.YAML_VALUE_TOO_LONG);
        assertThat(e.getMessage()).isEqualTo("a number of 1,001 characters, more than the 1,000 a number may have;"
                + " write it in quotes if it is text");
        assertThat(e.location().orElseThrow().file()).isEqualTo(FILE);
        assertThat(e.location().orElseThrow().line()).isEqualTo(4);
    }

    /**
     * Longer numbers, dates and other plain scalars of a megabyte are read as text (SnakeYAML resolves
     * no type on so long a scalar), so the bound on text holds them, each at its place.
     */
    @Test
    void aMegabyteIntegerFloatOrDateIsTextAndRefusedByTheBound() {
        String mega = "1".repeat(1_000_000);
        DocumentException e = refusal("version: \"1.0.0\"\nint: " + mega + "\nfloat: 1." + mega + "\ndate: 2025-01-0"
                + mega + "\nexp: 1e" + mega + "\n");

        assertThat(e.code()).isEqualTo(DocumentException.YAML_VALUE_TOO_LONG);
        assertThat(YamlDocuments.findings(e)).extracting(f -> f.location().orElseThrow().line() + ": " + f.message())
                .allSatisfy(line -> assertThat(line).contains("characters long, more than 10,000 characters"))
                .extracting(line -> line.substring(0, line.indexOf(" is ")))
                .containsExactly("2: `int`", "3: `float`", "4: `date`", "5: `exp`");
    }

    @Test
    void theOperatorSetsTheBoundByPropertyBeforeTheEnvironment() {
        assertThat(ValueLengths.of(p -> null, Map.of())).isEqualTo(10_000);
        assertThat(ValueLengths.of(p -> null, Map.of(ValueLengths.VARIABLE, "64"))).isEqualTo(64);
        assertThat(ValueLengths.of(p -> p.equals(ValueLengths.PROPERTY) ? " 100000 " : null,
                Map.of(ValueLengths.VARIABLE, "64"))).isEqualTo(100_000);
        assertThat(ValueLengths.of(p -> "8388608", Map.of())).isEqualTo(YamlDocuments.MAX_BYTES);
    }

    @Test
    void aBoundThatIsNotAWholeNumberInRangeIsRefusedSayingWhatIsExpected() {
        for (String junk : new String[] {"ten", "0", "-5", "1e4", "10,000", "8388609", "99999999999", "", "\u0661\u0662"}) {
            assertThatThrownBy(() -> ValueLengths.of(p -> junk, Map.of()))
                    .as(junk)
                    .isInstanceOf(PlanningException.class)
                    .isNotInstanceOf(DocumentException.class)
                    .hasMessage("operator limit planning.documents.maxValueLength (or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH)"
                            + " is '" + junk.strip() + "'; expected a whole number of characters from 1 to 8388608");
        }
    }
}
