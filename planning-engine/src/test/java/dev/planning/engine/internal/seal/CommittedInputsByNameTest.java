package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import dev.planning.engine.internal.git.GitRepository;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * seal24: the inputs the gates read at a sealed commit are told from the commit's names alone
 * ({@code WorkspaceNames.ofFiles}), by the code that tells them in a work tree. Before, a temporary
 * directory of empty files of those names was written (and deleted) for every such question.
 *
 * <p>Isolated: the fast set runs classes in parallel in one JVM, where another class's verify makes sealed-input
 * directories of this JVM's name while the watch is on (outcome27 saw it fail so).
 */
@Isolated
class CommittedInputsByNameTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    /** Three streams (one with two cycles, one with nothing but evidence), contracts and a capacity model. */
    private Path committedStreams() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        for (String file : List.of("frameworks/capacity.yaml",
                "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml",
                "frameworks/planning-fe/storymaps/2025-09-02-fe_story_map.yaml",
                "frameworks/planning-fe/contracts/2025-09-02-contracts.yaml",
                "frameworks/planning-be/tasks/2025-08-19-be_task_breakdown.yaml",
                "frameworks/planning-be/tasks/2025-09-16-be_task_breakdown.yaml",
                "frameworks/planning-be/decisions/2025-09-16-decision_log.yaml",
                "frameworks/planning-ops/evidence/2025-09-02/governance.json",
                "frameworks/notes.md")) {
            Path path = ws.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "x: 1\n");
        }
        GitFixture.commitAll(ws, "plans");
        return ws;
    }

    private static Optional<Set<String>> committedInputs(Path ws) {
        try (GitRepository git = GitRepository.find(ws).orElseThrow()) {
            return SealedInputs.committedInputs(git, WorkspaceLayout.DEFAULT, FE, git.head().orElseThrow());
        }
    }

    @Test
    void theInputsToldFromACommitsNamesAreThoseToldInItsWorkTree() throws Exception {
        Path ws = committedStreams();

        Set<String> fromNames = committedInputs(ws).orElseThrow();

        assertThat(fromNames).isEqualTo(new TreeSet<>(new EvidenceInputs(ws, WorkspaceLayout.DEFAULT).paths(FE)));
        assertThat(fromNames).contains("frameworks/capacity.yaml",
                "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml",
                "frameworks/planning-fe/contracts/2025-09-02-contracts.yaml",
                "frameworks/planning-be/tasks/2025-09-16-be_task_breakdown.yaml")
                .doesNotContain("frameworks/planning-be/tasks/2025-08-19-be_task_breakdown.yaml");
    }

    /**
     * Nothing is created in the temporary directory while the inputs are told (watched as it happens: a
     * directory written and deleted within the call, as the skeleton was, leaves nothing to find afterwards).
     */
    @Test
    void tellingTheCommittedInputsWritesNothing() throws Exception {
        Path ws = committedStreams();
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        String ours = SealedInputs.PREFIX + ProcessHandle.current().pid() + "-";

        List<String> created = new ArrayList<>();
        boolean overflowed = true;
        for (int attempt = 0; attempt < 3 && overflowed; attempt++) {
            created.clear();
            overflowed = false;
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                temporary.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                assertThat(committedInputs(ws)).isPresent();
                // Events come in order: once the marker's is seen, every creation during the call was.
                Path marker = Files.createTempFile(temporary, "seal24-watched-", ".marker");
                try {
                    boolean seen = false;
                    while (!seen && !overflowed) {
                        WatchKey key = watch.poll(30, TimeUnit.SECONDS);
                        assertThat(key).as("the temporary directory's events arrive").isNotNull();
                        for (WatchEvent<?> event : key.pollEvents()) {
                            String name = String.valueOf(event.context());
                            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                                overflowed = true; // others filled the queue: look again
                            } else if (name.equals(marker.getFileName().toString())) {
                                seen = true;
                            } else if (name.startsWith(ours)) {
                                created.add(name);
                            }
                        }
                        key.reset();
                    }
                } finally {
                    Files.delete(marker);
                }
            }
        }

        assertThat(overflowed).as("the temporary directory could be watched").isFalse();
        assertThat(created).isEmpty();
    }
}
