/**
 * The fact model that governance rules (DRL) match: one immutable fact per task, story,
 * cross-stream reference and earlier gate result, plus the rulebook's settings, and the
 * {@link dev.planning.rules.facts.Report} helper through which a rule reports a violation.
 *
 * <p>A rule file imports what it needs, for example:
 * <pre class="language-drl">{@code
 * import dev.planning.rules.facts.TaskFact;
 * import dev.planning.rules.facts.Report;
 *
 * rule "missing-owner"
 *     @severity(CRITICAL)
 * when
 *     $t : TaskFact(owner == null)
 * then
 *     insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
 * end
 * }</pre>
 *
 * <p>Facts are records: DRL constraints read their components by name ({@code owner},
 * {@code criticality}). Values that may be absent are {@code null} rather than {@code Optional},
 * because DRL compares with {@code null} naturally; blank strings are normalised to {@code null}.
 *
 * @since 0.1
 */
package dev.planning.rules.facts;
