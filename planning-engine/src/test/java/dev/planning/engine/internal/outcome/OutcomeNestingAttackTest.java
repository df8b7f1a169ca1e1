package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Eleventh review (2026-12-04): an imported outcome file is anyone's to commit, and the XML readers
 * kept one entry per open element. A JUnit file of 32 MiB (the bound per outcome file) that is
 * nothing but {@code <testsuite>} start tags, about 3 million levels, ran the test JVM out of a
 * 256 MiB heap ({@code OutOfMemoryError}, not a located error), where flat files of the same size
 * stayed within it. Elements now nest at most {@value SecureXml#MAX_DEPTH} deep in the JUnit and
 * JaCoCo readers; deeper is refused, located.
 */
class OutcomeNestingAttackTest {

    private static byte[] nested(String open, String close, int depth, String inner) {
        return (open.repeat(depth) + inner + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void junitSuitesNestedPastTheBoundAreRefusedLocated() {
        byte[] report = nested("<testsuite>\n", "</testsuite>\n", 10_000, "<testcase name=\"a\"/>\n");

        assertThatThrownBy(() -> new JUnitReportParser().parse(report, "junit/TEST-deep.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nested more than " + SecureXml.MAX_DEPTH)
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("junit/TEST-deep.xml");
                    assertThat(where.line()).isEqualTo(SecureXml.MAX_DEPTH + 1);
                });
    }

    @Test
    void junitSuitesNestedWithinTheBoundAreRead() {
        byte[] report = nested("<testsuite tests=\"1\">\n", "</testsuite>\n", SecureXml.MAX_DEPTH - 2,
                "<testcase name=\"a\"><failure/></testcase>\n");

        assertThat(new JUnitReportParser().parse(report, "junit/TEST-ok.xml").failures()).isEqualTo(1);
    }

    @Test
    void jacocoGroupsNestedPastTheBoundAreRefusedLocated() {
        byte[] report = ("<report name=\"r\">" + "<group name=\"g\">\n".repeat(10_000) + "</group>".repeat(10_000)
                + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JacocoXml.parse(new ByteArrayInputStream(report), "jacoco.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nested more than " + SecureXml.MAX_DEPTH)
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line())
                        .isEqualTo(SecureXml.MAX_DEPTH));
    }

    @Test
    void jacocoGroupsNestedWithinTheBoundAreRead() {
        byte[] report = ("<report name=\"r\">" + "<group name=\"g\">\n".repeat(SecureXml.MAX_DEPTH - 2)
                + "</group>".repeat(SecureXml.MAX_DEPTH - 2)
                + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>").getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> JacocoXml.parse(new ByteArrayInputStream(report), "jacoco.xml")).doesNotThrowAnyException();
    }
}
