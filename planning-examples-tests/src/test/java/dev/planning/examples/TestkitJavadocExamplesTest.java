package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.testkit.gate.ForwardingGateContext;
import dev.planning.testkit.gate.GateContextFixture;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs28: the Java examples of the test kit's Javadoc ({@link GateContextFixture}, {@link ForwardingGateContext}),
 * each a tagged region here, compiled and run ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class TestkitJavadocExamplesTest {

    @Test
    void theFixturesExampleRunsTheGateOverTheTasksGiven() {
        // tag::fixturejavadoc[]
        GateContext context = GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
                .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).build())
                .today(LocalDate.of(2025, 9, 2))
                .file("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml", "decisions: []\n")
                .build();

        GateResult result = new P0DueDateGate().evaluate(context);   // p0.no-due-date for FE-1
        // end::fixturejavadoc[]

        assertThat(result.gate()).isEqualTo(new P0DueDateGate().name());
        assertThat(result.findings()).extracting(f -> f.code() + " " + f.taskId().orElseThrow())
                .containsExactly("p0.no-due-date FE-1");
    }

    /**
     * mend28: the fixture passes a waiver through ({@code waivers()}) and no more, as the engine's context does:
     * no waiver lifts a custom gate's finding unless that gate reads its waivers (the Javadoc's sentence).
     */
    @Test
    void aWaiverGivenReachesTheGateAndLiftsNothingTheGateDoesNotReadItFor() {
        GateContext context = GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
                .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).build())
                .today(LocalDate.of(2025, 9, 2))
                .waivers(new Waiver("p0.no-due-date", "FE-1", "date agreed next week", "lead", LocalDate.of(2025, 9, 9)))
                .build();

        GateResult result = new P0DueDateGate().evaluate(context);

        assertThat(context.waivers()).extracting(Waiver::rule, Waiver::item)
                .containsExactly(tuple("p0.no-due-date", "FE-1"));
        assertThat(result.findings()).extracting(f -> f.taskId().orElseThrow()).containsExactly("FE-1");
    }

    @Test
    void theForwardingContextsExampleChangesOneAnswerAndForwardsTheRest() {
        // tag::forwardingjavadoc[]
        GateContext full = GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
                .tasks(Task.builder("FE-1", "Checkout").build()).build();
        GateContext brokenContracts = new ForwardingGateContext(full) {
            @Override
            public List<Contract> contracts() {
                throw new InvalidInputException("contracts file unreadable");
            }
        };
        // end::forwardingjavadoc[]

        assertThatThrownBy(brokenContracts::contracts).isInstanceOf(InvalidInputException.class)
                .hasMessage("contracts file unreadable");
        assertThat(brokenContracts.tasks()).isEqualTo(full.tasks());
    }
}
