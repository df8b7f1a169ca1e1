package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTestCommandTest {

    @TempDir
    Path dir;

    private Path rulebook;
    private String out;
    private String err;

    @BeforeEach
    void copyDefaultRulebook() {
        rulebook = dir.resolve("rulebook");
        DefaultRulebook.copyTo(rulebook);
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = PlanningCommand.execute(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void theDefaultRulebookPassesItsOwnTestsWithFullCoverage() {
        int code = run("rules", "test", rulebook.toString(), "--fail-under", "100");

        assertThat(code).as(out + err).isZero();
        assertThat(out).contains("PASS tests/critical.yaml::critical item needs three approvals")
                .contains("16 passed, 0 failed")
                .contains("rule coverage: 100.0% (12 of 12 rules), required 100.0%")
                .doesNotContain("FAIL");
    }

    @Test
    void junitXmlHasOneStableCasePerTestAndFailuresCarryTheDiff() throws Exception {
        Files.writeString(rulebook.resolve("tests/extra.yaml"), """
                name: expects the wrong item
                given:
                  cycle: 2025-09-02
                  tasks: [{id: FE-1, title: Pay, tags: {criticality: 2, compliance: none}}]
                expect:
                  violations: [{rule: missing-owner, item: FE-2}]
                """);

        int code = run("rules", "test", rulebook.toString(), "--format", "junit");

        assertThat(code).isEqualTo(1);
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
        org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
        Set<String> ids = new HashSet<>();
        org.w3c.dom.Element failed = null;
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            assertThat(ids.add(c.getAttribute("classname") + "::" + c.getAttribute("name"))).isTrue();
            if (c.getElementsByTagName("failure").getLength() > 0) {
                failed = c;
            }
        }
        assertThat(ids).contains("tests/critical.yaml::critical item needs three approvals",
                "rule-coverage::missing-owner");
        assertThat(failed).isNotNull();
        assertThat(failed.getAttribute("name")).isEqualTo("expects the wrong item");
        assertThat(failed.getTextContent()).contains("missing-owner on FE-2");
    }

    @Test
    void aFailingCaseExitsOneAndShowsTheDiff() throws IOException {
        Files.writeString(rulebook.resolve("tests/extra.yaml"), """
                name: expects the wrong item
                given:
                  cycle: 2025-09-02
                  tasks: [{id: FE-1, title: Pay, tags: {criticality: 2, compliance: none}}]
                expect:
                  violations: [{rule: missing-owner, item: FE-2}]
                """);

        int code = run("rules", "test", rulebook.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out).contains("FAIL tests/extra.yaml::expects the wrong item  (tests/extra.yaml:1:1)")
                .contains("- missing:    missing-owner on FE-2")
                .contains("+ unexpected: missing-owner on FE-1 (FE-1 has no owner")
                .contains("16 passed, 1 failed");
    }

    @Test
    void coverageUnderTheMinimumFailsAndNamesTheRulesNoTestFired() throws IOException {
        Files.delete(rulebook.resolve("tests/compliance.yaml"));

        assertThat(run("rules", "test", rulebook.toString())).isZero();
        assertThat(out).contains("rule coverage: 75.0% (9 of 12 rules)")
                .contains("rules no test expects a violation of: gdpr-data-handling, sox-audit-trail,"
                        + " sox-change-freeze");
        assertThat(run("rules", "test", rulebook.toString(), "--fail-under", "80")).isEqualTo(1);
        assertThat(out).contains("required 80.0%: TOO LOW");
        assertThat(run("rules", "test", rulebook.toString(), "--fail-under", "75")).isZero();
    }

    @Test
    void jsonListsEveryCaseUnderAStableUniqueId() throws IOException {
        int code = run("rules", "test", rulebook.toString(), "--format", "json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("tests").path("total").asInt()).isEqualTo(16);
        assertThat(json.path("coverage").path("percent").asDouble()).isEqualTo(100.0);
        assertThat(json.path("rulebook_hash").asText()).hasSize(64);
        Set<String> ids = new HashSet<>();
        json.path("cases").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).hasSize(16).contains("tests/hygiene.yaml::tag values must come from the taxonomy");
        JsonNode first = json.path("cases").get(0);
        assertThat(first.path("file").asText()).isEqualTo("tests/compliance.yaml");
        assertThat(first.path("line").asInt()).isEqualTo(3);
    }

    @Test
    void aDrlSyntaxErrorExitsTwoNamingTheFileAndLine() throws IOException {
        Files.writeString(rulebook.resolve("rules/broken.drl"), """
                package broken;
                import dev.planning.rules.facts.TaskFact;

                rule "oops"
                when
                    $t : TaskFact(owner == )
                then
                end
                """);

        int code = run("rules", "test", rulebook.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err).startsWith("error: " + rulebook.resolve("rules/broken.drl") + ":6:")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMalformedTestFileExitsTwoAtItsLine() throws IOException {
        Files.writeString(rulebook.resolve("tests/bad.yaml"), """
                name: typo
                given:
                  tasks:
                    - {id: FE-1, title: Pay, ownr: bob}
                expect: {}
                """);

        assertThat(run("rules", "test", rulebook.toString())).isEqualTo(2);
        assertThat(err).startsWith("error: " + rulebook.resolve("tests/bad.yaml") + ":4:")
                .contains("unknown field `ownr`");
    }

    @Test
    void twoCasesWithOneNameAreRefused() throws IOException {
        String one = "name: twin\ngiven: {cycle: 2025-09-02}\nexpect: {}\n";
        Files.writeString(rulebook.resolve("tests/twins.yaml"), one + "---\n" + one);

        assertThat(run("rules", "test", rulebook.toString())).isEqualTo(2);
        assertThat(err).contains("tests/twins.yaml:5:").contains("a second case is named 'twin'");
    }

    @Test
    void refusesAPercentageOutOfRange() {
        assertThat(run("rules", "test", rulebook.toString(), "--fail-under", "150")).isEqualTo(2);
        assertThat(err).contains("--fail-under must be a percentage from 0 to 100");
    }

    @Test
    void aRulebookWithoutTestsHasNoCoverage() throws IOException {
        for (String file : List.of("compliance", "critical", "hygiene")) {
            Files.delete(rulebook.resolve("tests/" + file + ".yaml"));
        }

        assertThat(run("rules", "test", rulebook.toString(), "--fail-under", "1")).isEqualTo(1);
        assertThat(out).contains("no test cases in").contains("rule coverage: 0.0% (0 of 12 rules)");
    }

    /**
     * keys25: a rulebook whose {@code tests/} is empty or gone passed (exit 0, "no test cases") unless
     * {@code --fail-under} was given, so a CI job passed while nothing was tested. It now fails as a failed
     * check (exit 1) in one line saying nothing was tested, whatever the bound (0 included), in every format.
     */
    @Test
    void aRulebookWithoutTestCasesFailsSayingNothingWasTested() throws IOException {
        for (String file : List.of("compliance", "critical", "hygiene")) {
            Files.delete(rulebook.resolve("tests/" + file + ".yaml"));
        }
        Files.writeString(rulebook.resolve("tests/README.md"), "not a test\n");

        for (List<String> bound : List.of(List.<String>of(), List.of("--fail-under", "0"))) {
            List<String> args = new ArrayList<>(List.of("rules", "test", rulebook.toString()));
            args.addAll(bound);
            assertThat(run(args.toArray(String[]::new))).as(bound + ": " + out + err).isEqualTo(1);
            assertThat(out.lines().filter(l -> l.startsWith("no test cases in "))).singleElement()
                    .satisfies(l -> assertThat(l).contains(rulebook.resolve("tests").toString())
                            .contains("nothing was tested"));
        }
        assertThat(run("rules", "test", rulebook.toString(), "--format", "json")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out).get("passed").asBoolean()).isFalse();
        assertThat(run("rules", "test", rulebook.toString(), "--format", "markdown")).isEqualTo(1);
        assertThat(out).contains("FAILED").doesNotContain("PASSED");
        assertThat(run("rules", "test", rulebook.toString(), "--format", "junit")).isEqualTo(1);
        assertThat(out).contains("<failure").contains("nothing was tested");
    }

    /**
     * Cli39: the line saying nothing was tested names the rulebook's directory, which a job may take from what was
     * committed; a line break in its name printed a line of its own ({@code 3 passed, 0 failed}), where every other
     * value of the report shows it as its escape.
     */
    @Test
    void theDirectoryTheLineOfNoTestCasesNamesIsOnItsLine() throws IOException {
        Path named = dir.resolve("rb\n3 passed, 0 failed\tx");
        DefaultRulebook.copyTo(named);
        try (var files = Files.list(named.resolve("tests"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        assertThat(run("rules", "test", named.toString())).as(out + err).isEqualTo(1);
        assertThat(out).contains("rb\\u000A3 passed, 0 failed\\u0009x").doesNotContain("\n3 passed");
    }

    @Test
    void aRulebookWithoutATestsDirectoryFailsAlike() throws IOException {
        try (var files = Files.list(rulebook.resolve("tests"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(rulebook.resolve("tests"));

        assertThat(run("rules", "test", rulebook.toString())).as(out + err).isEqualTo(1);
        assertThat(out).contains("nothing was tested");
    }
}
