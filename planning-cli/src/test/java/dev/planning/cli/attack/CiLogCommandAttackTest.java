package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

/**
 * Found by attack37 (2026-12-07): a CI runner reads commands from every line a job prints, and the
 * command line printed a plan's text inside its own lines as written. GitHub Actions' runner reads its
 * older form, {@code ##[command]data}, anywhere in a line ({@code ActionCommand.TryParse}: the data is the
 * rest of the line), Azure Pipelines' {@code ##vso[...]} and TeamCity's {@code ##teamcity[...]} likewise.
 * So a task's {@code parent} of {@code ##[stop-commands]...}, quoted by {@code lint}'s finding, stopped the
 * runner from reading any later command of the job (a later step's {@code ::add-mask::} of a secret among
 * them, which then printed in clear); {@code ##[add-mask]} hid the rest of the line wherever it appeared
 * again, {@code ##[group]} folded the verdict away, {@code ##[set-output]} set the step's output, and
 * {@code ##vso[task.prependpath]} put a committed directory first on the {@code PATH} of the job's later
 * steps. The {@code [} of such a form is now written as its escape, in every format (in JSON the same value).
 */
@Tag("slow")
@Tag("attack")
class CiLogCommandAttackTest {

    /** A runner's command anywhere in a line: {@code ##}, ASCII letters, {@code [}. */
    private static final Pattern COMMAND = Pattern.compile("##[A-Za-z]*\\[");

    /** GitHub Actions' {@code ::command::}, after the blanks a line begins with (.NET's white space). */
    private static final Pattern LINE_COMMAND = Pattern.compile("^[\\p{javaWhitespace}\\p{Zs}]*::", Pattern.MULTILINE);

    private static final String STOP = "##[stop-commands]planning";
    private static final String PATH = "##vso[task.prependpath]frameworks/planning-fe/bin";
    private static final String MASK = "##[add-mask]lint failed";

    @TempDir
    Path dir;

    private AttackWorkspace hostilePlan() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.addTask(STOP, "Hostile", "alice", MASK, PATH);
        return ws;
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "junit", "markdown"})
    void aPlansTextWritesNoRunnersCommandIntoAnyOutputOfLint(String format) throws Exception {
        AttackWorkspace ws = hostilePlan();
        CliRun lint = ws.run("lint", "-w", ws.root().toString(), "--format", format);

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(lint.out()).as("the plan's text is quoted").contains("stop-commands");
        assertThat(COMMAND.matcher(lint.out()).find()).as(lint.out()).isFalse();
        assertThat(COMMAND.matcher(lint.err()).find()).as(lint.err()).isFalse();
    }

    @Test
    void textShowsTheEscapeAndJsonKeepsTheValue() throws Exception {
        AttackWorkspace ws = hostilePlan();
        CliRun text = ws.run("lint", "-w", ws.root().toString());
        CliRun json = ws.run("lint", "-w", ws.root().toString(), "--format", "json");

        assertThat(text.out()).as(text.out()).contains("##\\u005Bstop-commands]planning");
        assertThat(new ObjectMapper().readTree(json.out()).get("findings")).as(json.out())
                .anySatisfy(f -> assertThat(f.get("message").asText()).contains(STOP));
    }

    /**
     * Out38: the JUnit XML the command line prints showed the escape {@code \u005cu005B}, literal text to an XML
     * reader, so the report's value was not the plan's; it is now a character reference, the same value.
     */
    @Test
    void junitKeepsTheValueOfARunnersCommand() throws Exception {
        AttackWorkspace ws = hostilePlan();
        CliRun junit = ws.run("lint", "-w", ws.root().toString(), "--format", "junit");

        assertThat(junit.out()).as(junit.out()).contains("##&#91;stop-commands]planning").doesNotContain("\\u005B");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        String failures = factory.newDocumentBuilder().parse(new InputSource(new StringReader(junit.out())))
                .getDocumentElement().getTextContent();
        assertThat(failures).contains(STOP, PATH);
    }

    /**
     * A discrepancy starts an indented line at each line break of what it quotes (a gate name written into the
     * manifest), and GitHub Actions' runner reads {@code ::command::} after the blanks a line begins with: the
     * gate name {@code "parity_coverage\n::stop-commands::planning"} paused the job's later commands. The line's
     * first {@code :} is now written as its escape.
     */
    @Test
    void aGateNameWrittenIntoTheManifestCannotBeginALineWithARunnersCommand() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.renameManifestGate("parity_coverage\\n::stop-commands::planning");
        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).as(verify.out()).contains("\\u003A:stop-commands::planning");
        assertThat(LINE_COMMAND.matcher(verify.out()).find()).as(verify.out()).isFalse();
    }
}
