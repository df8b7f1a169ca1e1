package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who the command records as having triggered an event ({@code triggered_by}), as README.md says:
 * {@code $PLANNING_ACTOR} when it is set and not blank, else the operating system's user name.
 */
@Tag("slow")
@Tag("subprocess")
class ActorEnvironmentTest {

    @TempDir
    Path dir;

    private int runs;

    /** Advances the frontend example to READY_FOR_HANDOFF in a process of its own; returns the last event line. */
    private String advance(String actor) throws IOException, InterruptedException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws" + ++runs));
        // No PLANNING_ACTOR at all (an empty value removes it), or the one given.
        MainInChildJvm.Ended ended = MainInChildJvm.run(dir, Map.of("PLANNING_ACTOR", actor == null ? "" : actor),
                "advance", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(ended.code()).as(ended.out()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(
                workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl"), StandardCharsets.UTF_8));
        return lines.get(lines.size() - 1);
    }

    @Test
    void theActorTheEnvironmentNamesIsRecordedAsTriggeringTheTransition() throws Exception {
        assertThat(advance("release-bot")).contains("\"STATE_TRANSITION\"").contains("\"triggered_by\":\"release-bot\"");
    }

    @Test
    void withoutItOrWithABlankOneTheUserNameIsRecorded() throws Exception {
        String user = System.getProperty("user.name");
        assertThat(advance(null)).contains("\"triggered_by\":\"" + user + "\"");
        assertThat(advance("  ")).contains("\"triggered_by\":\"" + user + "\"");
    }
}
