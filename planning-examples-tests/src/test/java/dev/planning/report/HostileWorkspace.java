package dev.planning.report;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The fe-critical example with attacker-chosen text in its plan titles, decision log and actor,
 * after one refused attempt to leave PLANNED (governance finds FE-12 short of approvals).
 */
final class HostileWorkspace {

    static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    static final String SCRIPT_TITLE = "<script>document.title='pwned';window.pwned=1</script>";
    static final String IMG_TITLE = "\"><img src=x onerror=\"document.title='pwned'\">";
    static final String JS_TITLE = "javascript:document.title='pwned'";
    static final String SVG_TITLE = "<svg onload=\"document.title='pwned'\"><a href=\"javascript:alert(1)\">x</a></svg>";
    static final String ACTOR = "</title><script>window.pwned=1</script>";
    static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    private HostileWorkspace() {
    }

    /** Copies and patches the example into {@code dir}, opens it and makes the refused attempt. */
    static PlanningWorkspace create(Path dir) {
        WorkspaceCopies.copy(Path.of("..", "planning-examples", "workspaces", "fe-critical").toAbsolutePath().normalize(), dir);
        try {
            Path plan = dir.resolve(PLAN);
            String text = Files.readString(plan, StandardCharsets.UTF_8)
                    .replace("title: Checkout redesign", "title: " + yaml(SCRIPT_TITLE))
                    .replace("title: Guest checkout", "title: " + yaml(IMG_TITLE))
                    .replace("title: Address form with inline validation", "title: " + yaml(JS_TITLE));
            text = text.replace("title: Payment step with the PSP iframe", "title: " + yaml(SVG_TITLE));
            Files.writeString(plan, text, StandardCharsets.UTF_8);
            Path log = dir.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml");
            Files.writeString(log, Files.readString(log, StandardCharsets.UTF_8) + "waivers:\n"
                    + "  - {rule: missing-owner, item: FE-1, reason: " + yaml(IMG_TITLE) + ", approver: "
                    + yaml("<b>cto</b>") + ", expires: 2025-09-25}\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PlanningWorkspace ws = open(dir);
        TransitionResult refused = ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        if (refused.accepted()) {
            throw new IllegalStateException("the fixture expects governance to refuse the transition");
        }
        return ws;
    }

    static PlanningWorkspace open(Path dir) {
        return Planning.builder().workspace(dir).triggeredBy(ACTOR)
                .clock(Clock.fixed(Instant.parse("2025-09-02T08:00:00Z"), ZoneOffset.UTC)).build();
    }

    private static String yaml(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
