package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.fixtures.Plans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentsTest {

    private static final String FILE = "plan.yaml";

    private static LocatedDocument parse(String yaml) {
        return YamlDocuments.parse(yaml.getBytes(StandardCharsets.UTF_8), FILE);
    }

    private static DocumentException refusal(String yaml) {
        return refusal(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static DocumentException refusal(byte[] bytes) {
        try {
            YamlDocuments.parse(bytes, FILE);
        } catch (DocumentException e) {
            assertThat(e.getMessage()).doesNotContain("\tat ", "Exception", "jackson", "snakeyaml");
            return e;
        }
        throw new AssertionError("expected the document to be refused");
    }

    /**
     * errors19: a character YAML does not allow was refused in SnakeYAML's words, "malformed YAML: special
     * characters are not allowed", at 1:1 whatever its place: neither the character nor where it is. It is
     * now named as every message shows a character it must not print as itself, at its line and column.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "0007|the control character \\u0007",
        "0000|the control character \\u0000",
        "007F|the control character \\u007F",
        "001B|the control character \\u001B",
        "0080|the control character \\u0080",
        "FFFE|the character \\uFFFE",
    })
    void aCharacterYamlDoesNotAllowIsNamedAtItsLineAndColumn(String hex, String named) {
        char c = (char) Integer.parseInt(hex, 16);

        DocumentException e = refusal("version: \"1\"\nowner: \"al" + c + "ice\"\n");

        assertThat(e.getMessage()).isEqualTo("malformed YAML: " + named + " is not allowed in a YAML file; expected"
                + " text: remove it (it may have come with a copy and paste)");
        assertThat(e.location()).contains(new SourceLocation(FILE, 2, 11));
    }

    @Test
    void theCharacterIsLocatedPastCharactersOutsideTheBasicPlaneAndInAComment() {
        DocumentException e = refusal("version: \"1\" # \uD83D\uDE00\uD83D\uDE00 \u0001\n");

        assertThat(e.getMessage()).startsWith("malformed YAML: the control character \\u0001 is not allowed");
        assertThat(e.location()).contains(new SourceLocation(FILE, 1, 19));
    }

    /**
     * A bidirectional override is text YAML allows: the reader keeps it (it is not taken for a refused
     * character), and every message that quotes it shows its escape (Printable).
     */
    @Test
    void aBidirectionalOverrideIsReadAsTheTextItIs() {
        LocatedDocument doc = parse("version: \"1\"\nowner: \"al\u202Eice\"\n");

        assertThat(doc.root().path("owner").asText()).isEqualTo("al\u202Eice");
    }

    @Test
    void locatesEveryNodeByJsonPointer() {
        LocatedDocument doc = parse(Plans.FE_TASKS);

        assertThat(doc.locate("/tasks/1/id")).isEqualTo(new SourceLocation(FILE, 12, 9));
        assertThat(doc.locate("/tasks/1")).isEqualTo(new SourceLocation(FILE, 12, 5));
        assertThat(doc.locate("/version")).isEqualTo(new SourceLocation(FILE, 1, 10));
        assertThat(doc.root().path("tasks").size()).isEqualTo(2);
    }

    @Test
    void locatesAMissingFieldAtItsNearestParent() {
        LocatedDocument doc = parse(Plans.FE_TASKS);

        assertThat(doc.locate("/tasks/1/nothing/deeper")).isEqualTo(doc.locate("/tasks/1"));
        assertThat(doc.locate("not a pointer")).isEqualTo(new SourceLocation(FILE, 1, 1));
    }

    @Test
    void readsAFileWithAByteOrderMarkAndCrlfLineEnds(@TempDir Path dir) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "version: \"1\"\r\nowner: alice\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(text, 0, content, bom.length, text.length);
        Path file = Plans.write(dir, "bom.yaml", content);

        LocatedDocument doc = YamlDocuments.read(file, "bom.yaml");

        assertThat(doc.root().path("version").asText()).isEqualTo("1");
        assertThat(doc.root().path("owner").asText()).isEqualTo("alice");
        assertThat(doc.locate("/owner")).isEqualTo(new SourceLocation("bom.yaml", 2, 8));
    }

    @Test
    void readsAnEmptyValueAsNull() {
        assertThat(parse("owner:\nname: x\n").root().get("owner").isNull()).isTrue();
    }

    @Test
    void refusesMalformedYamlWithLineColumnAndWhatWasExpected() {
        DocumentException e = refusal("version: \"1\"\ntasks:\n  - id: FE-1\n   title: broken\n");

        assertThat(e.code()).isEqualTo(DocumentException.YAML_SYNTAX);
        assertThat(e.location()).contains(new SourceLocation(FILE, 4, 4));
        assertThat(e.getMessage()).startsWith("malformed YAML: expected the end of the indented block, but found the start of a mapping")
                .contains("block collection that starts at line 3, column 3")
                .contains("check the indentation");
    }

    @Test
    void refusesAnUnquotedColonInAValueWithAHint() {
        DocumentException e = refusal("title: Checkout: the form\n");

        assertThat(e.location()).contains(new SourceLocation(FILE, 1, 16));
        assertThat(e.getMessage()).startsWith("malformed YAML: mapping values are not allowed here")
                .contains("quote a value");
    }

    @Test
    void refusesAnUnclosedFlowSequenceNamingWhereItStarted() {
        DocumentException e = refusal("deps: [FE-1, FE-2\nowner: bob\n");

        assertThat(e.code()).isEqualTo(DocumentException.YAML_SYNTAX);
        assertThat(e.location().orElseThrow().line()).isGreaterThanOrEqualTo(2);
        assertThat(e.getMessage()).contains("flow sequence").contains("line 1, column 7");
    }

    @Test
    void locatesAQuoteLeftOpenAtTheEndOfTheFileWhereItOpens() {
        DocumentException e = refusal("id: FE-1\ntitle: \"never closed\nowner: bob\n");

        assertThat(e.location().orElseThrow()).isEqualTo(new SourceLocation(FILE, 2, 8));
        assertThat(e.getMessage()).contains("quote or bracket is not closed");
    }

    @Test
    void locatesAnUnknownKeyAtTheKeyNotItsValue() {
        LocatedDocument doc = parse("tasks:\n  - id: FE-1\n    colour: blue\n");

        assertThat(doc.locateKey("/tasks/0/colour")).isEqualTo(new SourceLocation(FILE, 3, 5));
        assertThat(doc.locate("/tasks/0/colour")).isEqualTo(new SourceLocation(FILE, 3, 13));
        assertThat(doc.locateKey("/tasks/0/missing")).isEqualTo(doc.locate("/tasks/0"));
    }

    @Test
    void refusesTabIndentation() {
        DocumentException e = refusal("tasks:\n\t- id: FE-1\n");

        assertThat(e.location()).contains(new SourceLocation(FILE, 2, 1));
        assertThat(e.getMessage()).contains("a tab character where YAML allows only spaces")
                .contains("replace the tab with spaces");
    }

    @Test
    void explainsATabAfterAColonWithoutParserInternals() {
        DocumentException e = refusal("a:\tb\n");

        assertThat(e.getMessage()).contains("a tab character where YAML allows only spaces")
                .doesNotContain("Do not use tab for indentation").doesNotContain("cannot start any token");
    }

    @Test
    void namesParserTokensInPlainWords() {
        DocumentException e = refusal("tasks:\n  - id: FE-1\n  ? x\n");

        assertThat(e.getMessage()).doesNotContain("'?'").doesNotContain("<block end>");
    }

    @Test
    void refusesDuplicateKeysAtTheSecondOccurrence() {
        DocumentException e = refusal("tasks:\n  - id: FE-1\n    title: a\n    id: FE-2\n");

        assertThat(e.code()).isEqualTo(DocumentException.YAML_DUPLICATE_KEY);
        assertThat(e.location()).contains(new SourceLocation(FILE, 4, 5));
        assertThat(e.getMessage()).contains("duplicate key `id`");
    }

    @Test
    void refusesAnAliasBombQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }

        DocumentException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refusal(bomb.toString()));

        assertThat(e.code()).isEqualTo(DocumentException.YAML_ALIAS);
        assertThat(e.location()).contains(new SourceLocation(FILE, 2, 8));
        assertThat(e.getMessage()).contains("alias *a");
    }

    @Test
    void refusesAMergeKeyAliasToo() {
        assertThat(refusal("base: &b {owner: x}\ntask:\n  <<: *b\n").code()).isEqualTo(DocumentException.YAML_ALIAS);
    }

    @Test
    void refusesDeepNestingQuickly() {
        String flow = "x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        StringBuilder block = new StringBuilder();
        // Block style costs quadratic space, so 1,000 levels already make a megabyte.
        for (int depth = 0; depth < 1_000; depth++) {
            block.append("  ".repeat(depth)).append("k:\n");
        }

        DocumentException flowError = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refusal(flow));
        DocumentException blockError = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> refusal(block.toString()));

        assertThat(flowError.code()).isEqualTo(DocumentException.YAML_TOO_DEEP);
        assertThat(flowError.getMessage()).contains("deeper than 64 levels");
        assertThat(flowError.location().orElseThrow().line()).isEqualTo(1);
        assertThat(blockError.code()).isEqualTo(DocumentException.YAML_TOO_DEEP);
        assertThat(blockError.location().orElseThrow().line()).isEqualTo(65);
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        String yaml = "x: " + "[".repeat(63) + "]".repeat(63) + "\n";

        assertThat(parse(yaml).root().has("x")).isTrue();
    }

    @Test
    void refusesInvalidUtf8NamingTheLineAndColumnOfTheFirstBadByte() {
        byte[] prefix = "version: \"1\"\nowner: é".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + 2];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        content[prefix.length] = (byte) 0xFF;
        content[prefix.length + 1] = '\n';

        DocumentException e = refusal(content);

        assertThat(e.code()).isEqualTo(DocumentException.FILE_ENCODING);
        assertThat(e.location()).contains(new SourceLocation(FILE, 2, 9));
        assertThat(e.getMessage()).contains("0xFF").contains("UTF-8");
    }

    @Test
    void refusesADocumentLargerThanTheLimitSayingTheLimit(@TempDir Path dir) {
        Path big = Plans.write(dir, "big.yaml", new byte[YamlDocuments.MAX_BYTES + 1]);

        assertThatThrownBy(() -> YamlDocuments.read(big, "big.yaml"))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentException.FILE_TOO_LARGE))
                .hasMessageContaining("limited to 8388608 bytes (8 MiB)");
    }

    @Test
    void refusesAMissingFileAsUnreadable(@TempDir Path dir) {
        assertThatThrownBy(() -> YamlDocuments.read(dir.resolve("none.yaml"), "none.yaml"))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentException.FILE_UNREADABLE);
                    assertThat(e.describe()).isEqualTo("none.yaml: file does not exist");
                });
    }

    @Test
    void refusesAnEmptyDocumentAndASecondDocument() {
        assertThat(refusal("# nothing here\n").getMessage()).contains("document is empty");
        DocumentException second = refusal("a: 1\n---\nb: 2\n");
        assertThat(second.getMessage()).contains("expected exactly one document");
        assertThat(second.location().orElseThrow().line()).isEqualTo(3);
    }

    /**
     * reliab23: the escape of half a surrogate pair gives a Java string no UTF-8 file can hold, which every
     * writer after the reader turned into something else (two texts sealed alike). Each such key and value is
     * refused at its line and column, all of the file's; a whole pair is one character and is read.
     */
    @Test
    void aLoneSurrogateEscapeIsRefusedAtItsLineEveryOneOfTheFileAndAPairIsRead() {
        DocumentException e = refusal("title: \"x \\ud800 y\"\nok: \"\\ud83d\\ude00\"\n\"k\\udfff\": 1\n");

        assertThat(e.code()).isEqualTo(DocumentException.FILE_ENCODING);
        assertThat(e.getMessage()).startsWith("2 values hold a lone surrogate:")
                .contains("plan.yaml:1:8: `title` holds a lone surrogate (the escape \\uD800 without the other half of"
                        + " its pair, at character 3)", "plan.yaml:3:1: a key of `(document)` holds a lone surrogate"
                        + " (the escape \\uDFFF");
        assertThat(YamlDocuments.findings(e)).hasSize(2);
        assertThat(parse("ok: \"\\ud83d\\ude00\"\n").root().path("ok").textValue()).isEqualTo("\ud83d\ude00");
    }

    /** A file with a value over the bound and one with a lone surrogate lists both (it listed the surrogate alone). */
    @Test
    void aValueTooLongAndALoneSurrogateOfOneFileAreBothListedEachWithItsFinding() {
        DocumentException e = refusal("title: \"" + "a".repeat(10_001) + "\"\nnote: \"x \\ud800\"\n");

        assertThat(e.getMessage()).startsWith("2 values are refused:")
                .contains("plan.yaml:1:8: `title` is 10,001 characters long, more than 10,000 characters",
                        "plan.yaml:2:7: `note` holds a lone surrogate");
        assertThat(YamlDocuments.findings(e)).extracting(Finding::code)
                .containsExactly(DocumentException.YAML_VALUE_TOO_LONG, DocumentException.FILE_ENCODING);
    }

    /** Every document of a multi-document file is read before either kind is refused: all of them listed. */
    @Test
    void aMultiDocumentFileListsTheLoneSurrogatesOfEveryDocumentWithItsLongValues(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cases.yaml"), "a: \"\\udc00\"\n---\nb: \"" + "b".repeat(10_001)
                + "\"\n---\nc: \"\\ud800\"\n", StandardCharsets.UTF_8);

        DocumentException e = catchThrowableOfType(DocumentException.class, () -> YamlDocuments.readAll(file, "cases.yaml"));

        assertThat(e.getMessage()).startsWith("3 values are refused:")
                .contains("cases.yaml:1:4: `a` holds a lone surrogate", "cases.yaml:3:4: `b` is 10,001 characters long",
                        "cases.yaml:5:4: `c` holds a lone surrogate");
        assertThat(YamlDocuments.findings(e)).hasSize(3);
    }
}
