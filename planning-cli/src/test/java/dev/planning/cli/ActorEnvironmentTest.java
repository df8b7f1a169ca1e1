package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder cli = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName(), "advance", "-w",
                workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        cli.environment().put("PLANNING_NO_CACHE", "1");
        if (actor == null) {
            cli.environment().remove("PLANNING_ACTOR");
        } else {
            cli.environment().put("PLANNING_ACTOR", actor);
        }
        Process process = cli.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).isZero();
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
