package dev.planning.maven;

import static dev.planning.maven.MojoFixtures.configure;
import static dev.planning.maven.MojoFixtures.copyOf;
import static dev.planning.maven.MojoFixtures.logged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.engine.fixtures.RuleTestCases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code planning:rules-test}: the rulebook's own tests, as {@code planning rules test}. */
class RulesTestMojoTest {

    @TempDir
    Path dir;

    private RulesTestMojo rulesTest(Path ws) {
        return configure(new RulesTestMojo(), ws, dir.resolve("reports"));
    }

    @Test
    void theExampleRulebookPassesItsTestsAndWritesJunit() throws Exception {
        RulesTestMojo goal = rulesTest(copyOf("fe-2025-09-02", dir));
        goal.failUnder = 100.0;

        goal.execute();

        assertThat(dir.resolve("reports/rules-test.junit.xml")).content(StandardCharsets.UTF_8)
                .contains("rule-coverage").doesNotContain("<failure");
    }

    @Test
    void aFailingCaseFailsTheBuild() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path test;
        try (var files = Files.list(ws.resolve("rulebook/tests"))) {
            test = files.filter(f -> f.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(test);
        Files.writeString(test, text.replaceFirst("rule: ([a-z-]+)", "rule: $1-renamed"));
        assertThat(Files.readString(test)).isNotEqualTo(text);

        assertThatThrownBy(rulesTest(ws)::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 failed");
        assertThat(dir.resolve("reports/rules-test.junit.xml")).content(StandardCharsets.UTF_8).contains("<failure");
    }

    /** keys25: a rulebook with no test cases passed the goal while nothing was tested; it now fails the build. */
    @Test
    void aRulebookWithoutTestCasesFailsTheBuild() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        try (var files = Files.list(ws.resolve("rulebook/tests"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.delete(file);
            }
        }

        assertThatThrownBy(rulesTest(ws)::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("nothing was tested");
        assertThat(dir.resolve("reports/rules-test.junit.xml")).content(StandardCharsets.UTF_8).contains("<failure");
    }

    @Test
    void aCoverageThresholdOutOfRangeIsBadInput() {
        RulesTestMojo goal = rulesTest(copyOf("fe-2025-09-02", dir));
        goal.failUnder = 101.0;

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<failUnder> must be a percentage from 0 to 100");
    }

    /**
     * Attack38: a failing case's name and difference reached the build's log as the rule test file wrote them: an
     * escape sequence that erases the line, and a line break that wrote a line of its own, such as Maven's
     * {@code [INFO] BUILD SUCCESS}. Each is now written as its escape, the case's name on its line.
     */
    @Test
    void aFailingCasesNameReachesTheBuildLogOnItsLineEscaped() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path test = ws.resolve("rulebook/tests/compliance.yaml");
        Files.writeString(test, Files.readString(test) + RuleTestCases.failing("forged\\e[2K\\n[INFO] BUILD SUCCESS"));
        RulesTestMojo goal = rulesTest(ws);
        List<String> errors = logged(goal).errors();

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("1 failed");
        List<String> failures = errors.stream().filter(line -> line.startsWith("FAIL ")).toList();
        assertThat(failures).singleElement().satisfies(line -> assertThat(line)
                .startsWith("FAIL tests/compliance.yaml::forged\\u001B[2K\\u000A[INFO] BUILD SUCCESS (")
                .contains("+ unexpected: sox-audit-trail on FE-77"));
        assertThat(String.join("\n", errors)).doesNotContain("\u001b", "\n[INFO]");
    }

    /**
     * Out38: a failed case's diff quoted an expected item (and a rule's message) as written, so an item holding a
     * line break and an escape sequence printed a line of its own in the build's log. Each entry is one line.
     */
    @Test
    void aFailedCasesDiffReachesTheBuildLogOneLineAnEntry() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path test = ws.resolve("rulebook/tests/hygiene.yaml");
        String text = Files.readString(test, StandardCharsets.UTF_8);
        String entry = "- {rule: missing-owner, item: FE-20}";
        assertThat(text).contains(entry);
        Files.writeString(test, text.replace(entry, "- {rule: missing-owner, item: \"FE-20\\n[INFO] BUILD SUCCESS"
                + "\\e[2K\"}"), StandardCharsets.UTF_8);
        RulesTestMojo goal = rulesTest(ws);
        List<String> errors = logged(goal).errors();

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class);
        assertThat(errors).anySatisfy(line -> assertThat(line)
                .contains("- missing:    missing-owner on FE-20\\u000A[INFO] BUILD SUCCESS\\u001B[2K"));
        assertThat(String.join("\n", errors)).doesNotContain("\u001b").doesNotContainPattern("(?m)^\\[INFO]");
    }

    /** Out38: the summary named the rulebook's directory as it was, a line break in its name a line of its own. */
    @Test
    void theSummaryIsOneLineWhateverThePathItNames() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path rulebook = Files.move(ws.resolve("rulebook"), ws.resolve("rule\n[INFO] BUILD SUCCESS"));
        try (var files = Files.list(rulebook.resolve("tests"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        RulesTestMojo goal = rulesTest(ws);
        goal.rulebook = rulebook.toFile();
        List<String> errors = logged(goal).errors();

        assertThatThrownBy(goal::execute).isInstanceOf(MojoFailureException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("rule\\u000A[INFO] BUILD SUCCESS")
                        .doesNotContain("\n"));
        assertThat(errors).singleElement().satisfies(line -> assertThat(line).contains("nothing was tested")
                .doesNotContain("\n"));
    }
}
