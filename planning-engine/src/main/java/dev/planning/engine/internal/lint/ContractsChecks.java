package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks of a contracts file that its schema cannot express. */
final class ContractsChecks {

    private ContractsChecks() {
    }

    static void check(LocatedDocument document, CycleRef cycle, List<Finding> findings) {
        HeaderChecks.check(document, cycle, findings);
        Map<String, SourceLocation> first = new HashMap<>();
        for (String element : HeaderChecks.elements(document, "/contracts")) {
            JsonNode entry = document.root().at(element);
            if (!entry.path("provider").isTextual() || !entry.path("id").isTextual()) {
                continue;
            }
            String reference = entry.get("provider").asText() + ":" + entry.get("id").asText();
            SourceLocation here = document.locate(element);
            if (entry.get("provider").asText().equals(cycle.stream())) {
                findings.add(Finding.error(LintCodes.CONTRACT_SELF, "contract " + reference + " names the file's own"
                        + " stream as provider; a contract declares work another stream provides", here));
            }
            SourceLocation earlier = first.putIfAbsent(reference, here);
            if (earlier != null) {
                findings.add(Finding.error(LintCodes.ID_DUPLICATE, "contract " + reference
                        + " is declared more than once: first at line " + earlier.line(), here));
            }
        }
    }
}
