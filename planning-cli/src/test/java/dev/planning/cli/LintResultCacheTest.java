package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CacheFiles;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code planning lint}'s results kept across runs ({@link LintResultCache}): a kept result is
 * printed only for exactly the inputs it was linted from, byte for byte what the lint printed;
 * anything changed, tampered with, foreign or doubtful means "lint again".
 */
@Isolated("a test sets user.name, which the result caches beside it check files' owner against")
class LintResultCacheTest {

    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    /** The environment naming the build's key file (under target/, never the user's), as the CLI's names its own. */
    static final Map<String, String> BUILD_KEY_FILE = Map.of("PLANNING_CACHE_KEY_FILE",
            System.getenv("PLANNING_CACHE_KEY_FILE"));

    @TempDir
    Path dir;

    private Path cache;
    private Path workspace;

    @BeforeEach
    void keepResultsInATemporaryCache() {
        cache = dir.resolve("cache");
        workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        LintResultCache.acrossRuns(Optional.of(cache), BUILD_KEY_FILE, () -> { });
    }

    @AfterEach
    void stopKeepingResults() {
        LintResultCache.noCacheAcrossRuns();
        LintResultCache.clock(null);
    }

    /** Runs lint; returns what it printed and whether a kept result was printed. */
    private Run lint(String... more) {
        int served = LintResultCache.served();
        List<String> args = new ArrayList<>(List.of("lint", "-w", workspace.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        return new Run(run.exitCode(), run.out(), run.err(), LintResultCache.served() > served);
    }

    private record Run(int exitCode, String out, String err, boolean kept) {
    }

    private List<Path> kept() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lint")).toList();
        }
    }

    private Path onlyKept() throws IOException {
        assertThat(kept()).hasSize(1);
        return kept().get(0);
    }

    private void breakThePlan() throws IOException {
        Path plan = workspace.resolve(PLAN);
        Files.writeString(plan, Files.readString(plan).replaceFirst("(?<![\\w-])id: ", "idd: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "junit", "markdown"})
    void aKeptResultIsExactlyWhatTheLintPrintedOnAGoodWorkspace(String format) {
        Run miss = lint("--format", format);
        Run hit = lint("--format", format);

        assertThat(miss.kept()).isFalse();
        assertThat(miss.exitCode()).isZero();
        assertThat(hit.kept()).isTrue();
        assertThat(hit.exitCode()).isEqualTo(miss.exitCode());
        assertThat(hit.out()).isEqualTo(miss.out());
        assertThat(hit.err()).isEqualTo(miss.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif"})
    void aKeptResultIsExactlyWhatTheLintPrintedOnABadWorkspace(String format) throws IOException {
        breakThePlan();
        Run miss = lint("--format", format);
        Run hit = lint("--format", format);

        assertThat(miss.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(hit.kept()).isTrue();
        assertThat(hit.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(hit.out()).isEqualTo(miss.out()).contains("idd");
    }

    @Test
    void eachSelectionAndFormatHasAResultOfItsOwn() throws IOException {
        lint();
        Run json = lint("--format", "json");
        Run stream = lint("--stream", "fe");

        assertThat(json.kept()).isFalse();
        assertThat(stream.kept()).isFalse();
        assertThat(kept()).hasSize(3);
    }

    @Test
    void aChangedByteInAPlanIsLintedAgain() throws IOException {
        lint();
        breakThePlan();

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void aNewFileAnywhereInTheWorkspaceIsLintedAgain() throws IOException {
        lint();
        // A trust file the lint checks (and reports: it is not a valid one).
        Files.writeString(workspace.resolve("trust.yaml"), "roles: 12\n");

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(again.out()).contains("trust.yaml");
    }

    @Test
    void anEditedEventLogLineIsLintedAgainAndReported() throws IOException {
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        FileEventStore store = new FileEventStore(workspace);
        String head = RecordedEvent.GENESIS;
        // Handed off, then sent back: a history the fold allows (attack35: lint folds the log as status does).
        for (String id : List.of("evt_1", "evt_2")) {
            boolean first = id.equals("evt_1");
            head = store.append(cycle, new PlanningEvent(id, Instant.parse("2025-09-02T10:00:00Z"),
                    EventType.STATE_TRANSITION, Optional.of(first ? CycleState.PLANNED : CycleState.READY_FOR_HANDOFF),
                    Optional.of(first ? CycleState.READY_FOR_HANDOFF : CycleState.PLANNED), cycle.toString(), "ci",
                    Map.of(), Map.of()), head).hash();
        }
        Path log = workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        assertThat(lint().exitCode()).isZero();
        assertThat(lint().kept()).isTrue();
        Files.writeString(log, Files.readString(log).replaceFirst("\"evt_1\"", "evt_1"));

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(again.out()).contains("frameworks/planning-fe/events/2025-09-02.events.jsonl:1:",
                "line 1 is not a readable planning event: not valid JSON", "[event.invalid]");
    }

    @Test
    void aRemovedFileIsLintedAgain() throws IOException {
        Run before = lint();
        Files.delete(workspace.resolve("frameworks/planning-fe/storymaps/2025-09-02-story_map.md"));

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.out()).isNotEqualTo(before.out()).contains("; 1 file checked");
    }

    @Test
    void aNewEmptyDirectoryIsLintedAgain() throws IOException {
        lint();
        // A stream directory with no plan: a finding of its own.
        Files.createDirectories(workspace.resolve("frameworks/planning-be"));

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.out()).contains("planning-be");
    }

    @Test
    void aChangedRuleFileIsLintedAgainAndARuleThatDoesNotCompileIsStillRefused() throws IOException {
        lint();
        Path rule = workspace.resolve("rulebook/rules/hygiene.drl");
        Files.writeString(rule, Files.readString(rule) + "\nrule \"broken\" when then System.exit(1); end\n");

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(kept()).hasSize(1); // an error is never kept
    }

    @Test
    void aChangedRulebookSettingsFileIsLintedAgain() throws IOException {
        lint();
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "\n# a comment\n");

        assertThat(lint().kept()).isFalse();
        assertThat(lint().kept()).isTrue();
    }

    @Test
    void aRulebookOutsideTheWorkspaceIsPartOfTheKey() throws IOException {
        Path rulebook = dir.resolve("elsewhere/rulebook");
        Files.createDirectories(rulebook.getParent());
        Files.move(workspace.resolve("rulebook"), rulebook);
        lint("--rulebook", rulebook.toString());
        Path settings = rulebook.resolve("rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "\n# a comment\n");

        assertThat(lint("--rulebook", rulebook.toString()).kept()).isFalse();
    }

    @Test
    void anotherDayIsLintedAgainForWaiversExpireByTheDay() {
        LintResultCache.clock(Clock.fixed(Instant.parse("2030-01-01T23:59:00Z"), ZoneOffset.UTC));
        lint();
        assertThat(lint().kept()).isTrue();

        LintResultCache.clock(Clock.fixed(Instant.parse("2030-01-02T00:01:00Z"), ZoneOffset.UTC));

        assertThat(lint().kept()).isFalse();
    }

    @Test
    void aResultLintedAcrossMidnightIsNotKept() throws IOException {
        LintResultCache.clock(Clock.fixed(Instant.parse("2030-01-01T23:59:59Z"), ZoneOffset.UTC));
        LintResultCache keyed = LintResultCache.of(workspace, null, null, null, null, OutputFormat.text).orElseThrow();

        LintResultCache.clock(Clock.fixed(Instant.parse("2030-01-02T00:00:01Z"), ZoneOffset.UTC));
        keyed.store(ExitCodes.OK, "judged on the second of January\n");
        assertThat(kept()).isEmpty();

        LintResultCache.clock(Clock.fixed(Instant.parse("2030-01-01T23:59:59Z"), ZoneOffset.UTC));
        keyed.store(ExitCodes.OK, "judged on the first of January\n");
        assertThat(kept()).hasSize(1);
    }

    @Test
    void anotherBuildOfTheCodeNeverReadsAKeptResult() {
        lint();
        Optional<LintResultCache> same = LintResultCache.of(workspace, null, null, null, null, OutputFormat.text);
        Optional<LintResultCache> other = LintResultCache.of(workspace, null, null, null, null, OutputFormat.text,
                "another build");

        assertThat(same).isPresent();
        assertThat(same.get().stored()).isPresent();
        assertThat(other).isPresent();
        assertThat(other.get().key()).isNotEqualTo(same.get().key());
        assertThat(other.get().stored()).isEmpty();
    }

    @Test
    void aTamperedResultIsNotPrintedAndTheLintRewritesIt() throws IOException {
        lint();
        Path entry = onlyKept();
        String text = Files.readString(entry, StandardCharsets.UTF_8);
        Files.writeString(entry, text.replace("lint passed", "lint PASSED"), StandardCharsets.UTF_8);

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.out()).contains("lint passed");
        assertThat(Files.readString(entry)).isEqualTo(text);
    }

    @Test
    void aForgedResultWithAValidHashButAnotherExitCodeIsNotPrinted() throws IOException {
        breakThePlan();
        lint();
        Path entry = onlyKept();
        String text = Files.readString(entry, StandardCharsets.UTF_8);
        String payload = text.substring(text.indexOf("\n\n") + 2).replace("exit 1\n", "exit 7\n");
        String[] lines = text.split("\n", 3);
        String forged = CacheFiles.header(lines[0], lines[1].substring("key ".length()),
                payload.getBytes(StandardCharsets.UTF_8)) + payload;
        Files.writeString(entry, forged, StandardCharsets.UTF_8);

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void aTruncatedResultIsNotPrinted() throws IOException {
        lint();
        Path entry = onlyKept();
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, Arrays.copyOf(bytes, bytes.length - 5));

        Run again = lint();

        assertThat(again.kept()).isFalse();
        assertThat(again.out()).contains("lint passed");
    }

    @Test
    void aResultOthersMayWriteIsNotPrinted() throws IOException {
        lint();
        Files.setPosixFilePermissions(onlyKept(), PosixFilePermissions.fromString("rw-rw----"));

        assertThat(lint().kept()).isFalse();
    }

    @Test
    void aResultOwnedBySomeoneElseIsNotPrinted() {
        lint();
        String user = System.getProperty("user.name");
        System.setProperty("user.name", user + "-someone-else");
        try {
            assertThat(lint().kept()).isFalse();
        } finally {
            System.setProperty("user.name", user);
        }
        assertThat(lint().kept()).isTrue();
    }

    @Test
    void aResultGitTracksIsNeverPrinted() throws Exception {
        // A CI pointing the cache at a directory of its checkout, beside the workspace: whoever can
        // commit wrote what git tracks there.
        Path repository = Files.createDirectories(dir.resolve("repo"));
        Files.move(workspace, repository.resolve("planning"));
        workspace = repository.resolve("planning");
        cache = repository.resolve(".cache/planning");
        LintResultCache.acrossRuns(Optional.of(cache), BUILD_KEY_FILE, () -> { });
        lint();
        assertThat(lint().kept()).isTrue();
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Contributor", "c@example.com");
            git.commit().setMessage("plans and a cache").setAuthor(who).setCommitter(who).setSign(false).call();
        }

        assertThat(lint().kept()).isFalse();
    }

    @Test
    void aCacheInsideTheWorkspaceIsNeverUsed() throws IOException {
        cache = workspace.resolve(".cache/planning");
        LintResultCache.acrossRuns(Optional.of(cache), BUILD_KEY_FILE, () -> { });

        lint();

        assertThat(lint().kept()).isFalse();
        assertThat(kept()).isEmpty();
    }

    @Test
    void aSymbolicLinkInTheWorkspaceMeansNoKeyAndNothingKept() throws IOException {
        Files.createSymbolicLink(workspace.resolve("notes"), dir);

        lint();

        assertThat(LintResultCache.of(workspace, null, null, null, null, OutputFormat.text)).isEmpty();
        assertThat(kept()).isEmpty();
    }

    @Test
    void noCacheDirectoryOrAStoreSelectedMeansNothingKept() throws IOException {
        LintResultCache.acrossRuns(dev.planning.rules.CompiledRulebooks.directory(
                Map.of("PLANNING_NO_CACHE", "1", "PLANNING_CACHE_DIR", cache.toString())), Map.of(), () -> { });
        lint();
        LintResultCache.acrossRuns(Optional.of(cache), Map.of("PLANNING_STORE_URL", "jdbc:postgresql://db/x"), () -> { });
        lint();

        assertThat(kept()).isEmpty();
    }

    @Test
    void whatRunsBeforeLintingRunsOnAMissOnlyAndOnce() {
        int[] runs = {0};
        LintResultCache.acrossRuns(Optional.of(cache), BUILD_KEY_FILE, () -> runs[0]++);
        lint();
        assertThat(runs[0]).isEqualTo(1);

        LintResultCache.acrossRuns(Optional.of(cache), BUILD_KEY_FILE, () -> runs[0]++);
        assertThat(lint().kept()).isTrue();
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void theKeptResultIsOwnerOnly() throws IOException {
        lint();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onlyKept()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
    }
}
