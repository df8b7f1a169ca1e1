package dev.planning.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.rules.Inputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GovernanceFactsTest {

    private static final RulebookFacts RULEBOOK = new RulebookFacts(Map.of("critical_approvals", 3.0),
            Map.of("compliance", List.of("sox", "none")), List.of("criticality"));

    @Test
    void taskFactNormalisesTextTagsAndControls() {
        Task task = Task.builder("FE-1", "Pay").owner("  ").tags(Inputs.tags("Criticality:0", "Compliance:SOX", "Release",
                        "data_classification:Internal"))
                .acceptanceCriteria(List.of("works", " "))
                .controls(new Controls(List.of("a", "b"), Optional.of("ARB"), Optional.empty(), Optional.of(""),
                        Optional.of("Enhanced"), true, Optional.empty()))
                .location(new SourceLocation("t.yaml", 3, 5))
                .build();

        TaskFact fact = TaskFact.of(task, "fe");

        assertThat(fact.owner()).isNull();
        assertThat(fact.criticality()).isZero();
        assertThat(fact.isCritical()).isTrue();
        assertThat(fact.compliance()).isEqualTo("sox");
        assertThat(fact.dataClassification()).isEqualTo("internal");
        assertThat(fact.tags()).containsEntry("criticality", "0").containsEntry("release", "");
        assertThat(fact.hasTag("RELEASE")).isTrue();
        assertThat(fact.hasTagValue("release")).isFalse();
        assertThat(fact.approvals()).isEqualTo(2);
        assertThat(fact.rollbackPlan()).isNull();
        assertThat(fact.auditTrail()).isEqualTo("enhanced");
        assertThat(fact.acceptanceCriteria()).isEqualTo(1);
        assertThat(fact.location()).isEqualTo(new SourceLocation("t.yaml", 3, 5));
    }

    /**
     * Found this session (fold24, read by the lead): {@code allows} looked a key up exactly, so a rule of
     * one's own asking for {@code COMPONENT} where the taxonomy governs {@code component} was told that
     * an ungoverned key allows everything, and allowed values compared without their surrounding blanks
     * folded; the gate's {@code TagTaxonomy} folds both.
     */
    @Test
    void allowsFoldsKeysAndValuesAsTheTaxonomyDoes() {
        RulebookFacts rulebook = new RulebookFacts(Map.of(), Map.of("component", List.of(" UI", "db")), List.of());

        assertThat(rulebook.allows("COMPONENT", "cli")).isFalse();
        assertThat(rulebook.allows("\u2003Component ", "cli")).isFalse();
        assertThat(rulebook.allows("Component", "ui\u2003")).isTrue();
        assertThat(rulebook.allowedValues("COMPONENT")).containsExactly(" UI", "db");
        assertThat(rulebook.allows("team", "anything")).isTrue();
    }

    /**
     * A tag key written with a blank the plan's list form keeps (an em space, which {@code trim} leaves)
     * is the key the taxonomy judges ({@code TagTaxonomy.foldKey} strips it), so the rules find it too:
     * before, the fact kept it under its blank and the shipped {@code allowed-tag-values} rule never saw
     * the value.
     */
    @Test
    void aTagKeyIsFoldedAsTheTaxonomyFoldsIt() {
        Task task = Task.builder("FE-1", "Pay").tags(Inputs.tags("\u2003Compliance:hipaa")).build();

        TaskFact fact = TaskFact.of(task, "fe", RULEBOOK);

        assertThat(fact.hasTagValue("compliance")).isTrue();
        assertThat(fact.tag("COMPLIANCE")).isEqualTo("hipaa");
        assertThat(RULEBOOK.allowsTagValuesOf(fact)).isFalse();
    }

    /**
     * Found by the fourteenth review: a value was absent only when {@code String.strip} emptied it, so
     * an owner, review board or data-handling note of a no-break space, a zero-width space or a Hangul
     * filler (nothing a reader sees) counted as present and the rules that ask for one held; and each
     * approval counted, the same approver twice or a blank one among them. A text counts only with a
     * character shown as itself that is not a space; approvers count once each.
     */
    @Test
    void aValueThatShowsNothingIsAbsentAndEachApproverCountsOnce() {
        Task task = Task.builder("FE-1", "Pay").owner("\u00a0")
                .acceptanceCriteria(List.of("\u200b", "\u2007\u202f"))
                .controls(new Controls(List.of("pm-dana", " pm-dana", "pm-dana", "\u00a0", "\u200b", "qa-ivy"),
                        Optional.of("\u200b"), Optional.of("\u2007\u202f"), Optional.of("\ufeff"),
                        Optional.of("standard"), false, Optional.of("\u3164")))
                .build();

        TaskFact fact = TaskFact.of(task, "fe");

        assertThat(fact.owner()).isNull();
        assertThat(fact.reviewBoard()).isNull();
        assertThat(fact.emergencyContact()).isNull();
        assertThat(fact.rollbackPlan()).isNull();
        assertThat(fact.dataHandlingNote()).isNull();
        assertThat(fact.acceptanceCriteria()).isZero();
        assertThat(fact.approvals()).isEqualTo(2);
    }

    /**
     * Found by review14: approvers counted once each only when spelled alike, so the same approver in
     * another case, in full-width letters or with an accent composed one way and decomposed the other
     * (NFC, NFD) counted again, and a Critical=0 task asking for three approvals met them with two
     * people. Approvers are now compared as their NFKC forms, case folded.
     */
    @Test
    void theSameApproverInAnotherCaseWidthOrNormalisationCountsOnce() {
        Task task = Task.builder("FE-1", "Pay")
                .controls(new Controls(List.of("techlead-erik", "Techlead-Erik", "TECHLEAD-ERIK",
                        "\uff54\uff45\uff43\uff48\uff4c\uff45\uff41\uff44-erik", "jos\u00e9", "jose\u0301", "JOS\u00c9"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty()))
                .build();

        assertThat(TaskFact.of(task, "fe").approvals()).isEqualTo(2);
    }

    /**
     * Found by the sixteenth review: two approvers and a third entry that reads as one of them (a
     * zero-width space, a soft hyphen or a variation selector inside, a Cyrillic letter, the hyphen
     * U+2010) counted three approvals, and a criticality-0 item that two people approved met Critical=0.
     * A name that is not clear ({@code PersonNames.unclear}) counts for no one.
     */
    @Test
    void anApproverThatReadsAsAnotherWithAnInvisibleOrLookAlikeCharacterCountsForNoOne() {
        for (String lookAlike : List.of("techlead-erik\u200b", "techlead-e\u00adrik", "techlead-erik\ufe0f",
                "techlead-\u0435rik", "techlead\u2010erik", "techlead-erik\udb40\udc41")) {
            Task task = Task.builder("FE-12", "Pay")
                    .controls(new Controls(List.of("pm-dana", "techlead-erik", lookAlike), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty()))
                    .build();

            assertThat(TaskFact.of(task, "fe").approvals()).as(lookAlike).isEqualTo(2);
        }
    }

    /**
     * Found by review14: a text counted as present with any character shown as itself but a space, so
     * a combining mark alone (drawn on nothing) or the braille pattern blank U+2800 (a symbol that
     * draws no dot) met a rule asking for an owner. A text now counts with a letter, a digit, a
     * punctuation mark or a symbol that draws something.
     */
    @Test
    void aCombiningMarkAloneOrABrailleBlankIsAbsent() {
        Task task = Task.builder("FE-1", "Pay").owner("\u2800")
                .controls(new Controls(List.of("\u0301", "\u2800\u2800", "\u0020\u0308", "qa-ivy"),
                        Optional.of("\u0301\u0302"), Optional.empty(), Optional.empty(), Optional.empty(), false,
                        Optional.empty()))
                .build();

        TaskFact fact = TaskFact.of(task, "fe");

        assertThat(fact.owner()).isNull();
        assertThat(fact.reviewBoard()).isNull();
        assertThat(fact.approvals()).isEqualTo(1);
    }

    @Test
    void crossStreamReferencesResolveAgainstPresentPlansOnly() {
        Task fe = Task.builder("FE-1", "x").dependencies(List.of(TaskRef.parse("be:B-1"), TaskRef.parse("be:B-2"),
                TaskRef.parse("design:D-1"), TaskRef.parse("fe:FE-1"), TaskRef.parse("FE-2"))).build();
        TaskBreakdown be = new TaskBreakdown("1", "c", "be", Optional.empty(), List.of(Task.builder("B-1", "y").build()), "be.yaml");
        GovernanceInput input = new GovernanceInput(new CycleRef("fe", "c"), Inputs.plan(fe), Optional.empty(),
                Map.of("be", be), List.of(), List.of(), Inputs.TODAY);

        List<CrossStreamRefFact> refs = GovernanceFacts.of(input, RULEBOOK).stream()
                .filter(CrossStreamRefFact.class::isInstance).map(CrossStreamRefFact.class::cast).toList();

        assertThat(refs).extracting(CrossStreamRefFact::reference, CrossStreamRefFact::streamPresent, CrossStreamRefFact::resolved)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("be:B-1", true, true),
                        org.assertj.core.groups.Tuple.tuple("be:B-2", true, false),
                        org.assertj.core.groups.Tuple.tuple("design:D-1", false, true),
                        org.assertj.core.groups.Tuple.tuple("fe:FE-1", true, true));
    }

    @Test
    void rulebookFactsAnswerThresholdsAndTaxonomy() {
        assertThat(RULEBOOK.intThreshold("critical_approvals", 9)).isEqualTo(3);
        assertThat(RULEBOOK.intThreshold("absent", 9)).isEqualTo(9);
        assertThat(RULEBOOK.allows("compliance", "SOX")).isTrue();
        assertThat(RULEBOOK.allows("compliance", "pci")).isFalse();
        assertThat(RULEBOOK.allows("unlisted", "anything")).isTrue();
    }

    @Test
    void intThresholdRefusesAValueThatIsNotAWholeIntRatherThanRoundingIt() {
        for (double value : new double[] {2.5, -0.5, Double.NaN, Double.POSITIVE_INFINITY, 1e10}) {
            RulebookFacts facts = new RulebookFacts(Map.of("critical_approvals", value), Map.of(), List.of());
            assertThatThrownBy(() -> facts.intThreshold("critical_approvals", 3)).as("%s", value)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("thresholds.critical_approvals is " + value + "; a rule reads it as a whole number")
                    .satisfies(e -> assertThat(((InvalidInputException) e).location())
                            .hasValueSatisfying(l -> assertThat(l.file()).isEqualTo("rulebook.yaml")));
        }
        assertThat(new RulebookFacts(Map.of("critical_approvals", 2.0), Map.of(), List.of())
                .intThreshold("critical_approvals", 3)).isEqualTo(2);
    }

    @Test
    void forEachHandsOverTheFactsOfInTheirOrderEachTaskBeforeTheNext() {
        Task first = Task.builder("FE-1", "x").dependencies(List.of(TaskRef.parse("be:B-9"))).build();
        Task second = Task.builder("FE-2", "y").build();
        TaskBreakdown be = new TaskBreakdown("1", "c", "be", Optional.empty(), List.of(Task.builder("B-1", "z").build()), "be.yaml");
        GovernanceInput input = new GovernanceInput(new CycleRef("fe", "c"), Inputs.plan(first, second), Optional.empty(),
                Map.of("be", be), List.of(), List.of(), Inputs.TODAY);
        List<Object> handed = new ArrayList<>();

        GovernanceFacts.forEach(input, RULEBOOK, handed::add);

        assertThat(handed).isEqualTo(GovernanceFacts.of(input, RULEBOOK));
        assertThat(handed).hasSize(4);
        assertThat(handed.get(0)).isEqualTo(RULEBOOK);
        assertThat(((TaskFact) handed.get(1)).id()).isEqualTo("FE-1");
        assertThat(((CrossStreamRefFact) handed.get(2)).reference()).isEqualTo("be:B-9");
        assertThat(((TaskFact) handed.get(3)).id()).isEqualTo("FE-2");
    }
}
