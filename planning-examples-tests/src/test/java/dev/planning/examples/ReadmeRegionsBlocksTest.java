package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * review27: every fenced block Markdown renders as Java is one the documents' check reads, whatever its fence's
 * spelling; a block of another language is not.
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
}
