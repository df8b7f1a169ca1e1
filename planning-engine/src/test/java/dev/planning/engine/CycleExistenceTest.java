package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * status27: {@link PlanningWorkspace#exists} and {@link PlanningWorkspace#cycles()} answer from one definition
 * (api26 left a cycle with only a story map or a decision log listed, yet not existing, so
 * {@code status --stream --cycle} refused the cycle {@code status} listed). One case per kind of content a
 * cycle's files can have, each asked of a workspace and a read-only one.
 */
class CycleExistenceTest {

    private static final CycleRef ASKED = new CycleRef("fe", "2025-10-07");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;

    @TempDir
    Path root;

    static Stream<Arguments> contents() {
        return Stream.of(
                Arguments.of("a task breakdown", true, file(LAYOUT.taskBreakdown(ASKED))),
                Arguments.of("a backlog", true, file(LAYOUT.taskBreakdownCandidates(ASKED).get(1))),
                Arguments.of("a story map only", true, file(LAYOUT.storyMap(ASKED))),
                Arguments.of("a decision log only", true, file(LAYOUT.decisionLog(ASKED))),
                Arguments.of("events only", true, (Function<PlanningWorkspace, String>) ws -> {
                    ws.create(ASKED);
                    return "created";
                }),
                Arguments.of("an empty evidence directory", false, directory(LAYOUT.evidenceDir(ASKED))),
                Arguments.of("an empty outcomes directory", false, directory(LAYOUT.outcomesDir(ASKED))),
                Arguments.of("an empty event log", false, file(LAYOUT.eventLog(ASKED))),
                Arguments.of("a broken event log only", true, file(LAYOUT.eventLog(ASKED), "not an event\n")),
                Arguments.of("a contracts file only", false, file(LAYOUT.contracts(ASKED))),
                Arguments.of("a retrospective only", false, file(LAYOUT.retrospective(ASKED))),
                Arguments.of("a digest only", false, file(LAYOUT.digest(ASKED))),
                Arguments.of("a manifest only", false, file(LAYOUT.manifest(ASKED))),
                Arguments.of("a story map of another stream's name", false,
                        file(LAYOUT.storyMap(new CycleRef("be", ASKED.cycleId())))),
                Arguments.of("nothing", false, (Function<PlanningWorkspace, String>) ws -> "nothing"));
    }

    private static Function<PlanningWorkspace, String> file(String path) {
        return file(path, path.endsWith(".jsonl") ? "" : "# status27\n");
    }

    private static Function<PlanningWorkspace, String> file(String path, String text) {
        return ws -> {
            try {
                Path file = ws.root().resolve(path);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return path;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Function<PlanningWorkspace, String> directory(String path) {
        return ws -> {
            try {
                Files.createDirectories(ws.root().resolve(path));
                return path;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @ParameterizedTest(name = "{0}: exists {1}")
    @MethodSource("contents")
    void aCycleIsListedExactlyWhenItExists(String content, boolean exists,
            Function<PlanningWorkspace, String> make) {
        CycleWorkspace.create(root, "2025-09-02");
        PlanningWorkspace workspace = Planning.builder().workspace(root).triggeredBy("test").build();
        make.apply(workspace);
        PlanningWorkspace readOnly = Planning.builder().workspace(root).readOnly().build();

        assertThat(workspace.exists(ASKED)).as("exists").isEqualTo(exists);
        assertThat(workspace.cycles().contains(ASKED)).as("listed").isEqualTo(exists);
        assertThat(readOnly.exists(ASKED)).as("exists, read-only").isEqualTo(exists);
        assertThat(readOnly.cycles().contains(ASKED)).as("listed, read-only").isEqualTo(exists);
    }
}
