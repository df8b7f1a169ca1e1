package dev.planning.rules.internal.drools;

/** The one-rule DRL the compiled-rulebook cache tests compile: a task without an owner is a critical violation. */
final class OwnerRequiredRule {

    static final String DRL = """
            package test;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "owner-required"
                @severity(CRITICAL)
            when
                $t : TaskFact(owner == null)
            then
                insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
            end
            """;

    private OwnerRequiredRule() {
    }
}
