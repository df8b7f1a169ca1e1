package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.rulebook.Rulebook;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Compiles a rulebook's policies before a command relies on them, so that a DRL error is bad
 * input (exit 2, {@code error: rulebook/rules/x.drl:12:5: ...}) rather than a failed gate, and a
 * broken rulebook never records a refused transition. The engine caches compilations by hash, so
 * the governance gate that runs afterwards in the same process does not compile again.
 */
final class Rulebooks {

    private Rulebooks() {
    }

    /**
     * Compiles the rulebook with the first {@link GovernanceEngineFactory} on the class path; does
     * nothing when there is none.
     *
     * @param rulebook the loaded rulebook
     * @param shown    how to show the rulebook directory in messages (as the user wrote it)
     * @throws InvalidInputException when a rule file does not compile, located at
     *         {@code <shown>/rules/<file>:<line>:<column>}
     */
    static Optional<GovernanceEngine> compile(Rulebook rulebook, Path shown) {
        Optional<GovernanceEngineFactory> factory = ServiceLoader.load(GovernanceEngineFactory.class).findFirst();
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(factory.get().create(rulebook));
        } catch (InvalidInputException e) {
            throw relocated(e, shown);
        }
    }

    /**
     * The same error, every file it names as data (relative to the rulebook) prefixed with the rulebook
     * directory: its location, and each line of a message that lists several mistakes (every rule file's,
     * every rule test file's), which is rendered again from the renamed data. Nothing is found in the
     * message's text: a value it quotes (a case's name, a rule's name) stays as written (diff21, errors20).
     */
    static InvalidInputException relocated(InvalidInputException e, Path shown) {
        return e.renamed(f -> Path.of(f).isAbsolute() ? f : shown(shown, f),
                shown.isAbsolute() ? "absolute" : "relative to the working directory");
    }

    private static String shown(Path directory, String file) {
        return directory.resolve(file).normalize().toString().replace('\\', '/');
    }
}
