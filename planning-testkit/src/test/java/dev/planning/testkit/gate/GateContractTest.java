package dev.planning.testkit.gate;

import static dev.planning.testkit.ContractRuns.failures;
import static dev.planning.testkit.ContractRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SystemFailureException;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Events;

/** The contract passes a sound gate and fails gates that break the SPI's promises, each at the promise it breaks. */
class GateContractTest {

    private static final List<String> ALL = List.of("everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive",
            "runsOnSeveralThreadsAtOnceGetTheVerdictsOfRunsOneAtATime", "theDescriptionIsOneLine",
            "theEvidenceHoldsJsonValuesOnly", "theNameIsAGateName", "theSameContextGetsTheSameVerdict",
            "theWorkspaceIsReadThroughTheContextOnly");

    @Test
    void passesASoundGateOnItsOwnContextsAndTheKits() {
        Events tests = run(Sound.class);
        assertThat(failures(tests)).isEmpty();
        assertThat(tests.succeeded().count()).isEqualTo(ALL.size());
    }

    @Test
    void failsAGateWhoseNameProfilesCannotName() {
        assertThat(failures(run(CamelCaseName.class))).containsExactly("theNameIsAGateName");
    }

    @Test
    void failsAGateWhoseDescriptionSpansLines() {
        assertThat(failures(run(TwoLineDescription.class))).containsExactly("theDescriptionIsOneLine");
    }

    @Test
    void failsAGateWhoseVerdictNamesAnotherGate() {
        assertThat(failures(run(VerdictOfAnotherName.class)))
                .containsExactly("everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive");
    }

    @Test
    void failsAGateThatPassesWithAnErrorFound() {
        assertThat(failures(run(PassesWithAnError.class)))
                .containsExactly("everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive");
    }

    @Test
    void failsAGateThatCrashesOnACycleWithNothingPlannedOrReturnsNull() {
        assertThat(failures(run(CrashesWithoutAPlan.class)))
                .contains("everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive");
        assertThat(failures(run(NullWithoutAPlan.class)))
                .contains("everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive");
    }

    @Test
    void failsAGateWhoseEvidenceIsNotJson() {
        assertThat(failures(run(RecordInEvidence.class))).containsExactly("theEvidenceHoldsJsonValuesOnly");
    }

    /**
     * api26: a set, an array or evidence that holds itself is refused by {@code GateResult} when the gate makes
     * its result (a set and an array were kept as they were, and a map that holds itself overflowed the stack);
     * the contract reports it at the evidence's promise alone, with the refusal's words.
     */
    @Test
    void failsAGateWhoseEvidenceHoldsASetAnArrayOrItselfAtTheEvidencesPromiseOnly() {
        for (Class<?> contract : List.of(SetInEvidence.class, ArrayInEvidence.class, ItselfInEvidence.class)) {
            Events tests = run(contract);
            assertThat(failures(tests)).as(contract.getSimpleName()).containsExactly("theEvidenceHoldsJsonValuesOnly");
            assertThat(tests.failed().stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow().getMessage()))
                    .singleElement().asString().startsWith("gate owners_named: evidence.extra");
        }
    }

    @Test
    void failsAGateWhoseVerdictChangesFromRunToRun() {
        assertThat(failures(run(CountsItsRuns.class))).contains("theSameContextGetsTheSameVerdict");
    }

    @Test
    void failsAGateThatKeepsStateBetweenRuns() {
        assertThat(failures(run(KeepsTasksSeen.class))).contains("theSameContextGetsTheSameVerdict",
                "runsOnSeveralThreadsAtOnceGetTheVerdictsOfRunsOneAtATime");
    }

    @Test
    void failsAGateThatAsksForTheWorkspaceDirectoryUnlessItSaysItHandsItToATool() {
        assertThat(failures(run(AsksForTheDirectory.class))).containsExactly("theWorkspaceIsReadThroughTheContextOnly");
        assertThat(failures(run(HandsTheDirectoryToATool.class))).isEmpty();
    }

    @Test
    void aRefusalOfTheContextPassesThroughAsTheEngineRecordsIt() {
        // lint() of a context given none refuses (a PlanningException): not a crash.
        assertThat(failures(run(AsksForLintOfItsOwnContext.class))).isEmpty();
    }

    /**
     * fail36: a gate saying the system failed was taken for a refusal of the context, so one that said it on every
     * context passed every promise unchecked; the engine records no attempt for it and ends the run.
     */
    @Test
    void failsAGateThatSaysTheSystemFailedOnTheKitsContexts() {
        assertThat(failures(run(SaysTheSystemFailed.class)))
                .contains("everyContextGetsAVerdictNamedAfterTheGateWithTheStatusItsFindingsGive");
    }

    // Contract runs, selected explicitly above (nested classes are not picked up by Surefire).

    /** Every P0 task names an owner. */
    static class OwnersNamed implements Gate {
        @Override
        public String name() {
            return "owners_named";
        }

        @Override
        public String description() {
            return "every P0 task names an owner";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            List<Task> tasks = context.tasks().map(plan -> plan.tasks()).orElse(List.of());
            List<Finding> findings = tasks.stream()
                    .filter(task -> task.priority().filter(p -> p == Priority.P0).isPresent() && task.owner().isEmpty())
                    .map(task -> Finding.error("owner.missing", "task " + task.id() + " has no owner", task.location())
                            .withTask(task.id()))
                    .toList();
            return GateResult.of(name(), findings, Map.of("tasks", tasks.size(), "ids",
                    tasks.stream().map(Task::id).toList()));
        }
    }

    static class Sound extends GateContract {
        @Override
        protected Gate newGate() {
            return new OwnersNamed();
        }

        @Override
        protected List<GateContext> contexts() {
            return List.of(GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
                    .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).build()).build());
        }
    }

    static class CamelCaseName extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public String name() {
                    return "OwnersNamed";
                }
            };
        }
    }

    static class TwoLineDescription extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public String description() {
                    return "every P0 task\nnames an owner";
                }
            };
        }
    }

    static class VerdictOfAnotherName extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    GateResult result = super.evaluate(context);
                    return new GateResult("owners", result.status(), result.findings(), result.evidence());
                }
            };
        }
    }

    static class PassesWithAnError extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    GateResult result = super.evaluate(context);
                    return new GateResult(name(), GateStatus.PASS, result.findings(), result.evidence());
                }
            };
        }
    }

    static class CrashesWithoutAPlan extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    context.tasks().orElseThrow();
                    return super.evaluate(context);
                }
            };
        }
    }

    static class NullWithoutAPlan extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    return context.tasks().isEmpty() ? null : super.evaluate(context);
                }
            };
        }
    }

    record Seen(int tasks) {
    }

    static class RecordInEvidence extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    GateResult result = super.evaluate(context);
                    Map<String, Object> evidence = new LinkedHashMap<>(result.evidence());
                    evidence.put("seen", new Seen(context.tasks().map(plan -> plan.tasks().size()).orElse(0)));
                    return GateResult.of(name(), result.findings(), evidence);
                }
            };
        }
    }

    /** A gate that adds {@code extra} to the evidence a sound gate gives. */
    abstract static class ExtraEvidence extends Sound {
        abstract Object extra();

        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    GateResult result = super.evaluate(context);
                    Map<String, Object> evidence = new LinkedHashMap<>(result.evidence());
                    evidence.put("extra", extra());
                    return GateResult.of(name(), result.findings(), evidence);
                }
            };
        }
    }

    static class SetInEvidence extends ExtraEvidence {
        @Override
        Object extra() {
            return Set.of("FE-1");
        }
    }

    static class ArrayInEvidence extends ExtraEvidence {
        @Override
        Object extra() {
            return new String[] {"FE-1"};
        }
    }

    static class ItselfInEvidence extends ExtraEvidence {
        @Override
        Object extra() {
            Map<String, Object> itself = new LinkedHashMap<>();
            itself.put("again", itself);
            return itself;
        }
    }

    static class CountsItsRuns extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                private final AtomicInteger runs = new AtomicInteger();

                @Override
                public GateResult evaluate(GateContext context) {
                    GateResult result = super.evaluate(context);
                    Map<String, Object> evidence = new LinkedHashMap<>(result.evidence());
                    evidence.put("run", runs.incrementAndGet());
                    return GateResult.of(name(), result.findings(), evidence);
                }
            };
        }
    }

    static class KeepsTasksSeen extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                private final List<String> seen = new ArrayList<>();

                @Override
                public GateResult evaluate(GateContext context) {
                    context.tasks().ifPresent(plan -> plan.tasks().forEach(task -> seen.add(task.id())));
                    List<Finding> findings = new ArrayList<>(super.evaluate(context).findings());
                    if (seen.size() > 2) {
                        findings.add(Finding.warning("many", seen.size() + " tasks seen"));
                    }
                    return GateResult.of(name(), findings, Map.of());
                }
            };
        }
    }

    static class AsksForTheDirectory extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    boolean tool = context.workspace().resolve("tool.cfg").toFile().exists();
                    return tool ? GateResult.of(name(), List.of(), Map.of()) : super.evaluate(context);
                }
            };
        }
    }

    static class HandsTheDirectoryToATool extends AsksForTheDirectory {
        @Override
        protected boolean handsTheWorkspaceToATool() {
            return true;
        }
    }

    static class AsksForLintOfItsOwnContext extends Sound {
        @Override
        protected List<GateContext> contexts() {
            return List.of(GateContextFixture.builder(new CycleRef("fe", "2025-09-02")).build());   // no lint given
        }

        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    return GateResult.of(name(), context.lint().findings(), Map.of());
                }
            };
        }
    }

    static class SaysTheSystemFailed extends Sound {
        @Override
        protected Gate newGate() {
            return new OwnersNamed() {
                @Override
                public GateResult evaluate(GateContext context) {
                    throw new SystemFailureException("cannot read plan.yaml (Input/output error)", null, null);
                }
            };
        }
    }
}
