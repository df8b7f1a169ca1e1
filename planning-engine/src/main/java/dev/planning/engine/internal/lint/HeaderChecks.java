package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.List;
import java.util.stream.IntStream;

/** A planning file's own {@code cycle_id} and {@code stream} must agree with where it lies. */
final class HeaderChecks {

    private HeaderChecks() {
    }

    static void check(LocatedDocument document, CycleRef cycle, List<Finding> findings) {
        JsonNode cycleId = document.root().path("cycle_id");
        if (cycleId.isTextual() && !cycleId.asText().equals(cycle.cycleId())) {
            findings.add(Finding.error(LintCodes.CYCLE_MISMATCH, "`cycle_id` is \"" + cycleId.asText()
                    + "\" but the file belongs to cycle " + cycle.cycleId() + " (from its name)",
                    document.locate("/cycle_id")));
        }
        JsonNode stream = document.root().path("stream");
        if (stream.isTextual() && !stream.asText().equals(cycle.stream())) {
            findings.add(Finding.error(LintCodes.STREAM_MISMATCH, "`stream` is \"" + stream.asText()
                    + "\" but the file lies in the directory of stream " + cycle.stream(), document.locate("/stream")));
        }
    }

    /** JSON pointers of the elements of an array, e.g. {@code /tasks/0}, {@code /tasks/1}. */
    static List<String> elements(LocatedDocument document, String arrayPointer) {
        JsonNode array = document.root().at(arrayPointer);
        if (!array.isArray()) {
            return List.of();
        }
        return IntStream.range(0, array.size())
                .filter(i -> array.get(i).isObject())
                .mapToObj(i -> arrayPointer + "/" + i)
                .toList();
    }
}
