package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.FileSnapshot;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * status27: every writing job of {@link PlanningWorkspace} refuses a cycle that does not
 * {@linkplain PlanningWorkspace#exists exist} with a {@link NoSuchCycleException} naming it, before it writes
 * anything (api26 did so for {@code advance}, {@code record} and {@code importOutcomes}; the others refused for
 * another reason, or not at all). The workspace's every file and directory, and each file's bytes, are compared
 * before and after.
 */
class WritingJobsOfNoCycleTest {

    private static final CycleRef MISTYPED = new CycleRef("fe", "2025-09-20");

    @TempDir
    Path dir;

    private Path root;

    private PlanningWorkspace workspace;

    @BeforeEach
    void plannedWorkspace() {
        root = CycleWorkspace.create(dir.resolve("ws"), "2025-09-02");
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
    }

    static Stream<Arguments> writingJobs() {
        Path template = Path.of("status27-template.mustache");
        return Stream.of(
                Arguments.of("seal", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.seal(c,
                        SealOptions.defaults())),
                Arguments.of("sign", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.sign(c,
                        CycleWorkspace.PM)),
                Arguments.of("digest", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.digest(c)),
                Arguments.of("digest with a template", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.digest(c,
                        ws.root().getParent().resolve(template))),
                Arguments.of("improve", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.improve(c,
                        "2025-10-01")),
                Arguments.of("summarize", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.summarize(c,
                        List.of(CycleWorkspace.PM))),
                Arguments.of("summarize with a test run", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) ->
                        ws.summarize(c, List.of(CycleWorkspace.PM), URI.create("https://ci.example.org/runs/42"))));
    }

    /** The writing jobs, and advance, record and importOutcomes, which refused a cycle that does not exist before. */
    static Stream<Arguments> everyWritingJob() {
        return Stream.concat(writingJobs(), Stream.of(
                Arguments.of("advance", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.advance(c,
                        CycleState.READY_FOR_HANDOFF)),
                Arguments.of("record", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) -> ws.record(c,
                        EventType.SIGNATURE_ADDED, Map.of("role", "PM"))),
                Arguments.of("importOutcomes", (BiConsumer<PlanningWorkspace, CycleRef>) (ws, c) ->
                        ws.importOutcomes(c, List.of(ws.root().getParent().resolve("status27-template.mustache"))))));
    }

    /**
     * cycles27: a cycle whose only content is a broken log exists (it is a corrupt cycle, not an absent one), so no
     * job calls it "no such cycle": each refuses it with the log's {@link EventLogCorruptedException}, naming the
     * file and line, before it writes anything ({@code sign}, which starts from the sealed manifest, refuses its
     * absence first).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWritingJob")
    void aWritingJobRefusesACycleWhoseLogIsBrokenNamingTheLineAndWritesNothing(String job,
            BiConsumer<PlanningWorkspace, CycleRef> run) throws IOException {
        Files.writeString(dir.resolve("status27-template.mustache"), "# {{cycle_id}}\n", StandardCharsets.UTF_8);
        Path log = root.resolve(workspace.layout().eventLog(MISTYPED));
        Files.createDirectories(log.getParent());
        Files.writeString(log, "not an event\n", StandardCharsets.UTF_8);
        Map<String, String> before = FileSnapshot.of(root);

        if (job.equals("sign")) {
            // sign starts from the cycle's sealed manifest, and refuses its absence first
            assertThatThrownBy(() -> run.accept(workspace, MISTYPED)).isInstanceOf(SealingException.class)
                    .hasMessageContaining("no sealed manifest");
        } else {
            assertThatThrownBy(() -> run.accept(workspace, MISTYPED))
                    .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> assertThat(e.location())
                            .contains(new SourceLocation(workspace.layout().eventLog(MISTYPED), 1, 0)));
        }
        assertThat(FileSnapshot.of(root)).as("every file and directory, and each file's bytes").isEqualTo(before);
        assertThat(workspace.exists(MISTYPED)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writingJobs")
    void aWritingJobRefusesACycleThatDoesNotExistNamingItAndWritesNothing(String job,
            BiConsumer<PlanningWorkspace, CycleRef> run) throws IOException {
        Files.writeString(dir.resolve("status27-template.mustache"), "# {{cycle_id}}\n", StandardCharsets.UTF_8);
        Map<String, String> before = FileSnapshot.of(root);

        assertThatThrownBy(() -> run.accept(workspace, MISTYPED))
                .isInstanceOfSatisfying(NoSuchCycleException.class, e -> assertThat(e.cycle()).isEqualTo(MISTYPED))
                .hasMessageStartingWith("no such cycle fe/2025-09-20: ");
        assertThat(FileSnapshot.of(root)).as("every file and directory, and each file's bytes").isEqualTo(before);
        assertThat(workspace.exists(MISTYPED)).isFalse();
    }
}
