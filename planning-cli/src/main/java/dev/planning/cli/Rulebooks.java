package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.rulebook.Rulebook;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The same error, its location (relative to the rulebook) prefixed with the rulebook directory. */
    static InvalidInputException relocated(InvalidInputException e, Path shown) {
        Optional<SourceLocation> inRulebook = e.location();
        if (inRulebook.isEmpty() || Path.of(inRulebook.get().file()).isAbsolute()) {
            return e;
        }
        SourceLocation l = inRulebook.get();
        String file = shown.resolve(l.file()).normalize().toString().replace('\\', '/');
        // A message listing several errors of the file (one "FILE:LINE:COL: " line each, indented or not) names
        // the file as the exception does.
        String message = Pattern.compile("(\\n[ \\t]*)" + Pattern.quote(l.file() + ":")).matcher(e.getMessage())
                .replaceAll("$1" + Matcher.quoteReplacement(file + ":"));
        return new InvalidInputException(message, new SourceLocation(file, l.line(), l.column()), e);
    }
}
