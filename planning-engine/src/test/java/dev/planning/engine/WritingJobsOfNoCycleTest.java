package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.SealOptions;
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
import java.util.function.Consumer;
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
                Arguments.of("seal", (Consumer<PlanningWorkspace>) ws -> ws.seal(MISTYPED, SealOptions.defaults())),
                Arguments.of("sign", (Consumer<PlanningWorkspace>) ws -> ws.sign(MISTYPED, CycleWorkspace.PM)),
                Arguments.of("digest", (Consumer<PlanningWorkspace>) ws -> ws.digest(MISTYPED)),
                Arguments.of("digest with a template", (Consumer<PlanningWorkspace>) ws -> ws.digest(MISTYPED,
                        ws.root().getParent().resolve(template))),
                Arguments.of("improve", (Consumer<PlanningWorkspace>) ws -> ws.improve(MISTYPED, "2025-10-01")),
                Arguments.of("summarize", (Consumer<PlanningWorkspace>) ws -> ws.summarize(MISTYPED,
                        List.of(CycleWorkspace.PM))),
                Arguments.of("summarize with a test run", (Consumer<PlanningWorkspace>) ws -> ws.summarize(MISTYPED,
                        List.of(CycleWorkspace.PM), URI.create("https://ci.example.org/runs/42"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writingJobs")
    void aWritingJobRefusesACycleThatDoesNotExistNamingItAndWritesNothing(String job,
            Consumer<PlanningWorkspace> run) throws IOException {
        Files.writeString(dir.resolve("status27-template.mustache"), "# {{cycle_id}}\n", StandardCharsets.UTF_8);
        Map<String, String> before = FileSnapshot.of(root);

        assertThatThrownBy(() -> run.accept(workspace))
                .isInstanceOfSatisfying(NoSuchCycleException.class, e -> assertThat(e.cycle()).isEqualTo(MISTYPED))
                .hasMessageStartingWith("no such cycle fe/2025-09-20: ");
        assertThat(FileSnapshot.of(root)).as("every file and directory, and each file's bytes").isEqualTo(before);
        assertThat(workspace.exists(MISTYPED)).isFalse();
    }
}
