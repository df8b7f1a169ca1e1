package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * attack28 (2026-12-06): a refused transition's {@code moved_to} reached the lifecycle chart and the digest's scope
 * changes as written. Only {@code status}'s strict fold, which refuses a log whose {@code moved_to} names no state,
 * kept a hostile value out; the chart and the digest now allow exactly the state names on their own.
 */
class RefusedMoveTargetTest {

    private static final String HOSTILE = "PLANNED\n    [*] --> OWNED: click x \"javascript:alert(1)\" "
            + "[y](https://evil.example/) | cell";

    private static PlanningEvent refused(String movedTo) {
        return new PlanningEvent("e2", Instant.parse("2025-09-02T10:00:00Z"), EventType.TRANSITION_REFUSED,
                Optional.of(CycleState.READY_FOR_HANDOFF), Optional.of(CycleState.PACKAGED), "fe/2025-09-02", "ci",
                Map.of("schema_lint", GateStatus.FAIL), Map.of(CycleFold.MOVED_TO, movedTo, "reason", "gates failed"));
    }

    private static String body(PlanningEvent event) {
        DigestContent rich = DigestBytesTest.rich();
        DigestContent content = new DigestContent(rich.digestPath(), rich.summary(), rich.facts(), rich.rows(),
                rich.gates(), rich.manifest(), rich.manifestExpected(), List.of(event), rich.droppedTasks(),
                rich.decisions(), rich.retrospectivePath(), rich.waiverHorizonDays());
        DigestRenderer.Template template = DigestRenderer.load(Optional.empty());
        return DigestRenderer.render(template.text(), template.name(), DigestModel.scope(content));
    }

    @Test
    void aMovedToThatNamesNoStateNeverReachesTheChartAsWritten() {
        String chart = MermaidCharts.lifecycle(List.of(refused(HOSTILE)));

        assertThat(chart).doesNotContain("OWNED", "javascript", "evil.example", "\"");
        assertThat(chart).contains("    READY_FOR_HANDOFF --> READY_FOR_HANDOFF: 1 refused PACKAGED by schema_lint moved to no known"
                + " state\n");
        assertThat(MermaidCharts.lifecycle(List.of(refused("planned")))).contains("READY_FOR_HANDOFF --> READY_FOR_HANDOFF:")
                .doesNotContain("planned");
    }

    @Test
    void aMovedToThatNamesNoStateNeverReachesTheDigestAsWritten() {
        String body = body(refused(HOSTILE));

        assertThat(body).doesNotContain("OWNED", "javascript", "evil.example").contains("cycle sent to no known state");
    }

    @Test
    void aMovedToThatNamesAStateIsShownAsThatState() {
        assertThat(MermaidCharts.lifecycle(List.of(refused("PLANNED"))))
                .contains("    READY_FOR_HANDOFF --> PLANNED: 1 refused PACKAGED by schema_lint\n");
        assertThat(body(refused("PLANNED"))).contains("cycle sent back to PLANNED");
    }
}
