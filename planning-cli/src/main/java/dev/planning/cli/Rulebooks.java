package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.rulebook.Rulebook;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
            throw relocated(e, shown, rulebook.ruleFiles());
        }
    }

    /** The same error, its location (relative to the rulebook) prefixed with the rulebook directory. */
    static InvalidInputException relocated(InvalidInputException e, Path shown) {
        return relocated(e, shown, List.of());
    }

    /**
     * As {@link #relocated(InvalidInputException, Path)}, a message that lists the mistakes of other
     * files of the rulebook too (every rule file's, every rule test file's) naming each of {@code files}
     * (relative to the rulebook) under {@code shown} as well.
     */
    static InvalidInputException relocated(InvalidInputException e, Path shown, Collection<String> files) {
        Optional<SourceLocation> inRulebook = e.location();
        if (inRulebook.isEmpty() || Path.of(inRulebook.get().file()).isAbsolute()) {
            return e;
        }
        SourceLocation l = inRulebook.get();
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : files) {
            names.put(name, shown(shown, name));
        }
        names.put(l.file(), shown(shown, l.file()));
        // A message listing several errors (one "FILE:LINE:COL: " line each, indented or not) names each file
        // as the exception does; in one pass, the longest name first, so no line is renamed twice.
        String alternatives = names.keySet().stream().sorted((a, b) -> b.length() - a.length())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        String message = Pattern.compile("(\\n[ \\t]*)(" + alternatives + "):").matcher(e.getMessage())
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + names.get(m.group(2)) + ":"));
        // Every place the error holds as data (a name declared again names its first declaration too) is renamed
        // on the data, never found in the message's text (errors20); the compiler's refusal renders its message
        // again from them, so its lines no longer start with a name of the rulebook.
        InvalidInputException renamed = e.renamed(f -> Path.of(f).isAbsolute() ? f : shown(shown, f),
                shown.isAbsolute() ? "absolute" : "relative to the working directory");
        if (!renamed.getMessage().equals(e.getMessage())) {
            return renamed;
        }
        return new InvalidInputException(message, new SourceLocation(names.get(l.file()), l.line(), l.column()), e);
    }

    private static String shown(Path directory, String file) {
        return directory.resolve(file).normalize().toString().replace('\\', '/');
    }
}
