package dev.planning.engine.internal.lint;

import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.List;

/** The checks of a decision log that its schema cannot express. */
final class DecisionLogChecks {

    private DecisionLogChecks() {
    }

    static void check(LocatedDocument document, CycleRef cycle, List<Finding> findings) {
        HeaderChecks.check(document, cycle, findings);
        IdIndex.of(document, "decision id", HeaderChecks.elements(document, "/decisions"), false, findings);
    }
}
