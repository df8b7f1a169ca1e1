package dev.planning.rules.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The impact of a rulebook change on every cycle of a workspace, before it is merged. */
class RulebookImpactTest {

    private static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    @Test
    void raisingTheRequiredApprovalsBlocksTheFrontendCycleThatPassesToday() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        Path head = WorkspaceCopies.copy(ws.resolve("rulebook"), dir.resolve("head"));
        setApprovals(head, 4);

        RulebookImpact impact = RulebookImpact.compare(ws, ws.resolve("rulebook"), head, CLOCK);

        assertThat(impact.baseHash()).isNotEqualTo(impact.headHash()).matches("[0-9a-f]{64}");
        assertThat(impact.blocksNew()).isTrue();
        CycleImpact fe = impact.cycles().get(0);
        assertThat(fe.cycle()).isEqualTo(FE);
        assertThat(fe.newlyBlocked()).isTrue();
        assertThat(fe.added()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("critical-approvals");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.item()).isPresent();
        });
        assertThat(fe.resolved()).isEmpty();
    }

    @Test
    void aNewFindingCarriesTheValuesItsRuleComparedAndTheRulesFixHint() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        Path head = WorkspaceCopies.copy(ws.resolve("rulebook"), dir.resolve("head"));
        setApprovals(head, 4);

        ImpactFinding added = RulebookImpact.compare(ws, ws.resolve("rulebook"), head, CLOCK).cycles().get(0)
                .added().get(0);

        assertThat(added.facts()).containsEntry("required", "4").containsKey("approvals");
        assertThat(added.factsLine()).contains("required: 4");
        assertThat(added.hint()).hasValueSatisfying(h -> assertThat(h).contains("Collect the missing approvals"));
    }

    @Test
    void loweringTheRequiredApprovalsResolvesTheCriticalViolationWithoutBlockingAnything() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-critical"), dir.resolve("ws"));
        Path head = WorkspaceCopies.copy(ws.resolve("rulebook"), dir.resolve("head"));
        setApprovals(head, 2);

        RulebookImpact impact = RulebookImpact.compare(ws, ws.resolve("rulebook"), head, CLOCK);

        assertThat(impact.blocksNew()).isFalse();
        CycleImpact fe = impact.cycles().get(0);
        assertThat(fe.newlyPassing()).isTrue();
        assertThat(fe.resolved()).extracting(ImpactFinding::rule, ImpactFinding::item)
                .contains(org.assertj.core.groups.Tuple.tuple("critical-approvals", Optional.of("FE-12")));
    }

    @Test
    void theSameRulebookChangesNothing() {
        Path ws = EXAMPLES.resolve("multi-stream");

        RulebookImpact impact = RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK);

        assertThat(impact.baseHash()).isEqualTo(impact.headHash());
        assertThat(impact.cycles()).hasSizeGreaterThan(1);
        assertThat(impact.changed()).isEmpty();
        assertThat(impact.blocksNew()).isFalse();
    }

    @Test
    void theBaseRulebookIsReadFromGitAtARevision() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        commit(ws);
        String committedHash = dev.planning.engine.internal.rulebook.RulebookHasher.hash(ws.resolve("rulebook"));
        setApprovals(ws.resolve("rulebook"), 4);

        RulebookImpact impact = RulebookImpact.compareWithRevision(ws, WorkspaceLayout.DEFAULT, "HEAD",
                ws.resolve("rulebook"), CLOCK);

        assertThat(impact.baseHash()).isEqualTo(committedHash);
        assertThat(impact.headHash()).isNotEqualTo(committedHash);
        assertThat(impact.blocksNew()).isTrue();
        assertThat(impact.settings()).containsExactly(new SettingsChange("thresholds.critical_approvals", "3", "4",
                SettingsChange.Effect.STRENGTHENS));
    }

    /**
     * diff21: the base rulebook was written to a temporary directory and loaded from there, so its mistakes
     * were named by that directory's absolute path, which was gone by the time the message was read. They
     * are named as git names a file at a revision.
     */
    @Test
    void aMistakeOfTheBaseRulebookIsNamedAsGitNamesTheFileAtTheRevision() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        String good = Files.readString(settings);
        setApprovals(ws.resolve("rulebook"), -1);
        commit(ws);
        Files.writeString(settings, good);

        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe())
                        .startsWith("HEAD:rulebook/rulebook.yaml:").contains("critical_approvals")
                        .doesNotContain(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void aBaseRuleThatDoesNotCompileIsNamedAsGitNamesTheFileAtTheRevision() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path drl = ws.resolve("rulebook/rules/critical.drl");
        String good = Files.readString(drl);
        Files.writeString(drl, good + "\nrule \"broken\" when then oops( end\n");
        commit(ws);
        Files.writeString(drl, good);

        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe())
                        .startsWith("HEAD:rulebook/rules/critical.drl:"));
    }

    /**
     * diff23: a rulebook read from git was not held to the 16 levels of directories a rulebook read from disk
     * may nest; it is refused with the same error, located as git names the directory.
     */
    @Test
    void aBaseRulebookNestedTooDeepInGitIsRefusedAsFromDiskLocatedAtTheDirectory() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path deep = ws.resolve("rulebook/rules");
        for (int i = 1; i <= 16; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("README.md"), "notes\n");
        String fromDisk = catchThrowableOfType(InvalidInputException.class,
                () -> RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK)).getMessage();
        commit(ws);
        deleteTree(ws.resolve("rulebook/rules/d1"));

        InvalidInputException fromGit = catchThrowableOfType(InvalidInputException.class,
                () -> RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK));

        assertThat(fromGit.getMessage()).isEqualTo(fromDisk)
                .contains("more than 16 levels deep at ./rules/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15;");
        assertThat(fromGit.location()).hasValueSatisfying(l -> assertThat(l.file())
                .isEqualTo("HEAD:rulebook/rules/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15"));
    }

    /** One level less loads from git as from disk: the bound is the same, not stricter. */
    @Test
    void aBaseRulebookNestedFifteenDirectoriesDownLoadsFromGit() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path deep = ws.resolve("rulebook/rules");
        for (int i = 1; i <= 14; i++) {
            deep = deep.resolve("d" + i);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("README.md"), "notes\n");
        commit(ws);

        assertThat(RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK).settings()).isEmpty();
    }

    /** A file of {@code bytes} spaces, written without holding them all at once. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) ' ');
        try (var out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    /** The refusal of the base rulebook, read from disk and then, committed, from git. */
    private InvalidInputException[] refusedFromDiskAndFromGit(Path ws) throws Exception {
        InvalidInputException fromDisk = catchThrowableOfType(InvalidInputException.class,
                () -> RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK));
        commit(ws);
        InvalidInputException fromGit = catchThrowableOfType(InvalidInputException.class,
                () -> RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK));
        return new InvalidInputException[] {fromDisk, fromGit};
    }

    /**
     * diff24: from git a file over 32 MiB was refused in words of its own ("... MiB a file is read to"), from disk
     * it was read (only the 64 MiB in all bounded it). One bound, one message, located at the file as each names it.
     */
    @Test
    void aRulebookFileOverTheBoundIsRefusedAlikeFromDiskAndFromGit() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        fill(ws.resolve("rulebook/README.md"), (32L << 20) + 1);

        InvalidInputException[] refused = refusedFromDiskAndFromGit(ws);

        assertThat(refused[0]).isNotNull();
        assertThat(refused[1]).isNotNull();
        assertThat(refused[1].getMessage()).isEqualTo(refused[0].getMessage())
                .contains("33554433 bytes", "32 MiB a rulebook file may hold");
        assertThat(refused[0].location()).hasValueSatisfying(l -> assertThat(l.file()).endsWith("rulebook/README.md")
                .doesNotStartWith("HEAD:"));
        assertThat(refused[1].location()).hasValueSatisfying(l -> assertThat(l.file()).isEqualTo("HEAD:rulebook/README.md"));
    }

    /** The same for the files together: over 64 MiB, one message located at the directory as each names it. */
    @Test
    void aRulebookOverTheBoundInAllIsRefusedAlikeFromDiskAndFromGit() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        for (String name : List.of("README.md", "rules/README.md", "tests/README.md")) {
            fill(ws.resolve("rulebook").resolve(name), 22L << 20);
        }

        InvalidInputException[] refused = refusedFromDiskAndFromGit(ws);

        assertThat(refused[0]).isNotNull();
        assertThat(refused[1]).isNotNull();
        assertThat(refused[1].getMessage()).isEqualTo(refused[0].getMessage()).contains("64 MiB in all");
        assertThat(refused[0].location()).hasValueSatisfying(l -> assertThat(l.file()).endsWith("rulebook"));
        assertThat(refused[1].location()).hasValueSatisfying(l -> assertThat(l.file()).isEqualTo("HEAD:rulebook"));
    }

    /** A file of exactly 32 MiB is read from both: the bound is the same, not stricter from git. */
    @Test
    void aRulebookFileAtTheBoundLoadsFromDiskAndFromGit() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        fill(ws.resolve("rulebook/README.md"), 32L << 20);

        assertThat(RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK).settings()).isEmpty();
        commit(ws);
        assertThat(RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK).settings()).isEmpty();
    }

    /**
     * diff24: a taxonomy key spelt two ways is refused when a rulebook is loaded, from git as from disk, so the
     * diff never compares one (SettingsDiff's branch for it, reached only from rulebooks built in code, is gone).
     */
    @Test
    void aBaseTaxonomySpellingAKeyTwoWaysIsRefusedFromGitAsFromDisk() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        String yaml = Files.readString(settings);
        assertThat(yaml).contains("  criticality: [0, 1, 2, 3]\n");
        Files.writeString(settings, yaml.replace("  criticality: [0, 1, 2, 3]\n",
                "  criticality: [0, 1, 2, 3]\n  Compliance: [sox, pci]\n"));

        InvalidInputException[] refused = refusedFromDiskAndFromGit(ws);

        assertThat(refused[0].getMessage()).contains("taxonomy key 'Compliance' and 'compliance' (at ")
                .contains("rulebook/rulebook.yaml:4:3) differ only in case");
        assertThat(refused[1].getMessage()).isEqualTo(refused[0].getMessage().replaceFirst("\\(at [^)]*\\)",
                "(at HEAD:rulebook/rulebook.yaml:4:3)"));
    }

    /** diff23: a rulebook at the repository's root was named HEAD:/rulebook.yaml; git names it HEAD:rulebook.yaml. */
    @Test
    void aMistakeOfABaseRulebookAtTheRepositorysRootIsNamedAsGitNamesIt() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        String good = Files.readString(settings);
        setApprovals(ws.resolve("rulebook"), -1);
        try (Git git = Git.init().setDirectory(ws.resolve("rulebook").toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("rulebook").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        Files.writeString(settings, good);
        Path rulebookRepo = ws.resolve("rulebook");

        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(rulebookRepo, "HEAD", rulebookRepo, CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe())
                        .startsWith("HEAD:rulebook.yaml:").contains("critical_approvals"));
    }

    /** A rule of a base rulebook at the repository's root is named as git names it too. */
    @Test
    void aBaseRuleAtTheRepositorysRootThatDoesNotCompileIsNamedAsGitNamesIt() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        Path drl = ws.resolve("rulebook/rules/critical.drl");
        String good = Files.readString(drl);
        Files.writeString(drl, good + "\nrule \"broken\" when then oops( end\n");
        try (Git git = Git.init().setDirectory(ws.resolve("rulebook").toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("rulebook").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        Files.writeString(drl, good);
        Path rulebookRepo = ws.resolve("rulebook");

        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(rulebookRepo, "HEAD", rulebookRepo, CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).startsWith("HEAD:rules/critical.drl:"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void anUnknownRevisionIsBadInputNamingIt() throws Exception {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("repo"));
        commit(ws);

        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(ws, "no-such-branch", ws.resolve("rulebook"), CLOCK))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown git revision 'no-such-branch'");
    }

    @Test
    void aWorkspaceThatIsNotThereIsShownAsGivenThenWhereItResolvedAsTheOtherCommandsShowIt() {
        Path rulebook = EXAMPLES.resolve("fe-2025-09-02/rulebook");
        Path missing = Path.of("no-such-workspace");
        String expected = "workspace directory not found: no-such-workspace (" + missing.toAbsolutePath() + ")";

        assertThatThrownBy(() -> RulebookImpact.compare(missing, rulebook, rulebook, CLOCK))
                .isInstanceOf(InvalidInputException.class).hasMessage(expected);
        // Before looking for a git repository (which said: cannot open the git repository of ...).
        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(missing, "HEAD", rulebook, CLOCK))
                .isInstanceOf(InvalidInputException.class).hasMessage(expected);
    }

    @Test
    void aWorkspaceOutsideGitIsBadInput() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("plain"));

        assertThatThrownBy(() -> RulebookImpact.compareWithRevision(ws, "HEAD", ws.resolve("rulebook"), CLOCK))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not inside a git repository");
    }

    @Test
    void aHeadRuleThatDoesNotCompileIsBadInputLocatedInItsFile() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        Path head = WorkspaceCopies.copy(ws.resolve("rulebook"), dir.resolve("head"));
        Path drl = head.resolve("rules/critical.drl");
        Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then oops( end\n");

        assertThatThrownBy(() -> RulebookImpact.compare(ws, ws.resolve("rulebook"), head, CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).startsWith(drl.toString() + ":"));
    }

    private static void setApprovals(Path rulebook, int approvals) throws IOException {
        Path settings = rulebook.resolve("rulebook.yaml");
        String text = Files.readString(settings);
        String changed = text.replace("critical_approvals: 3", "critical_approvals: " + approvals);
        assertThat(changed).isNotEqualTo(text);
        Files.writeString(settings, changed);
    }

    private static void commit(Path ws) throws Exception {
        try (Git git = Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("plan").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }
}
