package dev.planning.engine.internal.document;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.List;

/**
 * A YAML planning file refused for its values: those longer than the bound on text values
 * ({@link ValueLengths}) and those holding a lone surrogate ({@link LoneSurrogates}). Every such value of
 * the file is listed in one message, one line each, and kept as one finding each (lint and the gates
 * report them one by one); a file with both kinds lists both, not the first kind found.
 */
final class ValueProblems extends DocumentException {

    private static final long serialVersionUID = 1L;

    /** How many values a message lists before summing up the rest. */
    private static final int MAX_SHOWN = 50;

    private final transient List<Finding> findings;

    private ValueProblems(String code, String message, SourceLocation location, List<Finding> findings) {
        super(code, message, location);
        this.findings = List.copyOf(findings);
    }

    /**
     * The values of one kind: the message's heading for several ({@code "values hold a lone surrogate"},
     * after their count), each value's finding, and its line in that list.
     */
    record Kind(String heading, List<Finding> findings, List<String> lines) {
        Kind {
            findings = List.copyOf(findings);
            lines = List.copyOf(lines);
        }
    }

    /** Refuses the file when any kind holds a value: all of them, in one message. */
    static void require(List<Kind> kinds) {
        List<Kind> found = kinds.stream().filter(kind -> !kind.findings().isEmpty()).toList();
        if (found.isEmpty()) {
            return;
        }
        List<Finding> all = found.stream().flatMap(kind -> kind.findings().stream()).toList();
        Finding first = all.get(0);
        SourceLocation at = first.location().orElseThrow();
        if (all.size() == 1) {
            throw new ValueProblems(first.code(), first.message(), at, all);
        }
        StringBuilder text = new StringBuilder();
        if (found.size() == 1) {
            Kind kind = found.get(0);
            text.append(all.size()).append(' ').append(kind.heading()).append(':');
            list(text, kind.lines(), all);
        } else {
            // Two kinds: each value with its whole message, which says what is wrong with it.
            text.append(all.size()).append(" values are refused:");
            list(text, all.stream().map(Finding::message).toList(), all);
        }
        throw new ValueProblems(first.code(), text.toString(), at, all);
    }

    private static void list(StringBuilder text, List<String> lines, List<Finding> findings) {
        for (int i = 0; i < Math.min(MAX_SHOWN, lines.size()); i++) {
            text.append("\n  ").append(findings.get(i).location().orElseThrow()).append(": ").append(lines.get(i));
        }
        if (lines.size() > MAX_SHOWN) {
            text.append("\n  and ").append(lines.size() - MAX_SHOWN).append(" more");
        }
    }

    /** The findings of a refusal from here, one per value; {@code null} for another exception. */
    static List<Finding> findings(DocumentException e) {
        return e instanceof ValueProblems problems ? problems.findings : null;
    }
}
