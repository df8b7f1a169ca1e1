package dev.planning.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.Printable;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.rulebook.TagTaxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fact building's loops (perf34: {@link Text} and {@link TaskFact#of} without streams, a tag map
 * folded once) answer exactly as the streams and the second folding did, for every code point.
 */
class FactBuildingLoopsTest {

    /** The categories that draw something, as {@link Text} lists them: letters, numbers, punctuation, symbols. */
    private static final Set<Integer> DRAWN = Set.of((int) Character.UPPERCASE_LETTER, (int) Character.LOWERCASE_LETTER,
            (int) Character.TITLECASE_LETTER, (int) Character.MODIFIER_LETTER, (int) Character.OTHER_LETTER,
            (int) Character.DECIMAL_DIGIT_NUMBER, (int) Character.LETTER_NUMBER, (int) Character.OTHER_NUMBER,
            (int) Character.CONNECTOR_PUNCTUATION, (int) Character.DASH_PUNCTUATION, (int) Character.START_PUNCTUATION,
            (int) Character.END_PUNCTUATION, (int) Character.INITIAL_QUOTE_PUNCTUATION,
            (int) Character.FINAL_QUOTE_PUNCTUATION, (int) Character.OTHER_PUNCTUATION, (int) Character.MATH_SYMBOL,
            (int) Character.CURRENCY_SYMBOL, (int) Character.MODIFIER_SYMBOL, (int) Character.OTHER_SYMBOL);

    /** The rule as the stream wrote it, over {@link String#codePoints()}. */
    private static boolean showsSomethingAsStreamed(String value) {
        return value.codePoints().anyMatch(c -> Printable.shownAsItself(c) && DRAWN.contains(Character.getType(c))
                && c != 0x2800);
    }

    @Test
    void aTextShowsSomethingExactlyWhenTheStreamSaidSoForEveryCodePointAloneOrAfterOthers() {
        List<String> differ = new ArrayList<>();
        int shown = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String alone = new String(Character.toChars(c));
            for (String text : List.of(alone, " " + alone, "\u0301" + alone + "\u200b", "\ud800" + alone)) {
                boolean shows = Text.showsSomething(text);
                if (shows != showsSomethingAsStreamed(text)) {
                    differ.add(String.format("U+%04X in \"%s\"", c, Printable.line(text)));
                }
                shown += shows ? 1 : 0;
            }
        }
        assertThat(differ).isEmpty();
        assertThat(shown).isPositive();
        // Lone surrogates on either side of a pair, and a pair split by the end of the text.
        for (String text : List.of("\udc00\ud83d\ude00", "\ud83d\ude00\ud800", "\ud83d", "\ude00", "\udbff\udfff",
                "\u2800\ud834\udd1e", "")) {
            assertThat(Text.showsSomething(text)).as(text).isEqualTo(showsSomethingAsStreamed(text));
        }
    }

    @Test
    void aTagKeyFoldedOnceAsFactsAreBuiltIsTheKeyTheConstructorFoldsAgain() {
        // What TaskFact.of relies on to fold each key once: a folded key folds to itself, for every code
        // point (below, with a final sigma too, which lower-cases by its context).
        List<String> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String folded = TagTaxonomy.foldKey("\u2003K" + new String(Character.toChars(c)) + " ");
            if (!TagTaxonomy.foldKey(folded).equals(folded)) {
                differ.add(String.format("U+%04X", c));
            }
        }
        assertThat(differ).isEmpty();

        // And a fact built from a task has the tags, in their order, of one constructed from its raw keys.
        List<Tag> tags = new ArrayList<>();
        Map<String, String> raw = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of("\u0130", "\u01c5", "A\u03a3", "\u03a3\u03a3", "\u1e9e", "\u2126",
                "\u212a", " k ", "K", "\u2003k"));
        for (int c = 0; c < 0x600; c++) {
            keys.add("\u2003K" + new String(Character.toChars(c)) + "\u03a3 ");
        }
        for (String key : keys) {
            tags.add(new Tag(key, Optional.of(" v" + key.length() + " ")));
            raw.putIfAbsent(key, "v" + key.length());
        }
        TaskFact built = TaskFact.of(Task.builder("FE-1", "t").tags(new Tags(tags)).build(), "fe");
        TaskFact constructed = new TaskFact(built.id(), built.stream(), built.kind(), built.parent(), built.title(),
                built.owner(), built.criticality(), built.compliance(), built.dataClassification(), raw,
                built.approvals(), built.approvalNames(), built.reviewBoard(), built.emergencyContact(),
                built.rollbackPlan(), built.auditTrail(), built.changeFreezeChecked(), built.dataHandlingNote(),
                built.acceptanceCriteria(), built.dependencies(), built.description(), built.priority(),
                built.effort(), built.status(), built.due(), built.risk(), built.plannedIn(), built.storyNodes(),
                built.artifacts(), built.origin(), built.location());

        assertThat(List.copyOf(built.tags().entrySet())).isEqualTo(List.copyOf(constructed.tags().entrySet()));
        assertThat(built).isEqualTo(constructed);
        // The Kelvin sign folds to k before " k " does, and the first tag of a key wins.
        assertThat(built.tags()).containsEntry("k", "v1");
    }

    @Test
    void dependenciesAreKeptAsWrittenInOrderAndTheFactsListsCannotBeChanged() {
        Task task = Task.builder("FE-1", "t").dependencies(List.of(TaskRef.parse("be:B-1"), TaskRef.parse("FE-2"),
                TaskRef.parse("be:B-1"))).build();

        TaskFact fact = TaskFact.of(task, "fe");

        assertThat(fact.dependencies()).containsExactly("be:B-1", "FE-2", "be:B-1");
        assertThat(TaskFact.of(Task.builder("FE-2", "t").build(), "fe").dependencies()).isEmpty();
        assertThat(fact.tags()).isUnmodifiable();
        assertThat(fact.dependencies()).isUnmodifiable();
    }
}
