package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.digest.DigestFrontMatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code planning lint} checks each committed digest as a later cycle reads it, every mistake at its line and column. */
class DigestLintTest extends LintedWorkspaceFixture {

    private static final String DIGEST = "frameworks/planning-fe/digests/2025-09-02-digest.md";
    private static final String EARLIER = "frameworks/planning-fe/digests/2025-08-19-digest.md";

    /** A digest's front matter as the publisher writes it, shortened; line 1 is {@code ---}. */
    private static final String VALID = """
            ---
            version: "1.0"
            cycle_id: "2025-09-02"
            stream: "fe"
            generated_at: "2025-09-02T10:00:00Z"
            inputs:
              stories_total: 4
            kpis:
              coverage:
                actual: 80
                target: 70
                unit: "percent"
                direction: "higher_is_better"
                status: "met"
                trend: "new"
            gates:
              schema_lint: "PASS"
            ---
            # Digest fe 2025-09-02
            """;

    private LintReport lint(Optional<String> cycle) {
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), cycle);
    }

    private List<String> described(Optional<String> cycle) {
        return lint(cycle).findings().stream().map(Finding::describe).toList();
    }

    @Test
    void aValidDigestLintsCleanAndIsListedAsChecked() {
        write(DIGEST, VALID);

        LintReport report = lint(Optional.empty());

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).contains(DIGEST);
        // The same file is one the reader takes: lint judges by the reader's own checks.
        assertThat(DigestFrontMatter.readOf(workspace.resolve(DIGEST), DIGEST,
                new CycleRef("fe", "2025-09-02"), "digest", "figures").cycleId())
                .isEqualTo("2025-09-02");
    }

    @Test
    void frontMatterThatIsNotYamlIsReportedAtItsLineAndColumn() {
        write(DIGEST, VALID.replace("stream: \"fe\"\n", "stream: \"fe\"\ntitle: a: b\n"));

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(DIGEST + ":5:9: error: malformed YAML"));
    }

    @Test
    void aSchemaViolationIsReportedAtTheValue() {
        write(DIGEST, VALID.replace("schema_lint: \"PASS\"", "schema_lint: \"MAYBE\""));

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(DIGEST + ":17:16: error: ").contains("PASS", "WARN", "FAIL"));
    }

    @Test
    void anUnknownKeyIsReportedAtTheKey() {
        write(DIGEST, VALID.replace("stream: \"fe\"\n", "stream: \"fe\"\ncolour: \"blue\"\n"));

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(DIGEST + ":5:1: error: ").contains("colour"));
    }

    @Test
    void anInputNameThatIsNotTheToolsOwnIsReportedAtTheName() {
        write(DIGEST, VALID.replace("  stories_total: 4", "  Stories-Total: 4"));

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(DIGEST + ":7:3: error: ").contains("Stories-Total"));
    }

    @Test
    void everyMistakeOfADigestIsReportedOnceEach() {
        write(DIGEST, VALID.replace("stream: \"fe\"\n", "stream: \"fe\"\ncolour: \"blue\"\n")
                .replace("schema_lint: \"PASS\"", "schema_lint: \"MAYBE\"")
                .replace("  stories_total: 4", "  Stories-Total: 4")
                .replace("actual: 80", "actual: 1e400"));

        List<String> lines = described(Optional.empty());

        assertThat(lines).hasSize(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(DIGEST + ":5:1: "))
                .anySatisfy(l -> assertThat(l).startsWith(DIGEST + ":8:3: "))
                .anySatisfy(l -> assertThat(l).startsWith(DIGEST + ":11:13: ").contains("finite number"))
                .anySatisfy(l -> assertThat(l).startsWith(DIGEST + ":18:16: "));
    }

    @Test
    void aFileWithoutFrontMatterIsReportedAtItsFirstLine() {
        write(DIGEST, "# Digest fe 2025-09-02\n");

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(DIGEST + ":1:1: error: expected YAML front matter"));
    }

    @Test
    void aDigestOfAnotherCycleThanItsNameIsReportedAtItsCycleId() {
        write(EARLIER, VALID);

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(EARLIER + ":3:11: error: the digest " + EARLIER
                        + " is of cycle_id 2025-09-02 in stream fe, but its file stands for cycle_id 2025-08-19"));
    }

    @Test
    void everyDigestOfTheStreamIsCheckedEvenOfACycleWithoutPlanningFiles() {
        write(EARLIER, VALID.replace("2025-09-02", "2025-08-19").replace("schema_lint: \"PASS\"", "x: \"FAIL\"\n  y: 3"));

        LintReport report = lint(Optional.empty());

        assertThat(report.filesChecked()).contains(EARLIER);
        assertThat(report.findings()).singleElement().satisfies(f ->
                assertThat(f.describe()).startsWith(EARLIER + ":18:6: error: "));
    }

    @Test
    void withACycleSelectedOnlyThatCyclesDigestIsChecked() {
        Plans.write(workspace, EARLIER, "not a digest\n");
        write(DIGEST, VALID);

        LintReport report = lint(Optional.of("2025-09-02"));

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).contains(DIGEST).doesNotContain(EARLIER);
    }

    @Test
    void otherFilesOfTheDigestsDirectoryAreLeftAsTheReaderLeavesThem() {
        write("frameworks/planning-fe/digests/README.md", "notes\n");

        LintReport report = lint(Optional.empty());

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).noneMatch(path -> path.contains("/digests/"));
    }

    @Test
    void aDigestWhoseNameStandsForNoCycleIsReportedAtTheFileNotSkipped() {
        String copy = "frameworks/planning-fe/digests/2025-09-02 copy-digest.md";
        write(copy, VALID);

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(copy + ": error: ").contains("invalid cycle id '2025-09-02 copy'")
                        .contains("<cycle-id>-digest.md"));
    }

    @Test
    void aDigestNamedWithoutACycleIdIsReportedAtTheFile() {
        String bare = "frameworks/planning-fe/digests/-digest.md";
        write(bare, VALID);

        assertThat(lint(Optional.empty()).findings()).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo(LintCodes.FILE_MISNAMED))
                .satisfies(f -> assertThat(f.describe()).startsWith(bare + ": error: "));
    }

    @Test
    void aDigestsEntryThatIsADirectoryIsReportedNotSkipped() {
        write(DIGEST + "/x", "");

        assertThat(described(Optional.empty())).singleElement().satisfies(line ->
                assertThat(line).startsWith(DIGEST + ":").contains("directory"));
    }

    /**
     * review28: a value the schema's formats let through but the reader cannot take (a day February does not have,
     * an instant in lower case, which RFC 3339 allows) is a finding, never a digest lint passes and a later cycle
     * refuses.
     */
    @Test
    void whatTheReaderRefusesBeyondTheSchemaIsReportedToo() {
        List<String> hostile = List.of(
                VALID.replace("gates:\n", "improvement_actions:\n  - id: \"IA-1\"\n    action: \"a\"\n    owner: \"o\"\n"
                        + "    due: \"2025-02-30\"\ngates:\n"),
                VALID.replace("2025-09-02T10:00:00Z", "2025-09-02t10:00:00z"));
        for (String content : hostile) {
            write(DIGEST, content);
            boolean read;
            try {
                DigestFrontMatter.readOf(workspace.resolve(DIGEST), DIGEST, new CycleRef("fe", "2025-09-02"), "digest",
                        "figures");
                read = true;
            } catch (RuntimeException e) {
                read = false;
            }

            assertThat(described(Optional.empty())).as(content).hasSize(read ? 0 : 1)
                    .allSatisfy(line -> assertThat(line).startsWith(DIGEST + ":"));
        }
    }

    @Test
    void badArgumentsStillThrow() {
        assertThatThrownBy(() -> lint(Optional.of("../x"))).isInstanceOf(InvalidInputException.class);
    }
}
