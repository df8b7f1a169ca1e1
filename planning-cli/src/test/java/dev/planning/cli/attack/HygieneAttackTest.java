package dev.planning.cli.attack;

import static dev.planning.cli.attack.HygieneAttackFixture.DECISIONS;
import static dev.planning.cli.attack.HygieneAttackFixture.EVENTS;
import static dev.planning.cli.attack.HygieneAttackFixture.MANIFEST;
import static dev.planning.cli.attack.HygieneAttackFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes 6 and 9 of issue 11 and variants, each played by a contributor without keys on a fresh
 * committed copy of the frontend example: every one ends in a non-zero lint, gate, advance or
 * import that names the problem, and a refusal writes nothing.
 */
@Tag("slow")
@Tag("attack")
class HygieneAttackTest {

    private static final String FE12_TAGS = "tags: {criticality: 0, compliance: gdpr, data_classification: restricted}";
    private static final String FE12_APPROVALS = "      approvals: [pm-dana, techlead-erik, qa-fay]\n";

    @TempDir
    Path dir;

    /** Route 6: criticality 0 typed as the letter O, approvals deleted. */
    @Test
    void criticalityWrittenAsTheLetterOIsCriticalAndAnError() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, FE12_TAGS.replace("criticality: 0", "criticality: O"))
                .edit(PLAN, FE12_APPROVALS, "")
                .commit("criticality O");
        Map<String, String> before = a.snapshot();

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.out())
                .contains("[governance.taxonomy-unknown-value]")
                .contains("tag `criticality` is \"O\"")
                .contains("did you mean \"0\"")
                .contains("[governance.critical-approvals]");
        assertThat(a.snapshot()).as("a dry run writes nothing").isEqualTo(before);

        CliRun lint = a.lint();
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains(PLAN + ":53:25: error: task FE-12: tag `criticality` is \"O\"").contains("[tag.unknown-value]")
                .contains("(allowed: 0, 1, 2, 3)").contains("did you mean \"0\"");
    }

    @Test
    void advanceRefusesCriticalityOAndTheCycleStaysPlanned() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, FE12_TAGS.replace("criticality: 0", "criticality: O"))
                .edit(PLAN, FE12_APPROVALS, "")
                .commit("criticality O");

        CliRun advance = a.run("advance", "--to", "READY_FOR_HANDOFF");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(1);
        assertThat(advance.out()).contains("taxonomy-unknown-value");
        CliRun status = a.run("status");
        assertThat(status.out()).contains("PLANNED").doesNotContain("state: READY_FOR_HANDOFF");
    }

    /** Route 6: compliance soxx on a task without SOX controls. */
    @Test
    void misspeltComplianceIsAnErrorWithASuggestion() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, "tags: {criticality: 3, compliance: none, data_classification: internal}",
                        "tags: {criticality: 3, compliance: soxx, data_classification: internal}")
                .commit("soxx");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");
        CliRun lint = a.lint();

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("[governance.taxonomy-unknown-value]").contains("\"soxx\"")
                .contains("did you mean \"sox\"");
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains(PLAN + ":77:").contains("[tag.unknown-value]").contains("did you mean \"sox\"");
    }

    @Test
    void misspeltComplianceInTheListFormIsAnErrorToo() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, "\"compliance:none\"", "\"Compliance:gpdr\"")
                .commit("gpdr");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");
        CliRun lint = a.lint();

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("FE-1 violates taxonomy-unknown-value").contains("did you mean \"gdpr\"");
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains(PLAN + ":12:").contains("[tag.unknown-value]");
    }

    /** Variant: a trailing blank used to make the value unreadable, so the item was not critical. */
    @Test
    void criticalityZeroWithATrailingBlankIsStillCritical() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, FE12_TAGS.replace("criticality: 0", "criticality: \"0 \""))
                .edit(PLAN, FE12_APPROVALS, "")
                .commit("0 with a blank");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("FE-12 violates critical-approvals");
    }

    @Test
    void negativeCriticalityCountsAsCritical() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, FE12_TAGS.replace("criticality: 0", "criticality: -1"))
                .edit(PLAN, FE12_APPROVALS, "")
                .commit("-1");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("tag `criticality` is \"-1\"").contains("FE-12 violates critical-approvals");
    }

    /** Variant: a second key spelt with another case, written first, used to win. */
    @Test
    void aSecondCriticalityKeyInAnotherCaseCannotHideTheFirst() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, "tags: {Criticality: 3, criticality: 0, compliance: gdpr, data_classification: restricted}")
                .edit(PLAN, FE12_APPROVALS, "")
                .commit("Criticality 3 first");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");
        CliRun lint = a.lint();

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("[governance.taxonomy-conflicting-value]")
                .contains("FE-12 violates critical-approvals");
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("[tag.conflicting-value]").contains("given twice, as \"3\" and \"0\"");
    }

    @Test
    void deletingTheCriticalityTagMakesTheItemCritical() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .edit(PLAN, FE12_TAGS, "tags: {compliance: gdpr, data_classification: restricted}")
                .edit(PLAN, FE12_APPROVALS, "")
                .commit("no criticality");

        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");

        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("FE-12 violates critical-approvals");
    }

    /** Issue 16: a waiver of a misspelt rule waives nothing; lint says so, with the rule meant. */
    @Test
    void aWaiverOfARuleThatDoesNotExistIsALintError() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .write(DECISIONS, """
                        version: "1.0.0"
                        cycle_id: "2025-09-02"
                        stream: fe
                        waivers:
                          - {rule: critical-approval, item: FE-12, reason: board meets later, approver: cto-gina, expires: 2099-09-30}
                        """)
                .commit("waiver");

        CliRun lint = a.lint();
        CliRun gate = a.run("gate", "--to", "READY_FOR_HANDOFF");

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains(DECISIONS + ":5:").contains("[waiver.unknown-rule]")
                .contains("did you mean `critical-approvals`");
        assertThat(gate.exitCode()).as("schema_lint judges what lint judges").isEqualTo(1);
        assertThat(gate.out()).contains("[waiver.unknown-rule]");
    }

    /** Route 9: a committed link named like a lock sidecar, pointing outside the workspace. */
    @Test
    void aLockSidecarThatIsASymbolicLinkIsRefusedAndNothingOutsideIsCreated() throws Exception {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir);
        Path outside = dir.resolve("outside").resolve("pwned");
        Files.createDirectories(outside.getParent());
        Path lock = a.ws.resolve(EVENTS + ".lock");
        Files.createDirectories(lock.getParent());
        Files.createSymbolicLink(lock, outside);
        Map<String, String> before = a.snapshot();

        CliRun advance = a.run("advance", "--to", "READY_FOR_HANDOFF");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(2);
        assertThat(advance.err()).contains(".events.jsonl.lock is a symbolic link").contains("never follow links");
        assertThat(advance.printedStackTrace()).isFalse();
        assertThat(outside).doesNotExist();
        assertThat(Files.isSymbolicLink(lock)).isTrue();
        assertThat(a.snapshot()).isEqualTo(before);
    }

    @Test
    void lockSidecarsNeverLandInGit() throws Exception {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir);

        CliRun advance = a.run("advance", "--to", "READY_FOR_HANDOFF");

        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        assertThat(a.ws.resolve(EVENTS + ".lock")).exists();
        try (Git git = Git.open(a.ws.toFile())) {
            Set<String> untracked = git.status().call().getUntracked();
            assertThat(untracked).contains(EVENTS).noneMatch(p -> p.endsWith(".lock"));
        }
    }

    /** Route 9: a file crafted under the name import gives a stored copy of the real report. */
    @Test
    void importComparesTheWholeHashNotTheNamePrefix() throws Exception {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir);
        Path report = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02",
                "TEST-dev.shop.CheckoutTest.xml").toAbsolutePath();
        String prefix = HygieneAttackFixture.sha256(Files.readAllBytes(report)).substring(0, 12);
        String crafted = "frameworks/planning-fe/outcomes/2025-09-02/junit/" + prefix + "-TEST-dev.shop.CheckoutTest.xml";
        a.write(crafted, "<testsuite name=\"forged\" tests=\"1\" failures=\"0\"><testcase name=\"ok\"/></testsuite>\n")
                .commit("crafted outcome");
        Map<String, String> before = a.snapshot();

        CliRun imported = a.run("import", report.toString());

        assertThat(imported.exitCode()).as(imported.out() + imported.err()).isEqualTo(2);
        assertThat(imported.err()).contains(crafted).contains("hash prefix " + prefix).contains("Nothing was imported");
        assertThat(a.snapshot()).as("no file stored, no event recorded").isEqualTo(before);
    }

    @Test
    void importingTheSameReportTwiceStoresItOnce() throws Exception {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir);
        Path report = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02",
                "TEST-dev.shop.CheckoutTest.xml").toAbsolutePath();

        CliRun first = a.run("import", report.toString());
        Map<String, String> after = a.snapshot();
        CliRun second = a.run("import", report.toString());

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("already imported");
        assertThat(a.snapshot()).isEqualTo(after);
    }

    /** Route 9: lint never read manifests; one that is not even YAML linted clean. */
    @Test
    void aManifestThatIsNotYamlFailsLint() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .write(MANIFEST, "manifest_id: [unclosed\n  sealed: {\n")
                .commit("garbage manifest");

        CliRun lint = a.lint();

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains(MANIFEST + ":").contains("malformed YAML");
    }

    /** Route 9: a manifest with 15 mistakes reported only the first. */
    @Test
    void everyErrorOfAManifestIsReported() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            text.append("unknown_field_").append(i).append(": ").append(i).append('\n');
        }
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir).write(MANIFEST, text.toString()).commit("bad manifest");

        CliRun lint = a.lint();
        Path keys = dir.resolve("keys");
        assertThat(CliRun.of("keys", "generate", "--role", "QA", "--out", keys.toString()).exitCode()).isZero();
        CliRun verify = CliRun.of("verify", "-w", a.ws.toString(), a.ws.resolve(MANIFEST).toString(),
                "--trust", keys.resolve("trust.yaml").toString());

        assertThat(lint.exitCode()).isEqualTo(1);
        for (int i = 1; i <= 15; i++) {
            assertThat(lint.out()).contains("unknown field `unknown_field_" + i + "`");
            assertThat(verify.out() + verify.err()).contains("unknown field `unknown_field_" + i + "`");
        }
        assertThat(verify.exitCode()).isNotZero();
    }

    @Test
    void aTrustFileThatDoesNotHoldTogetherFailsLint() {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir)
                .write("trust.yaml", """
                        version: "1.0"
                        roles:
                          PM:
                            - key_id: 0000000000000000000000000000000000000000000000000000000000000000
                              algorithm: Ed25519
                              public_key: not a key
                        """)
                .commit("trust");

        CliRun lint = a.lint();

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("trust.yaml:");
    }

    /** Route 9: autocrlf would turn the event log's LF into CRLF and break the chain; -text keeps it. */
    @Test
    void theWorkspaceGitAttributesKeepEventLogsByteExactUnderAutocrlf() throws Exception {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir);
        assertThat(a.run("advance", "--to", "READY_FOR_HANDOFF").exitCode()).isZero();
        a.commit("transition");
        byte[] committed = Files.readAllBytes(a.ws.resolve(EVENTS));
        try (Git git = Git.open(a.ws.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("core", null, "autocrlf", "true");
            config.save();
            Files.delete(a.ws.resolve(EVENTS));
            Files.delete(a.ws.resolve(PLAN));
            git.checkout().addPath(EVENTS).addPath(PLAN).call();
        }

        assertThat(Files.readAllBytes(a.ws.resolve(EVENTS))).isEqualTo(committed);
        assertThat(Files.readString(a.ws.resolve(PLAN), StandardCharsets.UTF_8)).doesNotContain("\r\n");
        assertThat(a.run("status").exitCode()).isZero();
    }

    /** Without the attributes, a CRLF-converted log is caught: the chain no longer verifies. */
    @Test
    void aCrlfConvertedEventLogIsReportedNotTrusted() throws Exception {
        HygieneAttackFixture a = HygieneAttackFixture.fresh(dir);
        assertThat(a.run("advance", "--to", "READY_FOR_HANDOFF").exitCode()).isZero();
        String log = a.read(EVENTS);
        a.write(EVENTS, log.replace("\n", "\r\n")).commit("crlf");
        Map<String, String> before = a.snapshot();

        CliRun status = a.run("status");
        CliRun advance = a.run("advance", "--to", "PACKAGED");

        assertThat(status.exitCode()).as(status.out() + status.err()).isNotZero();
        assertThat(status.out() + status.err()).contains(EVENTS);
        assertThat(advance.exitCode()).isNotZero();
        assertThat(a.snapshot()).isEqualTo(before);
    }
}
