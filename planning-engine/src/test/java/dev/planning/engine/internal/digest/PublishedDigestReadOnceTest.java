package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * digest41: an earlier digest's front matter was parsed from one read of its file and the file hashed, against what its
 * cycle's log records published, in another. A file forged for the first read and the published one put back for the
 * second had the forged figures taken as the baseline of this cycle's deltas and trends. The bytes parsed are now the
 * bytes checked, whatever the file holds while the cycle's log is read (read before the file since time43).
 */
class PublishedDigestReadOnceTest {

    private static final CycleRef EARLIER = new CycleRef("fe", "2025-09-02");
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-16");

    @TempDir
    Path workspace;

    private static String published() throws IOException {
        try (InputStream golden = PublishedDigestReadOnceTest.class.getResourceAsStream(
                "/golden/digest/rich-front-matter.yaml")) {
            String frontMatter = new String(golden.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("sha256:rulebook", "a".repeat(64)).replace("sha256:manifest", "b".repeat(64));
            return "---\n" + frontMatter + "---\n# Digest\n";
        }
    }

    private static List<RecordedEvent> publication(String path, String digest) {
        PlanningEvent event = new PlanningEvent("evt_1", Instant.parse("2025-09-02T10:00:00Z"),
                EventType.DIGEST_PUBLISHED, Optional.empty(), Optional.empty(), EARLIER.toString(), "tester", Map.of(),
                Map.of("path", path, "sha256", Sha256.hex(digest.getBytes(StandardCharsets.UTF_8))));
        return List.of(new RecordedEvent(1, event, RecordedEvent.GENESIS, "1".repeat(64)));
    }

    /** Writes {@code text} to {@code file} while the cycle's log is read, then returns {@code log}. */
    private static List<RecordedEvent> writingWhileRead(Path file, String text, List<RecordedEvent> log) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }

    @Test
    void anEarlierDigestPutBackWhileItsLogIsReadGivesThePublishedFiguresNeverTheForgedOnes() throws IOException {
        String path = WorkspaceLayout.DEFAULT.digest(EARLIER);
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        String published = published();
        Files.writeString(file, published.replace("  planned_tasks: 4.0\n", "  planned_tasks: 40.0\n"),
                StandardCharsets.UTF_8);

        // The published file is put back while the log is read: the figures taken are of the bytes checked.
        List<DigestSummary> earlier = PreviousDigests.before(workspace, WorkspaceLayout.DEFAULT, CYCLE,
                ref -> writingWhileRead(file, published, publication(path, published)));

        assertThat(earlier).singleElement().extracting(d -> d.inputs().get("planned_tasks")).isEqualTo(4.0);
    }

    @Test
    void anEarlierDigestForgedWhileItsLogIsReadIsRefused() throws IOException {
        String path = WorkspaceLayout.DEFAULT.digest(EARLIER);
        Path file = workspace.resolve(path);
        Files.createDirectories(file.getParent());
        String published = published();
        Files.writeString(file, published, StandardCharsets.UTF_8);
        String forged = published.replace("  planned_tasks: 4.0\n", "  planned_tasks: 40.0\n");

        assertThatThrownBy(() -> PreviousDigests.before(workspace, WorkspaceLayout.DEFAULT, CYCLE,
                ref -> writingWhileRead(file, forged, publication(path, published))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the earlier digest " + path + " is not the one cycle " + EARLIER + " published")
                .hasMessageContaining(Sha256.hex(forged.getBytes(StandardCharsets.UTF_8)));
    }
}
