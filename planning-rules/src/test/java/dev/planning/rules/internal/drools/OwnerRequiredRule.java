package dev.planning.rules.internal.drools;

/** The one-rule DRL the compiled-rulebook cache tests compile: a task without an owner is a critical violation. */
final class OwnerRequiredRule {

    static final String DRL = named("owner-required");

    /** The same rule under another name (tests that tell two compilations apart by the rule that fired). */
    static String named(String name) {
        return """
                package test;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;
                rule "%s"
                    @severity(CRITICAL)
                when
                    $t : TaskFact(owner == null)
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
                end
                """.formatted(name);
    }

    private OwnerRequiredRule() {
    }
}
