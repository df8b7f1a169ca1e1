package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's mistake in a file they write is told through the command line as the developers' guide
 * asks: every mistake of the file, each once at its own {@code file:line:column}, the file named as the
 * user knows it (relative to the workspace), what was expected, no stack trace, exit 2.
 */
class UserErrorMessagesTest {

    @TempDir
    Path temp;

    @Test
    void everyKpiAndProfileMistakeOfTheRulebookIsReportedOnceAtItsOwnPlace() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        String text = Files.readString(settings, StandardCharsets.UTF_8);
        text = text.replace("formula: \"done_tasks / planned_tasks * 100\"", "formula: \"done_tasks / \"")
                .replace("formula: \"done_points / planned_points\"", "formula: \"done_points / nope\"")
                .replace("{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness]}",
                        "{transition: \"PACKAGED->COMPLETED\", gates: [release_readiness]}");
        Files.writeString(settings, text, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain(temp.toString());
        assertThat(run.err()).contains("invalid rulebook: 3 errors:");
        assertThat(run.err()).containsOnlyOnce("rulebook/rulebook.yaml:31:20: profile 'fe': the lifecycle has no"
                + " transition PACKAGED->COMPLETED");
        assertThat(run.err()).containsOnlyOnce("rulebook/rulebook.yaml:48:36: KPI 'plan_accuracy': the formula"
                + " `done_tasks / ` is not allowed or does not parse");
        assertThat(run.err()).containsOnlyOnce("rulebook/rulebook.yaml:49:49: KPI 'delivered_vs_planned_ratio':"
                + " the formula reads [nope], which its inputs [done_points, planned_points] do not list");
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
    }

    @Test
    void rulebookSettingsThatAreADirectoryAreNamedInTheWorkspaceNotByTheirAbsolutePath() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        Files.delete(settings);
        Files.createDirectory(settings);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).isEqualTo("error: rulebook settings are not a file: rulebook/rulebook.yaml (expected"
                + " rulebook.yaml with at least a version)\n");
    }

    @Test
    void everyMistakeOfARuleTestFileIsReportedOnceAtItsOwnPlaceAcrossItsCases() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path tests = workspace.resolve("rulebook/tests/hygiene.yaml");
        String text = Files.readString(tests, StandardCharsets.UTF_8);
        // The first case: a stream that is a list and an `only` that is no boolean; the second: a name that is a list.
        text = text.replaceFirst("  stream: fe\n", "  stream: [fe]\n").replaceFirst("  only: true\n", "  only: maybe\n")
                .replace("name: every required tag must be present with a value", "name: [every required tag]");
        Files.writeString(tests, text, StandardCharsets.UTF_8);

        // Given absolute, the rulebook's files are named absolute, as the user gave them.
        CliRun run = CliRun.of("rules", "test", workspace.resolve("rulebook").toString());
        String file = tests.toString();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(run.err()).startsWith("error: " + file + ":4:11: invalid rule tests: 3 errors:\n");
        assertThat(run.err()).containsOnlyOnce(file + ":4:11: `given.stream` must be a string"
                + " (found a list)");
        assertThat(run.err()).containsOnlyOnce(file + ":11:9: `expect.only` must be true or false (found string \"maybe\")");
        assertThat(run.err()).containsOnlyOnce(file + ":16:7: `name` must be a string (found a list)");
        assertThat(run.out()).doesNotContain("PASS");
    }

    @Test
    void everySchemaErrorOfADeploymentsFileIsListedNotCounted() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Files.writeString(workspace.resolve("deployments.yaml"), """
                version: "1.0"
                deployments:
                  - id: D-1
                    status: 3
                    commits: [{sha: 3f2a9c1, time: 2025-08-20T15:00:00Z}]
                """, StandardCharsets.UTF_8);

        // Given absolute (the test's working directory is not the workspace), the file is named so.
        String file = workspace.resolve("deployments.yaml").toString();
        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", file);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).doesNotContain("more problems").doesNotContain("Exception");
        assertThat(run.err()).contains("invalid deployments file: 2 errors:");
        assertThat(run.err()).containsOnlyOnce(file + ":3:5: `deployments[0].time` is required");
        assertThat(run.err()).containsOnlyOnce(file + ":4:13: `deployments[0].status` must be one of success,"
                + " failure (found 3)");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }

    @Test
    void everyMistakeOfADeploymentsFileBeyondItsSchemaIsReportedOnceAtItsOwnPlace() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Files.writeString(workspace.resolve("deployments.yaml"), """
                version: "1.0"
                period: {start: 2025-08-19T00:00:00Z, end: 2025-08-01T00:00:00Z}
                deployments:
                  - {id: D-1, time: 2025-08-21T15:00:00Z, status: success, commits: [{sha: 3f2a9c1, time: 2025-08-22T15:00:00Z}]}
                  - {id: D-1, time: 2025-08-22T15:00:00Z, status: success, commits: [], remediates: INC-9}
                incidents:
                  - {id: INC-1, start: 2025-08-22T10:00:00Z, end: 2025-08-22T09:00:00Z, caused_by: D-9}
                  - {id: INC-2, start: 2025-08-22T10:00:00Z}
                """, StandardCharsets.UTF_8);

        // Given absolute (the test's working directory is not the workspace), the file is named so.
        String file = workspace.resolve("deployments.yaml").toString();
        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", file);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).startsWith("error: " + file + ":2:44: invalid deployments file: 7 errors:\n");
        assertThat(run.err()).containsOnlyOnce(file + ":2:44: the period must end after it starts")
                .containsOnlyOnce(file + ":4:91: commit time 2025-08-22T15:00:00Z is after the deployment's time")
                .containsOnlyOnce(file + ":5:10: duplicate deployment id 'D-1'")
                .containsOnlyOnce(file + ":7:84: incident INC-1 is caused_by 'D-9', which is not a deployment")
                .containsOnlyOnce(file + ":7:51: incident INC-1 ends before it starts")
                .containsOnlyOnce(file + ":8:5: incident INC-2 names no deployment")
                .containsOnlyOnce(file + ":5:85: deployment D-1 remediates 'INC-9', which is not an incident");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }

    @Test
    void aReportToImportThatIsADirectoryIsSaidToBeOneNotMissing() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path directory = Files.createDirectory(workspace.resolve("junit.xml"));

        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                directory.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + directory + ": is a directory (expected a report file to import)\n");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }

    @Test
    void aJUnitReportWithABadUtf8ByteIsOneLineAtItsPlaceWithNothingThePrinterAdds() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path report = workspace.resolve("junit.xml");
        byte[] head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\" tests=\"0\"/>\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a lead byte followed by one that cannot continue it
        bytes[head.length + 1] = '(';
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
        Files.write(report, bytes);

        // A child JVM: the JDK's XML parser printed to the process's standard error, which only a process shows.
        CliRun run = CliRun.inChildJvm(Map.of(), "import", "-w", workspace.toString(), "--stream", "fe",
                "--cycle", "2025-09-02", report.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + report + ":2:21: invalid UTF-8 byte 0xC3: planning files must be"
                + " UTF-8 encoded\n");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }

    @Test
    void keysGenerateIntoADirectoryWhoseTrustFileIsInvalidWritesNoKeyAndNamesEveryMistake() throws IOException {
        Path keys = Files.createDirectory(temp.resolve("keys"));
        Path trust = keys.resolve("trust.yaml");
        byte[] before = """
                version: 1
                roles:
                  PM:
                    - {key_id: %s, algorithm: [Ed25519], public_key: x}
                """.formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8);
        Files.write(trust, before);

        CliRun run = CliRun.of("keys", "generate", "--role", "QA", "--out", keys.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).startsWith("error: " + trust + ":1:10: invalid trust file: 2 errors:\n");
        assertThat(run.err()).containsOnlyOnce(trust + ":1:10: `version` must be \"1.0\" (found 1)")
                .containsOnlyOnce(trust + ":4:93: `roles.PM[0].algorithm` must be one of Ed25519, ECDSA-P256-SHA256,"
                        + " RSA-SHA256 (found a list)");
        assertThat(keys.resolve("QA.key.pem")).doesNotExist();
        assertThat(keys.resolve("QA.pub.pem")).doesNotExist();
        assertThat(Files.readAllBytes(trust)).isEqualTo(before);
    }

    @Test
    void anLcovTracefileWithABadUtf8ByteIsRefusedAtImportAtItsPlaceAndOneWithAByteOrderMarkIsImported()
            throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path bad = workspace.resolve("bad.info");
        Files.write(bad, new byte[] {'S', 'F', ':', 'a', (byte) 0xC3, '(', '\n', 'D', 'A', ':', '1', ',', '1', '\n',
                'e', 'n', 'd', '_', 'o', 'f', '_', 'r', 'e', 'c', 'o', 'r', 'd', '\n'});

        CliRun refused = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                bad.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: " + bad + ":1:5: invalid UTF-8 byte 0xC3: planning files must be"
                + " UTF-8 encoded\n");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();

        Path marked = workspace.resolve("marked.info");
        Files.write(marked, "\uFEFFSF:a\nDA:1,1\nend_of_record\n".getBytes(StandardCharsets.UTF_8));

        CliRun imported = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                marked.toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("(lcov) -> frameworks/planning-fe/outcomes/2025-09-02/lcov/");
    }

    @Test
    void aStoreConfigurationNamesEachMistakeOnceAtItsLineAndReadsLikeEveryOtherFile() throws IOException {
        Path two = temp.resolve("two.properties");
        Files.writeString(two, "url=jdbc:postgresql://localhost:1/x\nuser=a\nuser=b\nnope\n", StandardCharsets.UTF_8);

        CliRun listed = CliRun.of("store", "portfolio", "--store", two.toString());

        assertThat(listed.exitCode()).isEqualTo(2);
        assertThat(listed.err()).isEqualTo("error: invalid store configuration " + two + ": 2 errors:\n  " + two
                + ":3:1: key 'user' is given twice\n  " + two + ":4:1: expected key=value\n");

        // A byte-order mark is not part of the first key (it was: "unknown key '\uFEFFurl'" and "missing key 'url'").
        Path marked = temp.resolve("marked.properties");
        Files.writeString(marked, "\uFEFFurl=jdbc:postgresql://localhost:1/x\nnope\n", StandardCharsets.UTF_8);
        assertThat(CliRun.of("store", "portfolio", "--store", marked.toString()).err())
                .isEqualTo("error: " + marked + ":2:1: expected key=value\n");

        Path bad = temp.resolve("bad.properties");
        Files.write(bad, new byte[] {'u', 's', 'e', 'r', '=', (byte) 0xC3, '(', '\n'});
        CliRun badByte = CliRun.of("store", "portfolio", "--store", bad.toString());
        assertThat(badByte.exitCode()).isEqualTo(2);
        assertThat(badByte.err()).isEqualTo("error: " + bad + ":1:6: invalid UTF-8 byte 0xC3: planning files must be"
                + " UTF-8 encoded\n");

        Path directory = Files.createDirectory(temp.resolve("store.d"));
        assertThat(CliRun.of("store", "portfolio", "--store", directory.toString()).err())
                .isEqualTo("error: " + directory + ": is a directory: the store configuration that --store names must"
                        + " be a file of key=value lines\n");
    }

    @Test
    void aPlanningFileThatIsADirectoryIsReportedAtItsOwnPathNotAtTheRulebook() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path plan = workspace.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.delete(plan);
        Files.createDirectory(plan);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        // cycles28: lint finds cycles as status does, which refuses a planning file's name on a directory (exit 2);
        // it was a finding of lint alone (exit 1).
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml")
                .contains("is no regular file").doesNotContain("rulebook.yaml").hasLineCount(1);
    }

    @Test
    void aRuleTestFileThatIsADirectoryIsRefusedNotPassedOver() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path tests = workspace.resolve("rulebook/tests/hygiene.yaml");
        Files.delete(tests);
        Files.createDirectory(tests);

        CliRun run = CliRun.of("rules", "test", workspace.resolve("rulebook").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + tests + ": is a directory; expected a rule test file (YAML cases)"
                + " of that name\n");
        assertThat(run.out()).doesNotContain("PASS");
    }

    @Test
    void eachPolicyMistakeOfADrlFileIsNamedRelativeToTheWorkspaceAsTheFirstIs() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path drl = workspace.resolve("rulebook/rules/hygiene.drl");
        Files.writeString(drl, Files.readString(drl, StandardCharsets.UTF_8) + "rule \"y\"\nwhen\nthen\n  System.exit(1);\n"
                + "end\nrule \"z\"\nwhen\nthen\n  Runtime.getRuntime();\nend\n", StandardCharsets.UTF_8);

        for (CliRun run : new CliRun[] {CliRun.of("lint", "-w", workspace.toString()),
                CliRun.of("rules", "test", workspace.resolve("rulebook").toString())}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().skip(1)).singleElement().asString()
                    .startsWith((run.err().contains("error: rulebook/") ? "rulebook/rules/hygiene.drl"
                            : drl.toString()) + ":71:3: static call 'Runtime.getRuntime' is outside the policy language");
        }
    }

    /**
     * errors18: a rulebook's documentation and empty placeholders load; each look-alike of a rule or of
     * settings is still refused, every one named on a line of its own, in one run.
     */
    @Test
    void anHonestRulebooksDocumentationAndPlaceholdersLoadAndEveryLookAlikeIsRefusedOnALineOfItsOwn()
            throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path rulebook = workspace.resolve("rulebook");
        Files.writeString(rulebook.resolve("README.md"), "# Frontend policies\n\nCritical work needs three approvals.\n",
                StandardCharsets.UTF_8);
        Files.writeString(rulebook.resolve("tests/README.md"), "One case per YAML document.\n", StandardCharsets.UTF_8);
        Files.createFile(rulebook.resolve("rules/.gitkeep"));
        Files.createFile(rulebook.resolve("tests/.gitkeep"));

        CliRun honest = CliRun.of("rules", "test", rulebook.toString());

        assertThat(honest.exitCode()).as(honest.out() + honest.err()).isZero();
        assertThat(honest.err()).isEmpty();

        for (String lookAlike : new String[] {"rules/x.DRL", "x.drl", "rulebook.yml", "rules/critical.drl.md"}) {
            Files.writeString(rulebook.resolve(lookAlike), "rule \"x\" when then end\n", StandardCharsets.UTF_8);
        }
        Files.writeString(rulebook.resolve(".DS_Store"), "Bud1", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        String holds = "a rulebook holds rulebook.yaml, rule files rules/*.drl, rule tests tests/*.yaml, documentation"
                + " *.md and empty .gitkeep files only, and a file the tool does not read would look to a reader like"
                + " part of the policy; move it out of the rulebook, or rename it";
        String notARule = "not a rule file: every file under rules/ is a policy named rules/*.drl (only those are"
                + " compiled); " + holds;
        assertThat(run.err().lines()).containsExactly(
                "error: rulebook/.DS_Store: a file the macOS Finder writes, no part of the policy; delete it (the hash"
                        + " counts every file of the rulebook directory, whether git tracks it or not)",
                "rulebook/rulebook.yml: not rulebook.yaml: " + holds,
                "rulebook/rules/critical.drl.md: " + notARule,
                "rulebook/rules/x.DRL: " + notARule,
                "rulebook/x.drl: not rulebook.yaml: " + holds);
    }

    /** errors18: the policy check stopped at the first rule file with a mistake; now every file's, each located. */
    @Test
    void everyRuleFilesPolicyMistakesAreReportedInOneRunEachAtItsPlace() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path first = workspace.resolve("rulebook/rules/aa.drl");
        Files.writeString(first, "package governance;\n\nrule \"a\"\nwhen\nthen\n  System.exit(1);\nend\n",
                StandardCharsets.UTF_8);
        Path hygiene = workspace.resolve("rulebook/rules/hygiene.drl");
        Files.writeString(hygiene, Files.readString(hygiene, StandardCharsets.UTF_8)
                + "rule \"z\"\nwhen\nthen\n  Runtime.getRuntime();\nend\n", StandardCharsets.UTF_8);

        CliRun lint = CliRun.of("lint", "-w", workspace.toString());
        CliRun tests = CliRun.of("rules", "test", workspace.resolve("rulebook").toString());

        for (CliRun run : new CliRun[] {lint, tests}) {
            String dir = run == lint ? "rulebook" : workspace.resolve("rulebook").toString();
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.printedStackTrace()).isFalse();
            assertThat(run.err().lines().toList()).as(run.err()).hasSize(2);
            assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("error: " + dir + "/rules/aa.drl:6:3: ")
                    .contains("static call 'System.exit' is outside the policy language");
            assertThat(run.err().lines().skip(1).findFirst().orElseThrow()).startsWith(dir + "/rules/hygiene.drl:66:3:"
                    + " static call 'Runtime.getRuntime' is outside the policy language");
        }
    }

    /**
     * left18: the policy check listed three mistakes of a file, then the rest as line and column only;
     * now every mistake of every file in full, one line each.
     */
    @Test
    void everyPolicyMistakeOfEveryRuleFileIsShownInFullOnALineOfItsOwn() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            calls.append("  System.exit(").append(i).append(");\n");
        }
        Files.writeString(workspace.resolve("rulebook/rules/aa.drl"), "package governance;\n\nrule \"a\"\nwhen\nthen\n"
                + calls + "end\n", StandardCharsets.UTF_8);
        Files.writeString(workspace.resolve("rulebook/rules/ab.drl"), "package governance;\n\nrule \"b\"\nwhen\nthen\n"
                + calls + "end\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.err()).hasSize(10);
        assertThat(lines.get(0)).startsWith("error: rulebook/rules/aa.drl:6:3: the rulebook's policies do not compile:"
                + " static call 'System.exit' is outside the policy language");
        for (int i = 1; i < 10; i++) {
            assertThat(lines.get(i)).startsWith("rulebook/rules/" + (i < 5 ? "aa" : "ab") + ".drl:" + (6 + i % 5) + ":3:"
                    + " static call 'System.exit' is outside the policy language");
        }
    }

    /** left18: past {@code ErrorList.MAX_SHOWN} (50) mistakes of the rule files, the rest are counted, not listed. */
    @Test
    void policyMistakesPastTheBoundAreCounted() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            calls.append("  System.exit(").append(i).append(");\n");
        }
        for (String name : new String[] {"aa", "ab"}) {
            Files.writeString(workspace.resolve("rulebook/rules/" + name + ".drl"), "package governance;\n\nrule \""
                    + name + "\"\nwhen\nthen\n" + calls + "end\n", StandardCharsets.UTF_8);
        }

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        List<String> lines = run.err().lines().toList();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(lines).as(run.err()).hasSize(51);
        assertThat(lines.get(49)).startsWith("rulebook/rules/ab.drl:25:3: static call 'System.exit'");
        assertThat(lines.get(50)).isEqualTo("and 10 more mistakes in the rule files, not shown");
    }

    /** left18: the compiler (past the policy check) stopped at the first rule file that did not compile. */
    @Test
    void everyRuleFileThatDoesNotCompileIsReportedInOneRun() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Files.writeString(workspace.resolve("rulebook/rules/aa.drl"),
                "package governance;\n\nrule \"a\"\nwhen\n  TaskFact( ( \nthen\nend\n", StandardCharsets.UTF_8);
        Files.writeString(workspace.resolve("rulebook/rules/zz.drl"),
                "package governance;\n\nrule \"z\"\nwhen\n  TaskFact(\nthen\nend\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err().lines().toList()).as(run.err()).containsExactly(
                "error: rulebook/rules/aa.drl:7:1: the rulebook's policies do not compile: [ERR 102] Line 7:0 mismatched"
                        + " input 'end' in pattern in rule \"a\"",
                "rulebook/rules/zz.drl:7:1: [ERR 102] Line 7:0 mismatched input 'end' in rule \"z\"");
    }

    /** left18: the UTF-8 check of rule files stopped at the first file that is not UTF-8. */
    @Test
    void everyRuleFileThatIsNotUtf8IsReportedInOneRunAtItsFirstBadByte() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        byte[] latin1 = "package governance;\n// Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(workspace.resolve("rulebook/rules/aa.drl"), latin1);
        Files.write(workspace.resolve("rulebook/rules/zz.drl"), new byte[] {'/', '/', ' ', (byte) 0xC3, '\n'});

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err().lines().toList()).as(run.err()).containsExactly(
                "error: rulebook/rules/aa.drl:2:5: the rulebook's policies do not compile: rule file is not UTF-8:"
                        + " byte 0xFC begins no UTF-8 character; save the file as UTF-8",
                "rulebook/rules/zz.drl:1:4: rule file is not UTF-8: byte 0xC3 begins no UTF-8 character; save the"
                        + " file as UTF-8");
    }

    /**
     * errors18: a file directly under {@code tests/} is read as rule tests by its name; one that is no rule test
     * (empty, comments only, another planning file, a list) is a located error, every such file in one run,
     * never a silent skip.
     */
    @Test
    void everyFileUnderTestsThatIsNoRuleTestIsALocatedErrorInOneRun() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path tests = workspace.resolve("rulebook/tests");
        Files.writeString(tests.resolve("a-empty.yaml"), "", StandardCharsets.UTF_8);
        Files.writeString(tests.resolve("b-comments.yml"), "# cases to come\n", StandardCharsets.UTF_8);
        Files.copy(workspace.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"),
                tests.resolve("c-plan.yaml"));
        Files.writeString(tests.resolve("d-list.yaml"), "- name: x\n- name: y\n", StandardCharsets.UTF_8);
        Files.writeString(tests.resolve("e-blank-document.yaml"), Files.readString(tests.resolve("hygiene.yaml"),
                StandardCharsets.UTF_8) + "---\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("rules", "test", workspace.resolve("rulebook").toString());
        String shown = tests.toString();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.out()).doesNotContain("PASS");
        assertThat(run.err()).startsWith("error: " + shown + "/a-empty.yaml:1:1: ");
        for (String file : new String[] {"b-comments.yml:1:1: the document is empty", "c-plan.yaml:2:10: invalid rule"
                + " tests: 8 errors:", "d-list.yaml:1:1: the document must be a mapping (found a list)",
            "e-blank-document.yaml:99:1: the document is empty"}) {
            assertThat(run.err()).as(file).contains("\n" + shown + "/" + file);
        }
    }

    /**
     * errors18: a control character of a quoted value is shown as its escape in a schema finding as in every
     * other message (it was {@code ?} there alone), under {@code LC_ALL=C} as under UTF-8.
     */
    @Test
    void aControlCharacterOfAQuotedValueIsShownAsItsEscapeInSchemaFindingsAsElsewhere() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path plan = workspace.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        // A BEL in a status (a schema finding) and in a tag's value (the taxonomy's finding), written as YAML escapes.
        text = text.replaceFirst("    status: planned\n", Matcher.quoteReplacement("    status: \"plan\\aned\"\n"))
                .replaceFirst("tags: \\{criticality: 2, compliance: none,",
                        Matcher.quoteReplacement("tags: {criticality: 2, compliance: \"no\\ane\","));
        Files.writeString(plan, text, StandardCharsets.UTF_8);

        // In this JVM, and in a child JVM under LC_ALL=C (a process's locale decides how Java writes).
        for (CliRun run : new CliRun[] {CliRun.of("lint", "-w", workspace.toString()),
            CliRun.inChildJvm(Map.of("LC_ALL", "C", "LANG", "", "LC_CTYPE", ""), "lint", "-w", workspace.toString())}) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("(found \"plan\\u0007ned\")").contains("is \"no\\u0007ne\"")
                    .doesNotContain("plan?ned").doesNotContain("no?ne").doesNotContain("\u0007");
        }
    }

    /**
     * errors18: a refusal across deployments files (a deployment in two files, overlapping periods) named the
     * files alone; now each file at the line and column of the entry, every such mistake of the import.
     */
    @Test
    void deploymentsFilesThatCountSomethingTwiceNameEachFileAtItsLineAndColumnEveryMistakeOnce() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path a = workspace.resolve("a-deployments.yaml");
        Files.writeString(a, """
                version: "1.0"
                period: {start: 2025-08-01T00:00:00Z, end: 2025-08-20T00:00:00Z}
                deployments:
                  - {id: D-1, time: 2025-08-10T15:00:00Z, status: success, commits: []}
                """, StandardCharsets.UTF_8);
        Path b = workspace.resolve("b-deployments.yaml");
        Files.writeString(b, """
                version: "1.0"
                period: {start: 2025-08-15T00:00:00Z, end: 2025-08-30T00:00:00Z}
                deployments:
                  - {id: D-2, time: 2025-08-16T15:00:00Z, status: success, commits: []}
                  - {id: D-1, time: 2025-08-17T15:00:00Z, status: success, commits: []}
                """, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                a.toString(), b.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).isEqualTo("error: " + b + ":5:10: nothing imported: deployments files count the same"
                + " thing twice: 2 errors:\n"
                + "  " + b + ":5:10: deployment D-1 is listed in " + a + ":4:10 and again in " + b + ":5:10; each"
                + " deployment, incident and defect counts once: list it in one file\n"
                + "  " + b + ":2:9: the period of " + b + ":2:9 (2025-08-15T00:00:00Z to 2025-08-30T00:00:00Z) overlaps"
                + " that of " + a + ":2:9 (2025-08-01T00:00:00Z to 2025-08-20T00:00:00Z); deployment frequency counts"
                + " each day once: give the files periods that do not overlap\n");
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes")).doesNotExist();
    }
}
