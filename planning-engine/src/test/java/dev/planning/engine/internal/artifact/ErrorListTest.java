package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorListTest {

    private static List<Finding> errors(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> Finding.error("schema.x", "mistake " + i, new SourceLocation("m.yaml", i, 1)))
                .toList();
    }

    @Test
    void oneErrorIsItsOwnMessage() {
        InvalidInputException e = ErrorList.exception("invalid manifest", errors(1), null);

        assertThat(e.getMessage()).isEqualTo("invalid manifest: mistake 1");
        assertThat(e.location()).contains(new SourceLocation("m.yaml", 1, 1));
    }

    @Test
    void listsEveryErrorLocated() {
        InvalidInputException e = ErrorList.exception("invalid manifest", errors(15), null);

        assertThat(e.getMessage()).startsWith("invalid manifest: 15 errors:\n  m.yaml:1:1: mistake 1\n")
                .contains("\n  m.yaml:15:1: mistake 15").doesNotContain("more");
    }

    @Test
    void boundsTheListAndSaysHowManyMore() {
        String message = ErrorList.message("bad", errors(ErrorList.MAX_SHOWN + 7));

        assertThat(message).contains("mistake " + ErrorList.MAX_SHOWN).doesNotContain("mistake " + (ErrorList.MAX_SHOWN + 1))
                .endsWith("\n  and 7 more");
    }

    /** errors23: a hostile file's mistakes are counted past the fifty kept, not kept (all were). */
    @Test
    void mistakesKeepFiftyAndCountTheRest() {
        ErrorList.Mistakes mistakes = new ErrorList.Mistakes();
        for (int i = 1; i <= 1_000_000; i++) {
            mistakes.add(Finding.error("x", "mistake " + i, new SourceLocation("m.lcov", i, 1)));
        }

        assertThat(mistakes.kept()).hasSize(ErrorList.MAX_SHOWN);
        assertThat(mistakes.count()).isEqualTo(1_000_000);
        InvalidInputException e = mistakes.exception("bad", null);
        assertThat(e.getMessage()).startsWith("bad: 1000000 errors:\n  m.lcov:1:1: mistake 1\n")
                .endsWith("\n  m.lcov:50:1: mistake 50\n  and 999950 more");
        assertThat(ErrorList.unlisted(e)).isEqualTo(999_950);
    }

    /** A caller listing several files' mistakes passes their unkept counts on: the total stays true. */
    @Test
    void theCountOfUnkeptMistakesCarriesThroughAListOfFiles() {
        ErrorList.Mistakes many = new ErrorList.Mistakes();
        for (int i = 1; i <= 80; i++) {
            many.add(Finding.error("x", "mistake " + i, new SourceLocation("a.info", i, 1)));
        }
        List<InvalidInputException> refused = List.of(many.exception("bad", null),
                new InvalidInputException("one mistake", new SourceLocation("b.info", 1, 1)));

        InvalidInputException all = ErrorList.exception("nothing imported",
                refused.stream().flatMap(e -> ErrorList.errors(e).stream()).toList(),
                refused.stream().mapToLong(ErrorList::unlisted).sum(), null);

        assertThat(all.getMessage()).startsWith("nothing imported: 81 errors:").endsWith("\n  and 31 more");
        assertThat(ErrorList.unlisted(all.renamed(f -> "x/" + f, "moved"))).isEqualTo(30);
    }

    /**
     * errors23: a name quoted from a file with a line break printed a line of its own that read as another
     * located error. Every error's text is shown on one line: LF, CR, U+2028 and ESC as their escapes.
     */
    @Test
    void anErrorsTextIsShownOnOneLineWhateverANameInItHolds() {
        List<Finding> forged = List.of(
                Finding.error("x", "case \"a\nm.yaml:9:1: fine\" failed", new SourceLocation("m.yaml", 1, 1)),
                Finding.error("x", "case \"b\rm.yaml:9:1: fine\" failed", new SourceLocation("m.yaml", 2, 1)),
                Finding.error("x", "case \"c\u2028m.yaml:9:1: fine\" failed", new SourceLocation("m.yaml", 3, 1)),
                Finding.error("x", "case \"d\u001B[1A\u001B[2Kfine\" failed", new SourceLocation("m.yaml", 4, 1)));

        InvalidInputException e = ErrorList.exception("bad", forged, null);

        assertThat(e.getMessage().lines().toList()).containsExactly("bad: 4 errors:",
                "  m.yaml:1:1: case \"a\\u000Am.yaml:9:1: fine\" failed",
                "  m.yaml:2:1: case \"b\\u000Dm.yaml:9:1: fine\" failed",
                "  m.yaml:3:1: case \"c\\u2028m.yaml:9:1: fine\" failed",
                "  m.yaml:4:1: case \"d\\u001B[1A\\u001B[2Kfine\" failed");
        ErrorList.Mistakes one = new ErrorList.Mistakes();
        one.add(forged.get(0));
        assertThat(one.exception("bad", null).getMessage()).isEqualTo("case \"a\\u000Am.yaml:9:1: fine\" failed");
        assertThat(ErrorList.exception("bad", forged.subList(2, 3), null).getMessage())
                .isEqualTo("bad: case \"c\\u2028m.yaml:9:1: fine\" failed");
    }

    /** A refusal that lists errors itself keeps its lines when listed in another (a file a case reads). */
    @Test
    void aListInsideAListKeepsItsLines() {
        InvalidInputException inner = ErrorList.exception("invalid manifest", errors(2), null);

        InvalidInputException outer = ErrorList.ofRefusals("invalid rule tests", List.of(inner,
                new InvalidInputException("x\ny", new SourceLocation("t.yaml", 5, 1))), null);

        assertThat(outer.getMessage().lines().toList()).containsExactly("invalid rule tests: 2 errors:",
                "  m.yaml:1:1: invalid manifest: 2 errors:", "  m.yaml:1:1: mistake 1", "  m.yaml:2:1: mistake 2",
                "  t.yaml:5:1: x\\u000Ay");
    }

    /**
     * errors24: the refusals of several files are one refusal listing every mistake of each, sorted by file and
     * location, the first fifty listed and the rest, those each file counted included, counted.
     */
    @Test
    void theRefusalsOfSeveralFilesListEveryMistakeSortedByFileAndLocationBounded() {
        ErrorList.Mistakes many = new ErrorList.Mistakes();
        IntStream.rangeClosed(1, 60).forEach(line -> many.add(Finding.error("x", "bad " + line,
                new SourceLocation("c.xml", line, 1))));
        InvalidInputException b = ErrorList.exception("invalid", List.of(
                Finding.error("x", "late", new SourceLocation("b.xml", 9, 2)),
                Finding.error("x", "early", new SourceLocation("b.xml", 2, 7))), null);
        InvalidInputException a = new InvalidInputException("alone", new SourceLocation("a.info", 3, 1));

        InvalidInputException e = ErrorList.ofFiles("3 files cannot be read", List.of(many.exception("invalid", null),
                b, a), null);

        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines.get(0)).isEqualTo("3 files cannot be read: 63 errors:");
        assertThat(lines.subList(1, 5)).containsExactly("  a.info:3:1: alone", "  b.xml:2:7: early", "  b.xml:9:2: late",
                "  c.xml:1:1: bad 1");
        assertThat(lines).hasSize(1 + 50 + 1).endsWith("  and 13 more");
        assertThat(e.location()).contains(new SourceLocation("a.info", 3, 1));
        assertThat(ErrorList.unlisted(e)).isEqualTo(13);
        assertThat(ErrorList.ofFiles("one", List.of(a), null)).isSameAs(a);
    }
}
