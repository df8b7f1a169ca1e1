package dev.planning.rules.internal.gate;

import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.rulebook.TagTaxonomy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The governance gate's own fail-closed check, made in Java rather than by a policy so that no
 * rulebook can leave it out: a tag value the taxonomy does not allow, on a key the taxonomy governs
 * ({@code criticality}, {@code compliance}, {@code data_classification}), is an error
 * ({@value #UNKNOWN_VALUE}); so is a governed key given twice with different values
 * ({@value #CONFLICTING_VALUE}). Lint reports the same mistakes (see {@link TagTaxonomy}).
 */
final class TaxonomyFindings {

    /** The stable rule id of a value outside the taxonomy. */
    static final String UNKNOWN_VALUE = "taxonomy-unknown-value";
    /** The stable rule id of a governed key given twice with different values. */
    static final String CONFLICTING_VALUE = "taxonomy-conflicting-value";

    private TaxonomyFindings() {
    }

    static List<Finding> of(TaskBreakdown plan, TagTaxonomy taxonomy) {
        List<Finding> findings = new ArrayList<>();
        for (Task task : plan.tasks()) {
            for (TagTaxonomy.Problem problem : taxonomy.check(task.tags().values())) {
                String rule = problem.kind() == TagTaxonomy.Kind.UNKNOWN_VALUE ? UNKNOWN_VALUE : CONFLICTING_VALUE;
                findings.add(new Finding("governance." + rule, Severity.ERROR,
                        task.id() + " violates " + rule + ": " + problem.message("task " + task.id()),
                        Optional.of(task.location()), Optional.of(task.id())));
            }
        }
        return findings;
    }
}
