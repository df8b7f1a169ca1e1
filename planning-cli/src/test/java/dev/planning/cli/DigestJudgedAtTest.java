package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.engine.EventLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * left17 (kpi17's open end): a {@code judged_at} outside its bounds, in a log whose hash chain holds (the
 * chain recomputed with {@link EventLines}, as a contributor who rewrites the log would), refuses the
 * digest at the event's line, nothing written; end to end through the command line.
 */
class DigestJudgedAtTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    private static final String DIGEST = "frameworks/planning-fe/digests/2025-09-02-digest.md";

    @TempDir
    Path dir;

    /**
     * Rewrites the log with the {@code judged_at} of its first event that records one set a second after
     * that event's timestamp, every line chained again; returns that event's line.
     */
    private static int rewrite(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String prev = null;
        int changed = -1;
        for (int i = 0; i < lines.size(); i++) {
            RecordedEvent recorded = EventLines.decode(i + 1, lines.get(i).getBytes(StandardCharsets.UTF_8));
            PlanningEvent event = recorded.event();
            if (changed < 0 && event.details().containsKey("judged_at")) {
                Map<String, String> details = new LinkedHashMap<>(event.details());
                details.put("judged_at", event.timestamp().plusSeconds(1).toString());
                event = new PlanningEvent(event.id(), event.timestamp(), event.type(), event.fromState(),
                        event.toState(), event.entityId(), event.triggeredBy(), event.gateResults(), details);
                changed = i + 1;
            }
            byte[] line = EventLines.encode(event, prev == null ? recorded.prevHash() : prev);
            prev = EventLines.hash(line);
            out.write(line);
            out.write('\n');
        }
        Files.write(log, out.toByteArray());
        return changed;
    }

    /**
     * Held already (kpi17's refusal, untested end to end): checked by taking the digest's check out, when
     * the command was refused by the history check instead, with no line and no remedy.
     */
    @Test
    void aJudgedInstantLaterThanItsEventRefusesTheDigestAtTheEventsLine() throws IOException {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        int line = rewrite(ws.resolve(LOG));
        assertThat(line).isPositive();

        CliRun run = CliRun.of(CycleScript.cycle(ws, "digest"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + LOG + ":" + line + ":1: event ")
                .contains("later than the event's timestamp").contains("restore the log");
        assertThat(ws.resolve(DIGEST)).doesNotExist();
    }
}
