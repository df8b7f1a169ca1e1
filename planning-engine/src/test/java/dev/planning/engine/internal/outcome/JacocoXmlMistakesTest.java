package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * errors21: every mistake of a JaCoCo report in one refusal, one line each; before, the first alone was
 * refused. errors23: each at its attribute's value, or at its element's {@code <} (they were at the end of
 * the start tag, where the parser names an element).
 */
class JacocoXmlMistakesTest {

    private static InvalidInputException refusal(String xml) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> JacocoXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "jacoco.xml"));
    }

    @Test
    void everyMistakeOfTheReportIsListedAtItsAttributeOrElement() {
        InvalidInputException e = refusal("""
                <report name="x">
                  <package name="p"/>
                  <counter type="BRANCH" missed="x" covered="99999999999999999999"/>
                  <counter type="BRANCH" missed="0" covered="1"/>
                  <sessioninfo id="s">&n;</sessioninfo>
                </report>
                """);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JaCoCo XML report: 5 errors:",
                "  jacoco.xml:2:3: <report> holds classes but no <counter type=\"LINE\"> total: expected the totals"
                        + " JaCoCo writes at the end of <report>",
                "  jacoco.xml:3:34: <counter type=\"BRANCH\"> has missed=\"x\"; expected a whole number of at most 18"
                        + " digits",
                "  jacoco.xml:3:46: <counter type=\"BRANCH\"> has covered=\"99999999999999999999\"; expected a whole"
                        + " number of at most 18 digits",
                "  jacoco.xml:4:18: <report> has a second <counter type=\"BRANCH\">: a report states each total once",
                "  jacoco.xml:5:23: the report uses the entity &n; entities are not accepted in coverage reports");
        assertThat(e.location().orElseThrow().line()).isEqualTo(2);
    }

    /**
     * A source file's refusal (cov21's per-line reading) is one of the report's mistakes: the report's own
     * mistakes after it are still listed, and so are the source files' after it (errors24: after one refused
     * source file, the later ones were not read).
     */
    @Test
    void aSourceFilesRefusalIsListedBesideTheReportsOtherMistakes() {
        InvalidInputException e = refusal("""
                <report name="x">
                  <package name="p">
                    <sourcefile name="A.java"><line nr="-1" mi="0" ci="1" mb="0" cb="0"/></sourcefile>
                    <sourcefile name="B.java"><line nr="-2" mi="0" ci="1" mb="0" cb="0"/></sourcefile>
                  </package>
                  <counter type="LINE" missed="x" covered="1"/>
                </report>
                """);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JaCoCo XML report: 3 errors:",
                "  jacoco.xml:3:41: <line> has nr=\"-1\"; expected a whole number of at most 18 digits",
                "  jacoco.xml:4:41: <line> has nr=\"-2\"; expected a whole number of at most 18 digits",
                "  jacoco.xml:6:32: <counter type=\"LINE\"> has missed=\"x\"; expected a whole number of at most 18"
                        + " digits");
    }

    /**
     * review21: a {@code <sourcefile>} outside a {@code <package>} with a {@code <line>} or {@code <counter>}
     * in it was a NullPointerException (an internal error, exit 1); it is refused at the element, as
     * JaCoCo writes source files in packages only.
     */
    @Test
    void aSourceFileOutsideAPackageIsRefusedAtItNotAnInternalError() {
        InvalidInputException e = refusal("""
                <report name="x">
                  <sourcefile name="A.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile>
                  <group name="g"><sourcefile name="B.java"><counter type="LINE" missed="0" covered="1"/></sourcefile></group>
                  <counter type="LINE" missed="0" covered="1"/>
                </report>
                """);

        assertThat(e).isNotNull();
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JaCoCo XML report: 2 errors:",
                "  jacoco.xml:2:3: <sourcefile name=\"A.java\"> is inside <report>: expected it inside a <package>, as"
                        + " JaCoCo writes it",
                "  jacoco.xml:3:19: <sourcefile name=\"B.java\"> is inside <group>: expected it inside a <package>, as"
                        + " JaCoCo writes it");
        assertThat(e.location().orElseThrow().line()).isEqualTo(2);
    }

    /**
     * errors24: every refused source file is named, each once: the rest of a refused source file is not read
     * (its counts, off by the refused line, would refuse it again), and the source files after it are.
     */
    @Test
    void everyRefusedSourceFileIsNamedOnceAndTheFilesAfterItAreRead() {
        InvalidInputException e = refusal("""
                <report name="x">
                  <package name="p">
                    <sourcefile name="A.java"><line nr="1" mi="0" ci="0" mb="0" cb="0"/><line nr="2" mi="0" ci="1" mb="0" cb="0"/><counter type="LINE" missed="0" covered="2"/></sourcefile>
                    <sourcefile name="A.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile>
                    <sourcefile name="B.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/><counter type="LINE" missed="0" covered="1"/></sourcefile>
                    <sourcefile name="C.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/><counter type="LINE" missed="0" covered="2"/></sourcefile>
                  </package>
                  <package name="q.r"><sourcefile name="D.java"><line nr="x" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package>
                  <package><sourcefile name="E.java"><line nr="x" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package>
                  <package name="s"><sourcefile name="F/G.java"/><sourcefile name="H.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package>
                  <counter type="LINE" missed="0" covered="9"/>
                </report>
                """);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).hasSize(8);
        assertThat(e.getMessage().lines().skip(1).map(line -> line.substring(0, line.indexOf(": "))).toList())
                .containsExactly("  jacoco.xml:3:31", "  jacoco.xml:4:23", "  jacoco.xml:6:5", "  jacoco.xml:8:18",
                        "  jacoco.xml:9:3", "  jacoco.xml:10:39", "  jacoco.xml:10:50");
        assertThat(e.getMessage()).contains("<line nr=\"1\"> has no instruction")
                .contains("<sourcefile name=\"A.java\"> appears a second time")
                .contains("the <line>s of <sourcefile name=\"C.java\"> count 1 covered")
                .contains("<package name=\"q.r\"> is not a package as JaCoCo names it")
                .contains("<package> has no name attribute")
                .contains("<sourcefile name=\"F/G.java\"> is not a file name")
                .contains("the <line>s of <sourcefile name=\"H.java\"> count 1 covered")
                .doesNotContain("D.java").doesNotContain("E.java");
    }

    /** A break in the XML ends the reading: the mistakes before it, then where the parser stopped. */
    @Test
    void theMistakesBeforeABreakInTheXmlAreListedThenTheBreak() {
        InvalidInputException e = refusal("<report name=\"x\">\n<counter type=\"LINE\" missed=\"-1\" covered=\"2\"/>\n<counter");

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).hasSize(3);
        assertThat(e.getMessage().lines().toList().get(1)).isEqualTo("  jacoco.xml:2:30: <counter type=\"LINE\"> has"
                + " missed=\"-1\"; expected a whole number of at most 18 digits");
        assertThat(e.getMessage().lines().toList().get(2)).startsWith("  jacoco.xml:3:").contains("not a well-formed");
    }

    /** Hostile: an empty file and a second root stay one message each; a DOCTYPE's entity is still refused. */
    @Test
    void hostileReportsStayRefused() {
        assertThat(refusal("").getMessage()).doesNotContain("\n");
        assertThat(refusal("<report name=\"x\"/><report name=\"y\"/>").getMessage()).doesNotContain("\n")
                .contains("not a well-formed JaCoCo XML report");
        assertThat(refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY e \"1\">]>\n<report name=\"x\">&e;</report>")
                .getMessage()).isEqualTo("the report uses the entity &e; entities are not accepted in coverage reports");
    }
}
