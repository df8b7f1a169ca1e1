package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gitdirs15: the engine's {@code cannot list} and {@code cannot read} errors, reached for real. A
 * directory or file the user running planning may not read ({@code chmod 000}) denies nothing to
 * root, and tests may run as root: the CLI then runs in a child JVM under {@code setpriv} with
 * {@code CAP_DAC_OVERRIDE} and {@code CAP_DAC_READ_SEARCH} dropped from its bounding set, so root
 * is held to the owner's permission bits like anyone else (as another user, it runs plainly; where
 * neither works, the tests are skipped). The workspace's name holds an escape sequence and a line
 * feed: each error is one {@code error:} line with the name escaped, and exit code 2.
 */
class UnreadableEntriesTest {

    /** An escape sequence that clears the screen, and a line feed followed by a forged verdict. */
    private static final String HOSTILE = "ws\u001b[2J\nok: verified";

    @TempDir
    Path dir;

    private Path ws;
    private final List<Path> locked = new ArrayList<>();

    @BeforeEach
    void workspace() {
        ws = CliRun.copyOf("fe-2025-09-02", dir.resolve(HOSTILE));
    }

    @AfterEach
    void unlock() throws IOException {
        for (Path path : locked) { // so that @TempDir can delete them
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    private void lock(String relative) throws IOException {
        Path path = ws.resolve(relative);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
        locked.add(path);
    }

    /** Runs the CLI in a child JVM that the permission bits bind, even as root. */
    private static CliRun unprivileged(String... args) throws Exception {
        return UnprivilegedCli.run(Map.of(), args);
    }

    /** As {@link #unprivileged}, with {@code environment} added (an empty value removes a variable). */
    private static CliRun unprivileged(Map<String, String> environment, String... args) throws Exception {
        return UnprivilegedCli.run(environment, args);
    }

    private static void assertOneEscapedError(CliRun run, String... contains) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).singleElement().asString().startsWith("error: ").contains(contains)
                .doesNotContain("\u001b").doesNotContain("internal error");
        assertThat(run.out()).doesNotContain("ok: verified");
    }

    /** Failed before: an internal error (exit 3) from an UncheckedIOException, with its stack-trace hint. */
    @Test
    void aStreamsDirectoryThatCannotBeListedIsOneErrorLine() throws Exception {
        lock("frameworks");

        CliRun run = unprivileged("status", "-w", ws.toString());

        assertOneEscapedError(run, "cannot list frameworks", "make it readable");
    }

    /** Failed before: the stream's directories could not be examined, so it had no cycles ("no cycles found", exit 0). */
    @Test
    void aStreamDirectoryThatCannotBeSearchedIsNotTakenForEmpty() throws Exception {
        lock("frameworks/planning-fe");

        CliRun run = unprivileged("status", "-w", ws.toString());

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/");
    }

    /** Failed before: an internal error (exit 3). */
    @Test
    void aPlanDirectoryThatCannotBeListedIsOneErrorLine() throws Exception {
        lock("frameworks/planning-fe/tasks");

        CliRun run = unprivileged("status", "-w", ws.toString());

        assertOneEscapedError(run, "cannot list frameworks/planning-fe/tasks");
    }

    /** Failed before: an internal error (exit 3, "please report it") from an UncheckedIOException. */
    @Test
    void aSealedArtifactThatCannotBeReadFailsVerifyWithOneErrorLine() throws Exception {
        Path sealed = CycleScript.validatedExample(dir.resolve("sealed"));
        ws = sealed;
        lock("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");

        CliRun run = unprivileged(CycleScript.cycle(sealed, "verify", "--trust",
                dir.resolve("sealed/keys/trust.yaml").toString()));

        assertOneEscapedError(run, "cannot read", "2025-09-02-fe_task_breakdown.yaml to hash it", "ermission denied");
    }

    /**
     * Failed before: an internal error (exit 3). Another stream's manifests are indexed so that a
     * forged manifest cannot claim the verified one's id: a directory of them that cannot be listed
     * is refused, not skipped.
     */
    @Test
    void anotherStreamsManifestsThatCannotBeListedFailVerifyWithOneErrorLine() throws Exception {
        Path sealed = CycleScript.validatedExample(dir.resolve("sealed"));
        ws = sealed;
        Files.createDirectories(sealed.resolve("frameworks/planning-be/manifests"));
        lock("frameworks/planning-be/manifests");

        CliRun run = unprivileged(CycleScript.cycle(sealed, "verify", "--trust",
                dir.resolve("sealed/keys/trust.yaml").toString()));

        assertOneEscapedError(run, "cannot list frameworks/planning-be/manifests");
    }

    /** Failed before: an internal error (exit 3). */
    @Test
    void anEventsDirectoryThatCannotBeListedIsOneErrorLine() throws Exception {
        Files.createDirectories(ws.resolve("frameworks/planning-be/events"));
        lock("frameworks/planning-be/events");

        CliRun run = unprivileged("store", "portfolio", "-w", ws.toString());

        assertOneEscapedError(run, "cannot list frameworks/planning-be/events");
    }

    /**
     * Failed before: a repository's {@code .git} the user may not read was passed over as no
     * repository, so a trust file committed to it was read as a trust anchor (exit 0).
     */
    @Test
    void aTrustFileInARepositoryWhoseDotGitCannotBeReadIsRefused() throws Exception {
        Path keys = CycleScript.keys(dir.resolve("generated"));
        Path committed = Files.createDirectories(dir.resolve("ci")).resolve("trust.yaml");
        Files.copy(keys.resolve("trust.yaml"), committed);
        Files.writeString(dir.resolve(".gitignore"), "generated/\n");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile())
                .setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("plans, and the trust file by mistake").setAuthor(who).setCommitter(who).setSign(false)
                    .call();
        }
        Path dotGit = dir.resolve(".git");
        Files.setPosixFilePermissions(dotGit, PosixFilePermissions.fromString("---------"));
        locked.add(dotGit);

        CliRun run = unprivileged("status", "-w", ws.toString(), "--trust", committed.toString());

        assertOneEscapedError(run, "cannot open the git repository of", ".git holds git's files", "make it readable");
    }

    // unread15b: the digest, the outcome readers and the rulebook hash, on entries they cannot read.

    private static final String DIGEST = "frameworks/planning-fe/digests/2025-09-02-digest.md";

    private Path validated() {
        ws = CycleScript.validatedExample(dir.resolve("sealed"));
        return ws;
    }

    private String trust() {
        return dir.resolve("sealed/keys/trust.yaml").toString();
    }

    /** Failed before: the sealed manifest was taken for absent, its KPI unmeasured, the digest written (exit 0). */
    @Test
    void aManifestsDirectoryThatCannotBeSearchedFailsTheDigest() throws Exception {
        validated();
        lock("frameworks/planning-fe/manifests");

        CliRun run = unprivileged(CycleScript.cycle(ws, "digest"));

        assertOneEscapedError(run, "frameworks/planning-fe/manifests");
        assertThat(ws.resolve(DIGEST)).doesNotExist();
    }

    /** Failed before: the digest was written with fewer KPIs measured (exit 0). */
    @Test
    void anEvidenceDirectoryThatCannotBeSearchedFailsTheDigest() throws Exception {
        validated();
        lock("frameworks/planning-fe/evidence");

        CliRun run = unprivileged(CycleScript.cycle(ws, "digest"));

        assertOneEscapedError(run, "frameworks/planning-fe/evidence");
        assertThat(ws.resolve(DIGEST)).doesNotExist();
    }

    @Test
    void anOutcomesDirectoryThatCannotBeListedFailsTheDigest() throws Exception {
        validated();
        lock("frameworks/planning-fe/outcomes/2025-09-02");

        CliRun run = unprivileged(CycleScript.cycle(ws, "digest"));

        assertOneEscapedError(run, "cannot list", "frameworks/planning-fe/outcomes/2025-09-02");
        assertThat(ws.resolve(DIGEST)).doesNotExist();
    }

    @Test
    void aDigestsDirectoryThatCannotBeListedFailsTheDigest() throws Exception {
        validated();
        Files.createDirectories(ws.resolve("frameworks/planning-fe/digests"));
        lock("frameworks/planning-fe/digests");

        CliRun run = unprivileged(CycleScript.cycle(ws, "digest"));

        assertOneEscapedError(run, "frameworks/planning-fe/digests");
    }

    @Test
    void anOutcomesDirectoryThatCannotBeListedFailsTheImport() throws Exception {
        validated();
        lock("frameworks/planning-fe/outcomes/2025-09-02");
        Path report = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath();
        String any;
        try (var files = Files.list(report)) {
            any = files.map(Path::toString).sorted().findFirst().orElseThrow();
        }

        CliRun run = unprivileged(CycleScript.cycle(ws, "import", any));

        assertOneEscapedError(run, "frameworks/planning-fe/outcomes/2025-09-02", "make it readable");
        assertThat(run.err()).doesNotContain("symbolic link");
    }

    /** Failed before: ARTIFACT_MISSING, "sealed artifact ... is missing" (exit 1), for a file that is there. */
    @Test
    void anEvidenceDirectoryThatCannotBeSearchedFailsVerifyAsUnreadableNotMissing() throws Exception {
        validated();
        lock("frameworks/planning-fe/evidence/2025-09-02");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/evidence/2025-09-02/", "make it readable");
        assertThat(run.out() + run.err()).doesNotContain("missing");
    }

    /** Failed before: MANIFEST_INVALID, "no file" (exit 1), for a manifest that is there. */
    @Test
    void aManifestsDirectoryThatCannotBeSearchedFailsVerifyAsUnreadableNotAbsent() throws Exception {
        validated();
        lock("frameworks/planning-fe/manifests");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/manifests/", "make it readable");
        assertThat(run.out()).doesNotContain("no file");
    }

    /** Failed before: SNAPSHOT_REV_MISSING, "no such commit" (exit 1), for a commit that is there. */
    @Test
    void gitObjectsThatCannotBeSearchedFailVerifyAsUnreadableNotMissing() throws Exception {
        validated();
        lock(".git/objects");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust()));

        assertOneEscapedError(run, ".git/objects", "make it readable");
        assertThat(run.out()).doesNotContain("SNAPSHOT_REV_MISSING");
    }

    /** Failed before: the task breakdown was reported missing (exit 1), though it is there. */
    @Test
    void aTaskBreakdownLintCannotExamineIsUnreadableNotMissing() throws Exception {
        lock("frameworks/planning-fe/tasks");

        CliRun run = unprivileged(CycleScript.cycle(ws, "lint"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("frameworks/planning-fe/tasks").contains("make it readable").contains("[file.unreadable]")
                .doesNotContain("missing").doesNotContain("\u001b");
    }

    /** Failed before: a decision log under a directory that may not be searched was passed over as absent (exit 0). */
    @Test
    void aDecisionLogLintCannotExamineIsAFinding() throws Exception {
        Files.createDirectories(ws.resolve("frameworks/planning-fe/decisions"));
        Files.writeString(ws.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml"), "not: [valid\n");
        lock("frameworks/planning-fe/decisions");

        CliRun run = unprivileged(CycleScript.cycle(ws, "lint"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("frameworks/planning-fe/decisions").contains("make it readable");
    }

    /** Held: the rulebook's walk refuses a directory it cannot list (reached for the first time). */
    @Test
    void aRulebookDirectoryThatCannotBeListedIsRefused() throws Exception {
        lock("rulebook/rules");

        CliRun run = unprivileged(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        assertOneEscapedError(run, "cannot list rulebook directory", "rules");
    }

    /**
     * Failed before: an internal error (exit 3) from the evidence's walk of the outcomes
     * ({@code EvidenceInputs}); the gate's read of the directory, and the summary's
     * ({@code JudgedOutcomes}), come after it.
     */
    @Test
    void aJUnitDirectoryThatCannotBeListedFailsTheMoveIntoValidated() throws Exception {
        Path sealed = CycleScript.committedExample(dir.resolve("exec"));
        Path keys = CycleScript.keys(dir.resolve("exec"));
        CycleScript.toExecutedWithOutcomes(sealed, keys);
        ws = sealed;
        Path log = sealed.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        byte[] before = Files.readAllBytes(log);
        lock("frameworks/planning-fe/outcomes/2025-09-02/junit");

        CliRun run = unprivileged(CycleScript.cycle(sealed, "advance", "--to", "VALIDATED", "--trust",
                keys.resolve("trust.yaml").toString(), "--summary-key", keys.resolve("QA.key.pem").toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("frameworks/planning-fe/outcomes/2025-09-02/junit")
                .doesNotContain("internal error");
        assertThat(log).hasBinaryContent(before); // not moved
    }

    // unread16: the readers unread15b left unaudited, on entries they cannot read.

    /** chmod {@code path} (anywhere) to {@code mode}, put back after the test. */
    private void lock(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        locked.add(path);
    }

    /** Failed before: "file not found (expected a report file to import)" (exit 2) for a report that is there. */
    @Test
    void aReportUnderADirectoryThatCannotBeSearchedIsUnreadableNotNotFound() throws Exception {
        validated();
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path report = reports.resolve("TEST-dev.shop.CheckoutTest.xml");
        Files.copy(Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02", "TEST-dev.shop.CheckoutTest.xml")
                .toAbsolutePath(), report);
        lock(reports, "---------");

        CliRun run = unprivileged(CycleScript.cycle(ws, "import", report.toString()));

        assertOneEscapedError(run, "cannot read", "TEST-dev.shop.CheckoutTest.xml", "make it readable");
        assertThat(run.err()).doesNotContain("not found");
    }

    /** The example taken to VALIDATED with its verification summaries written (--summary-key): verify then reads the judged reports. */
    private Path validatedWithSummaries() throws Exception {
        ws = CycleScript.committedExample(dir.resolve("summarized"));
        Path keys = CycleScript.keys(dir.resolve("summarized"));
        CycleScript.toExecutedWithOutcomes(ws, keys);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "VALIDATED", "--trust", keys.resolve("trust.yaml").toString(),
                "--summary-key", keys.resolve("QA.key.pem").toString()));
        return keys.resolve("trust.yaml");
    }

    private Path judgedReport() throws IOException {
        try (var files = Files.list(ws.resolve("frameworks/planning-fe/outcomes/2025-09-02/junit"))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    /**
     * Failed before: SUMMARY_MISMATCH "is gone", "no file" (exit 1) for a judged test report that is
     * there; then (unread16) SUMMARY_MISMATCH "cannot read" (exit 1), a failed check. unread17: one
     * error naming it, exit 2, no discrepancy: the report is the user's to make readable.
     */
    @Test
    void aJudgedTestReportThatCannotBeReadFailsVerifyAsUnreadableNotAbsent() throws Exception {
        Path trust = validatedWithSummaries();
        lock(judgedReport(), "---------");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust.toString()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/outcomes/2025-09-02/junit/", "make it readable");
        assertThat(run.out() + run.err()).doesNotContain("SUMMARY_MISMATCH").doesNotContain("no file")
                .doesNotContain("is gone");
    }

    /**
     * Held (unread16): {@code JudgedOutcomes}' "cannot list" failed the summaries' check
     * (SUMMARY_MISMATCH, exit 1). unread17: one error naming the directory, exit 2.
     */
    @Test
    void aJudgedTestReportDirectoryThatCannotBeListedFailsVerify() throws Exception {
        Path trust = validatedWithSummaries();
        lock("frameworks/planning-fe/outcomes/2025-09-02/junit");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust.toString()));

        assertOneEscapedError(run, "cannot list frameworks/planning-fe/outcomes/2025-09-02/junit", "make it readable");
        assertThat(run.out() + run.err()).doesNotContain("SUMMARY_MISMATCH");
    }

    /** Failed before: SUMMARY_INVALID "the verification summary cannot be read: /abs/path" (exit 1), a failed check. */
    @Test
    void aVerificationSummaryThatCannotBeReadIsAUserErrorNotAnInvalidSummary() throws Exception {
        Path trust = validatedWithSummaries();
        lock("frameworks/planning-fe/evidence/2025-09-02/verification-summary.intoto.json");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust.toString()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/evidence/2025-09-02/verification-summary.intoto.json",
                "make it readable");
        assertThat(run.out() + run.err()).doesNotContain("SUMMARY_INVALID").doesNotContain(dir.toString());
    }

    /** Failed before: SEAL_EVENT_MISMATCH "the event log ... cannot be read" (exit 1), a failed check. */
    @Test
    void anEventLogThatCannotBeReadFailsVerifyAsAUserError() throws Exception {
        validated();
        lock("frameworks/planning-fe/events/2025-09-02.events.jsonl");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust()));

        assertOneEscapedError(run, "frameworks/planning-fe/events/2025-09-02.events.jsonl");
        assertThat(run.out() + run.err()).doesNotContain("SEAL_EVENT_MISMATCH");
    }

    /**
     * Held (the rulebook's hash reads {@code tests/} before the tests are read, and refuses it); the
     * message gave the exception's class for a reason ({@code AccessDeniedException}) and no remedy:
     * now why, and what to do.
     */
    @Test
    void ruleTestsThatCanBeListedButNotExaminedAreRefusedNotTakenForNone() throws Exception {
        lock(ws.resolve("rulebook/tests"), "r--------");

        CliRun run = unprivileged("rules", "test", ws.resolve("rulebook").toString());

        assertOneEscapedError(run, "cannot read", "rulebook/tests/", "ermission denied", "make it readable");
    }

    /** Failed before: the rulebook directory was named by its absolute path. */
    @Test
    void aRulebookDirectoryThatCannotBeListedIsNamedInTheWorkspaceNotByItsAbsolutePath() throws Exception {
        lock("rulebook/rules");

        CliRun run = unprivileged(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        assertOneEscapedError(run, "rulebook/rules");
        assertThat(run.err()).doesNotContain(dir.toString());
    }

    /** Failed before: lint said nothing of the capacity model it could not examine (only the stream's files). */
    @Test
    void aCapacityModelLintCannotExamineIsAFinding() throws Exception {
        lock("frameworks");

        CliRun run = unprivileged(CycleScript.cycle(ws, "lint"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("frameworks/capacity.yaml").contains("make it readable")
                .doesNotContain("\u001b");
    }

    private Path multiStream() {
        ws = CliRun.copyOf("multi-stream", dir.resolve(HOSTILE));
        return ws;
    }

    /**
     * Failed before: the other stream's plan was left out of the cross-stream check, as if it had none;
     * then (unread16) the gate failed naming it (exit 1). unread17: one error, exit 2, no verdict.
     */
    @Test
    void anotherStreamsPlanThatCannotBeReadFailsTheGateNotLeftOut() throws Exception {
        multiStream();
        lock("frameworks/planning-be/tasks/2025-09-02-be_backlog.yaml");

        CliRun run = unprivileged("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");

        assertOneEscapedError(run, "cannot read frameworks/planning-be/tasks/2025-09-02-be_backlog.yaml", "make it readable");
        assertThat(run.out()).doesNotContain("FAIL");
    }

    /**
     * Failed before (unread16's fix): the unreadable plan failed the gate, and {@code advance} recorded
     * the refused move (exit 1). An input that cannot be read reaches no verdict: exit 2, the log untouched.
     */
    @Test
    void anotherStreamsPlanThatCannotBeReadRefusesTheMoveAndRecordsNothing() throws Exception {
        multiStream();
        Path log = ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        byte[] before = Files.exists(log) ? Files.readAllBytes(log) : null;
        lock("frameworks/planning-be/tasks/2025-09-02-be_backlog.yaml");

        CliRun run = unprivileged("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");

        assertOneEscapedError(run, "cannot read frameworks/planning-be/tasks/2025-09-02-be_backlog.yaml", "make it readable");
        if (before == null) {
            assertThat(log).doesNotExist();
        } else {
            assertThat(log).hasBinaryContent(before);
        }
    }

    /** Failed before: a plan directory that can be listed but not searched: the plan was left out, as if none. */
    @Test
    void anotherStreamsPlanDirectoryThatCannotBeSearchedFailsTheGateNotLeftOut() throws Exception {
        multiStream();
        lock(ws.resolve("frameworks/planning-be/tasks"), "r--------");

        CliRun run = unprivileged("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");

        assertOneEscapedError(run, "cannot read frameworks/planning-be/tasks/", "make it readable");
    }

    /**
     * Failed before: the cross-stream gate judged the cycle without its contracts, as if it had none;
     * then (unread16) the gate failed naming them (exit 1). unread17: one error, exit 2, no verdict.
     */
    @Test
    void contractsThatCannotBeExaminedFailTheCrossStreamGate() throws Exception {
        multiStream();
        lock("frameworks/planning-fe/contracts");

        CliRun run = unprivileged("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF", "--format", "json");

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/contracts", "make it readable");
        assertThat(run.out()).doesNotContain("\"FAIL\"");
    }

    /**
     * Failed before: the other stream's manifests could be listed but not examined, so none was
     * indexed, and a copy there claiming the verified manifest's id went unseen ("verified", exit 0).
     */
    @Test
    void anotherStreamsManifestsThatCanBeListedButNotExaminedFailVerify() throws Exception {
        validated();
        Path other = Files.createDirectories(ws.resolve("frameworks/planning-be/manifests"));
        Files.copy(ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml"),
                other.resolve("2025-09-02-handoff_manifest.yaml"));
        lock(other, "r--------");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust()));

        assertOneEscapedError(run, "cannot read frameworks/planning-be/manifests/", "make it readable");
    }

    /** Failed before: the streams directory could be listed but not examined: no streams, "no cycles found" (exit 0). */
    @Test
    void aStreamsDirectoryThatCanBeListedButNotSearchedIsNotTakenForEmpty() throws Exception {
        lock(ws.resolve("frameworks"), "r--------");

        CliRun run = unprivileged("status", "-w", ws.toString());

        assertOneEscapedError(run, "cannot read frameworks/planning-fe", "make it readable");
    }

    /**
     * Failed before: a decision log written after sealing, in a directory verify may not search, was
     * not seen, so not reported unsealed ("verified", exit 0).
     */
    @Test
    void anUnsealedPlanFileVerifyCannotExamineIsRefusedNotPassedOver() throws Exception {
        validated();
        Path decisions = Files.createDirectories(ws.resolve("frameworks/planning-fe/decisions"));
        Files.writeString(decisions.resolve("2025-09-02-decision_log.yaml"), "decisions: []\n");
        lock("frameworks/planning-fe/decisions");

        CliRun run = unprivileged(CycleScript.cycle(ws, "verify", "--trust", trust()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/decisions/", "make it readable");
    }

    /**
     * Failed before: seal took the manifest for absent in a directory it may not search, recorded the
     * move into PACKAGED and then failed to write the manifest. Refused first, the log untouched.
     */
    @Test
    void aManifestsDirectorySealCannotSearchIsRefusedBeforeAnythingIsRecorded() throws Exception {
        ws = CycleScript.committedExample(dir.resolve("seal"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        Files.createDirectories(ws.resolve("frameworks/planning-fe/manifests"));
        Path log = ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        byte[] before = Files.readAllBytes(log);
        lock("frameworks/planning-fe/manifests");

        CliRun run = unprivileged(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/manifests/", "make it readable");
        assertThat(log).hasBinaryContent(before);
    }

    /**
     * Failed before: an events directory that may be listed but not searched: its logs were skipped,
     * so the portfolio left the cycle out (exit 0).
     */
    @Test
    void anEventsDirectoryThatCanBeListedButNotSearchedFailsThePortfolio() throws Exception {
        validated();
        lock(ws.resolve("frameworks/planning-fe/events"), "r--------");

        CliRun run = unprivileged("store", "portfolio", "-w", ws.toString());

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/events/", "make it readable");
    }

    /**
     * Failed before: a rule test judging a workspace ({@code given.workspace}) whose decision log it
     * may not examine ran without that log's waivers, as if there were none (exit 0).
     */
    @Test
    void aRuleTestsWorkspaceDecisionLogThatCannotBeExaminedIsRefusedNotTakenForNone() throws Exception {
        Path plain = CliRun.copyOf("fe-2025-09-02", dir.resolve("plain"));
        Path decisions = Files.createDirectories(plain.resolve("frameworks/planning-fe/decisions"));
        Files.writeString(decisions.resolve("2025-09-02-decision_log.yaml"), "decisions: []\n");
        Path rulebook = dir.resolve("rb");
        WorkspaceCopies.copy(ws.resolve("rulebook"), rulebook);
        Files.writeString(rulebook.resolve("tests/workspace.yaml"), "name: the workspace is judged\n"
                + "given:\n  stream: fe\n  cycle: 2025-09-02\n  workspace: ../../plain\n"
                + "expect:\n  only: true\n  violations: []\n");
        lock(decisions, "---------");

        CliRun run = unprivileged("rules", "test", rulebook.toString());

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/decisions/", "make it readable");
    }

    // unread17: what the command line is given, examined before it is taken for something else.

    /** Failed before: "--base DIR: ws is not inside a git repository": the directory was taken for a git revision. */
    @Test
    void aBaseRulebookUnderADirectoryThatCannotBeSearchedIsUnreadableNotARevision() throws Exception {
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        WorkspaceCopies.copy(ws.resolve("rulebook"), hidden.resolve("rb"));
        lock(hidden, "---------");

        CliRun run = unprivileged("rules", "diff", "-w", ws.toString(), "--base", hidden.resolve("rb").toString());

        assertOneEscapedError(run, "cannot read", "hidden/rb", "make it readable");
        assertThat(run.err()).doesNotContain("not inside a git repository");
    }

    /** Failed before: "trust file not found" for a trust file that is there. */
    @Test
    void aTrustFileUnderADirectoryThatCannotBeSearchedIsUnreadableNotNotFound() throws Exception {
        Path keys = CycleScript.keys(dir.resolve("generated"));
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.copy(keys.resolve("trust.yaml"), hidden.resolve("trust.yaml"));
        lock(hidden, "---------");

        CliRun run = unprivileged("report", "-w", ws.toString(), "--html", dir.resolve("site").toString(), "--trust",
                hidden.resolve("trust.yaml").toString());

        assertOneEscapedError(run, "cannot read", "hidden/trust.yaml", "make it readable");
        assertThat(run.err()).doesNotContain("not found");
    }

    /** Failed before: "digest template not found" for a template that is there. */
    @Test
    void aDigestTemplateUnderADirectoryThatCannotBeSearchedIsUnreadableNotNotFound() throws Exception {
        validated();
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.writeString(hidden.resolve("digest.mustache"), "# {{cycle_id}}\n");
        lock(hidden, "---------");

        CliRun run = unprivileged(CycleScript.cycle(ws, "digest", "--template", hidden.resolve("digest.mustache").toString()));

        assertOneEscapedError(run, "cannot read", "hidden/digest.mustache", "make it readable");
        assertThat(run.err()).doesNotContain("not found");
        assertThat(ws.resolve(DIGEST)).doesNotExist();
    }

    /**
     * Failed before: "... names ..., which is no directory (a moved or deleted repository)" for a git
     * directory that is there, under a directory that may not be searched.
     */
    @Test
    void aGitDirectoryUnderADirectoryThatCannotBeSearchedIsUnreadableNotMoved() throws Exception {
        Path keys = CycleScript.keys(dir.resolve("generated"));
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.createDirectories(hidden.resolve("repo.git"));
        // The repository the trust file's directory lies in is looked for (a committed trust file is refused).
        Files.writeString(dir.resolve(".git"), "gitdir: " + hidden.resolve("repo.git") + "\n");
        lock(hidden, "---------");

        CliRun run = unprivileged("status", "-w", ws.toString(), "--trust", keys.resolve("trust.yaml").toString());

        assertOneEscapedError(run, "cannot read", "hidden/repo.git", "make it readable");
        assertThat(run.err()).doesNotContain("moved or deleted");
    }

    /** The validated example with its digest published and the cycle moved into IMPROVE. */
    private void improving() {
        validated();
        CycleScript.ok(CycleScript.cycle(ws, "digest"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust()));
    }

    /** Failed before: "cycle fe/2025-09-02 has no digest: run `planning digest` first" for a digest that is there. */
    @Test
    void aDigestImproveCannotReadIsUnreadableNotMissing() throws Exception {
        improving();
        lock("frameworks/planning-fe/digests");

        CliRun run = unprivileged(CycleScript.cycle(ws, "improve", "--next", "2025-09-16", "--trust", trust()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/digests/", "make it readable");
        assertThat(run.err()).doesNotContain("has no digest");
    }

    /**
     * Held (since this round's first commit: the move into COMPLETED runs the gates, which refuse the
     * story map they cannot read before anything is recorded): refused, the log and the plans untouched.
     */
    @Test
    void aStoryMapDirectoryImproveCannotSearchIsRefusedBeforeAnythingIsRecorded() throws Exception {
        improving();
        Path log = ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        byte[] before = Files.readAllBytes(log);
        lock("frameworks/planning-fe/storymaps");

        CliRun run = unprivileged(CycleScript.cycle(ws, "improve", "--next", "2025-09-16", "--trust", trust()));

        assertOneEscapedError(run, "cannot read frameworks/planning-fe/storymaps/", "make it readable");
        assertThat(log).hasBinaryContent(before);
        assertThat(ws.resolve("frameworks/planning-fe/tasks/2025-09-16-fe_task_breakdown.yaml")).doesNotExist();
    }

    /** Failed before: the report left the cycle's digest out (no KPI figures) and said nothing of it. */
    @Test
    void aDigestTheReportCannotReadIsAProblemShownNotLeftOut() throws Exception {
        validated();
        CycleScript.ok(CycleScript.cycle(ws, "digest"));
        lock(ws.resolve("frameworks/planning-fe/digests"), "r--------");
        Path site = dir.resolve("site");

        CliRun run = unprivileged("report", "-w", ws.toString(), "--html", site.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (var pages = Files.walk(site)) {
            String all = pages.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).reduce("", String::concat);
            assertThat(all).contains("cannot read frameworks/planning-fe/digests/2025-09-02-digest.md");
        }
    }

    // unread17: the caches kept across runs (compiled rulebooks, policy verdicts, lint results, their key).

    /** The caches on, in this test's directory: the build turns them off for tests (PLANNING_NO_CACHE). */
    private Map<String, String> cacheOn() {
        return Map.of("PLANNING_NO_CACHE", "", "PLANNING_CACHE_DIR", dir.resolve("cache").toString(),
                "PLANNING_CACHE_KEY_FILE", dir.resolve("state/cache-key").toString());
    }

    /**
     * Held: a workspace file lint cannot read now is never answered with the result kept when it could
     * ("lint passed"): the kept result's key hashes every file, so no key is taken and lint runs,
     * reporting the file it cannot read.
     */
    @Test
    void aKeptLintResultIsNotServedWhenAWorkspaceFileCannotBeRead() throws Exception {
        CliRun first = unprivileged(cacheOn(), CycleScript.cycle(ws, "lint"));
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        try (var kept = Files.list(dir.resolve("cache"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".lint"));
        }
        lock("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");

        CliRun run = unprivileged(cacheOn(), CycleScript.cycle(ws, "lint"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("2025-09-02-fe_task_breakdown.yaml", "make it readable")
                .doesNotContain("AccessDeniedException").doesNotContain(dir.toString()).isNotEqualTo(first.out() + first.err());
    }

    /**
     * Held: cache files that cannot be read (every compiled rulebook, policy verdict, kept lint result
     * and the key that authenticates them) mean "compute again", never "trust" and never an error:
     * the same verdict as the first run, from the rule files themselves.
     */
    @Test
    void cacheFilesThatCannotBeReadAreComputedAgainNotTrusted() throws Exception {
        CliRun first = unprivileged(cacheOn(), CycleScript.cycle(ws, "lint"));
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        List<Path> cached;
        try (var files = Files.list(dir.resolve("cache"))) {
            cached = files.filter(Files::isRegularFile).toList();
        }
        assertThat(cached).isNotEmpty();
        for (Path file : cached) {
            lock(file, "---------");
        }
        lock(dir.resolve("state/cache-key"), "---------");

        CliRun run = unprivileged(cacheOn(), CycleScript.cycle(ws, "lint"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEqualTo(first.out());
        assertThat(run.err()).doesNotContain("error");
    }

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    /** Failed before: "key file not found" for a private key that is there. */
    @Test
    void aSigningKeyUnderADirectoryThatCannotBeSearchedIsUnreadableNotNotFound() throws Exception {
        validated();
        Path hidden = Files.createDirectories(dir.resolve("hidden"));
        Files.copy(dir.resolve("sealed/keys/QA.key.pem"), hidden.resolve("QA.key.pem"));
        lock(hidden, "---------");

        CliRun run = unprivileged("sign", ws.resolve(MANIFEST).toString(), "--role", "QA", "--key",
                hidden.resolve("QA.key.pem").toString(), "--trust", trust());

        assertOneEscapedError(run, "cannot read", "hidden/QA.key.pem", "make it readable");
        assertThat(run.err()).doesNotContain("not found");
    }

    /** Failed before: "key file cannot be read (/abs/path/QA.key.pem)": the absolute path, no reason, no remedy. */
    @Test
    void aSigningKeyThatCannotBeReadSaysWhyAndWhatToDo() throws Exception {
        validated();
        Path key = dir.resolve("QA.key.pem");
        Files.copy(dir.resolve("sealed/keys/QA.key.pem"), key);
        lock(key, "---------");

        CliRun run = unprivileged("sign", ws.resolve(MANIFEST).toString(), "--role", "QA", "--key", key.toString(), "--trust",
                trust());

        assertOneEscapedError(run, "cannot read", "QA.key.pem (", "ermission denied", "make it readable");
    }

    /**
     * left17: failed before: a sealed manifest that cannot be read was counted as signed by no one, the
     * validated cycle listed as waiting for every role (exit 0). One error naming it, exit 2.
     */
    @Test
    void aSealedManifestThatCannotBeReadIsUnreadableNotSignedByNoOne() throws Exception {
        validated();
        lock(MANIFEST);

        CliRun run = unprivileged("store", "pending-signatures", "-w", ws.toString(), "--trust", trust());

        assertOneEscapedError(run, "cannot read " + MANIFEST + " (", "ermission denied", "make it readable");
        assertThat(run.out()).doesNotContain("2025-09-02");
    }

    /**
     * left17: a trust file beside the workspace in a monorepo (not committed), with the repository's
     * index unreadable: whether git tracks the file cannot be told. Refused before too, but naming the
     * work tree by its absolute path (and the index's, in JGit's message). Now relative to the workspace.
     */
    @Test
    void aGitIndexThatCannotBeReadIsNamedRelativeToTheWorkspace() throws Exception {
        Path repository = dir.resolve("repo");
        Path planning = repository.resolve("planning");
        CliRun.copyOf("fe-2025-09-02", planning);
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repository.toFile())
                .setInitialBranch("main").call()) {
            git.add().addFilepattern("planning").call();
        }
        Path trust = Files.createDirectories(repository.resolve("ci")).resolve("trust.yaml");
        Files.writeString(trust, "keys: []\n");
        lock(repository.resolve(".git/index"), "---------");

        CliRun run = unprivileged("status", "-w", planning.toString(), "--trust", trust.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).singleElement().asString().startsWith("error: ")
                .contains("../.git/index", "make it readable").doesNotContain(repository.toString() + "/.git")
                .doesNotContain("internal error");
    }
}
