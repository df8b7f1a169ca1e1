package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * review27: every fenced block Markdown renders as Java is one the documents' check reads, whatever its fence's
 * spelling; a block of another language is not. docs28: a block is a region or a listed sketch as a whole, and one
 * that is not is reported at the line of the document that differs.
 */
class ReadmeRegionsBlocksTest {

    @Test
    void everySpellingOfAJavaFenceIsAJavaBlock() {
        String text = "# t\n```java\nA a;\n```\n```Java\nB b;\n```\n~~~java\nC c;\n~~~\n```java title=\"x\"\nD d;\n```\n"
                + "```java\r\nE e;\r\n```\n";

        assertThat(ReadmeRegions.javaBlocks(text).values()).containsExactly("A a;", "B b;", "C c;", "D d;", "E e;");
    }

    @Test
    void anotherLanguagesBlockIsNoJavaBlock() {
        assertThat(ReadmeRegions.javaBlocks("```javascript\nlet a;\n```\n```yaml\njava: 1\n```\n")).isEmpty();
    }

    @Test
    void aSketchWhoseBodyDiffersIsReportedAtItsFirstDifferingLine() {
        ReadmeRegions.Sketch sketch = new ReadmeRegions.Sketch("d.md", "why", "class A {\n    void a() {\n        ...\n    }\n}\n");
        Set<ReadmeRegions.Sketch> seen = new HashSet<>();

        assertThat(ReadmeRegions.notARegion("d.md", new ReadmeRegions.Block(7, "class A {\n    void b() {\n        ...\n    }\n}"),
                List.of(), List.of(sketch), seen)).containsExactly("d.md:8: this line of the sketch differs from the one"
                        + " ReadmeRegions lists: the document has `void b() {`, the list `void a() {`");
        assertThat(seen).containsExactly(sketch);
    }

    @Test
    void aSketchShownWithOtherRunsOfBlanksIsTheSketch() {
        ReadmeRegions.Sketch sketch = new ReadmeRegions.Sketch("d.md", "why", "class A {\n    void a() {}\n}\n");

        assertThat(ReadmeRegions.notARegion("d.md", new ReadmeRegions.Block(3, "class A {\n  void  a() {}   \n}"),
                List.of(), List.of(sketch), new HashSet<>())).isEmpty();
    }

    @Test
    void aSketchCutShortIsReportedWhereItEnds() {
        ReadmeRegions.Sketch sketch = new ReadmeRegions.Sketch("d.md", "why", "class A {\n    int a;\n}\n");

        assertThat(ReadmeRegions.notARegion("d.md", new ReadmeRegions.Block(3, "class A {\n    int a;"),
                List.of(), List.of(sketch), new HashSet<>())).containsExactly("d.md:5: this line of the sketch differs"
                        + " from the one ReadmeRegions lists: the document has no line (the block ends before), the list `}`");
    }

    @Test
    void aBlockThatDiffersFromARegionByBlanksIsReportedWithTheSourcesLine() {
        ReadmeRegions.Region region = new ReadmeRegions.Region("m/A.java", "x", 40, "a();\nb(1, 2);\nc();");

        assertThat(ReadmeRegions.notARegion("d.md", new ReadmeRegions.Block(10, "a();\nb(1,  2);\nc();"),
                List.of(region), List.of(), new HashSet<>())).containsExactly("d.md:11: this line differs from the"
                        + " region x of m/A.java (its line 41): the document has `b(1,  2);`, the source `b(1, 2);`");
        assertThat(ReadmeRegions.notARegion("d.md", new ReadmeRegions.Block(10, "a();\nb(1, 2);\nc();"),
                List.of(region), List.of(), new HashSet<>())).isEmpty();
    }

    @Test
    void aBlockLikeNoRegionIsReportedAtItsFirstLine() {
        assertThat(ReadmeRegions.notARegion("d.md", new ReadmeRegions.Block(10, "z();"), List.of(), List.of(),
                new HashSet<>())).containsExactly("d.md:10: a Java block that is no tagged region of a tested source");
    }
}
