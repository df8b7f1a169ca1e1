package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.engine.internal.lifecycle.Fixtures.CYCLE;
import static dev.planning.engine.internal.lifecycle.Fixtures.machine;
import static dev.planning.engine.internal.lifecycle.Fixtures.rulebook;
import static dev.planning.engine.internal.lifecycle.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.fixtures.Gates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * trust38: the handoff manifest's governance summary records a {@code governance} verdict's
 * {@code critical_violations} as an {@code int}. A governance gate of one's own that passed and gave -1 or
 * 3,000,000,000 made sealing fail with an internal error (the summary's constructor refuses a negative count), and
 * 2^32 was summarised as 0. Such a count fails the gate ({@code gate.error}, naming the value): fail closed, never
 * wrapped or zeroed.
 */
class GovernanceCriticalCountTest {

    @TempDir
    Path workspace;

    static Stream<Arguments> countsAnIntCannotHold() {
        return Stream.of(Arguments.of(-1, "-1"), Arguments.of(3_000_000_000L, "3000000000"),
                Arguments.of(1L << 32, "4294967296"), Arguments.of(BigInteger.TWO.pow(64), "18446744073709551616"),
                Arguments.of(2.5, "2.5"), Arguments.of(new BigDecimal("-0.5"), "-0.5"),
                Arguments.of("3", "the text \"3\""), Arguments.of(true, "true"), Arguments.of(null, "null"),
                // text40: a gate's text is quoted on one line, cut as any value a message quotes.
                Arguments.of("3\n\u001b[2Kok: 0", "the text \"3\\u000A\\u001B[2Kok: 0\""),
                Arguments.of("9".repeat(500), "the text \"" + "9".repeat(80) + "...\""));
    }

    @ParameterizedTest
    @MethodSource("countsAnIntCannotHold")
    void aCriticalCountThatIsNoWholeNumberAnIntHoldsFailsTheGateNamingIt(Object count, String shown) {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("critical_violations", count);
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "governance")))
                .gate(governance(evidence)).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        assertThat(result.gate("governance")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(GateStatus.FAIL);
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo("gate.error");
                assertThat(f.message()).isEqualTo("gate governance failed: its evidence's critical_violations is "
                        + shown + ", not a whole number from 0 to 2147483647 (the handoff's count of unwaived critical"
                        + " violations)");
            });
        });
        assertThat(machine.status(CYCLE).state()).isEqualTo(PLANNED);
    }

    static Stream<Arguments> countsAnIntHolds() {
        return Stream.of(Arguments.of(0), Arguments.of(Integer.MAX_VALUE), Arguments.of((long) Integer.MAX_VALUE),
                Arguments.of(3.0), Arguments.of(new BigDecimal("4.00")), Arguments.of(-0.0));
    }

    @ParameterizedTest
    @MethodSource("countsAnIntHolds")
    void aWholeCriticalCountAnIntHoldsLeavesTheVerdictAsTheGateGaveIt(Object count) {
        Map<String, Object> evidence = Map.of("critical_violations", count);
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "governance")))
                .gate(governance(evidence)).build();

        TransitionResult result = machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(result.accepted()).isTrue();
        assertThat(result.gate("governance")).get().satisfies(r -> assertThat(r.findings()).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("countsAnIntCannotHold")
    void anotherGatesEvidenceMayHoldAnyCriticalViolations(Object count) {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("critical_violations", count);
        Gate other = named("custom", evidence);
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "custom")))
                .gate(other).build();

        assertThat(machine.advance(CYCLE, READY_FOR_HANDOFF).accepted()).isTrue();
    }

    /** A governance gate of one's own: passes, lists no finding, with this evidence. */
    private static Gate governance(Map<String, Object> evidence) {
        return named("governance", evidence);
    }

    private static Gate named(String name, Map<String, Object> evidence) {
        return Gates.answering(new GateResult(name, GateStatus.PASS, List.<Finding>of(), evidence));
    }
}
