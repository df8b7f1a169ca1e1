package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Task;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A vertex of the dependency graph: a task of some stream's plan, or a declared contract standing
 * in for work not (yet) in its provider's plan. Named {@code stream:id}.
 */
record Node(String name, String stream, String id, Optional<Task> task, Optional<Contract> contract) {

    static Node of(String stream, Task task) {
        return new Node(stream + ":" + task.id(), stream, task.id(), Optional.of(task), Optional.empty());
    }

    static Node of(Contract contract) {
        return new Node(contract.reference(), contract.provider(), contract.id(), Optional.empty(),
                Optional.of(contract));
    }

    Optional<LocalDate> due() {
        return task.isPresent() ? task.get().due() : contract.flatMap(Contract::due);
    }

    SourceLocation location() {
        return task.map(Task::location).orElseGet(() -> contract.orElseThrow().location());
    }

    /** How a message names it: {@code be:PLN-BE-001} or {@code contract psp:PSP-7}. */
    String describe() {
        return contract.isPresent() ? "contract " + name : name;
    }
}
