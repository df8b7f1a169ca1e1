package dev.planning.rules.internal.drools;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.engine.internal.document.ValueLengths;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GateResultFact;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.StoryFact;
import dev.planning.rules.facts.TaskFact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator's bound on each text an evaluation inserts ({@link ValueLengths}, the bound the YAML
 * readers hold a file's values to), held here on the facts themselves, whatever built the input: a
 * {@code GovernanceInput} built in code or by the test kit never passed a reader. One insert matches
 * a fact against every rule's conditions, which the time limit cannot stop, and a {@code contains}
 * costs the value's length times the needle's (docs/SECURITY.md, "insertbound").
 *
 * <p>Every text a fact type holds is checked: each {@code String} component, each key and value of a
 * map, each element of a list, and the file of its location. A fact of a type this class does not
 * know is refused (fail closed). One instance checks one evaluation's facts in turn, recording every
 * text over the bound; {@link #refusal} names them all.
 *
 * <p>A fact's name and a field's label ({@code tags.owner}, {@code dependencies[1]}) are built only
 * for a text over the bound: built for every fact, they were an eighth of the Drools engine's time at
 * 10,000 tasks (docs/benchmarks/b2-jitting-off.md).
 */
final class FactLengths {

    /** How many texts a message lists before summing up the rest. */
    private static final int MAX_SHOWN = 50;

    /** How many characters of a fact's id a message quotes. */
    private static final int MAX_NAME = 40;

    private final int max;
    private final List<String> over = new ArrayList<>();

    FactLengths(int max) {
        this.max = max;
    }

    /**
     * The operator's bound, read where the YAML readers read it ({@link ValueLengths#current}), so that
     * one place knows it.
     *
     * @throws dev.planning.api.PlanningException when the setting is not a whole number in range
     */
    static int bound() {
        return ValueLengths.current();
    }

    /** Whether any text checked so far was over the bound (or a fact could not be checked). */
    boolean refused() {
        return !over.isEmpty();
    }

    /**
     * Checks one fact's every text, recording each one over the bound.
     *
     * @return whether the fact is within the bound
     */
    boolean check(Object fact) {
        int before = over.size();
        if (fact instanceof TaskFact t) {
            Supplier<String> name = () -> "task '" + shown(t.id()) + "'" + at(t.location());
            text(name, "id", t.id());
            text(name, "stream", t.stream());
            text(name, "kind", t.kind());
            text(name, "parent", t.parent());
            text(name, "title", t.title());
            text(name, "owner", t.owner());
            text(name, "compliance", t.compliance());
            text(name, "dataClassification", t.dataClassification());
            map(name, "tags", t.tags());
            list(name, "approvalNames", t.approvalNames());
            text(name, "reviewBoard", t.reviewBoard());
            text(name, "emergencyContact", t.emergencyContact());
            text(name, "rollbackPlan", t.rollbackPlan());
            text(name, "auditTrail", t.auditTrail());
            text(name, "dataHandlingNote", t.dataHandlingNote());
            list(name, "dependencies", t.dependencies());
            text(name, "description", t.description());
            text(name, "priority", t.priority());
            text(name, "status", t.status());
            text(name, "risk", t.risk());
            text(name, "plannedIn", t.plannedIn());
            list(name, "storyNodes", t.storyNodes());
            list(name, "artifacts", t.artifacts());
            text(name, "origin", t.origin());
            location(name, t.location());
        } else if (fact instanceof StoryFact s) {
            Supplier<String> name = () -> "story '" + shown(s.id()) + "'" + at(s.location());
            text(name, "id", s.id());
            text(name, "title", s.title());
            text(name, "activity", s.activity());
            text(name, "slice", s.slice());
            location(name, s.location());
        } else if (fact instanceof CrossStreamRefFact r) {
            Supplier<String> name = () -> "cross-stream reference of task '" + shown(r.fromTask()) + "'" + at(r.location());
            text(name, "fromTask", r.fromTask());
            text(name, "stream", r.stream());
            text(name, "id", r.id());
            location(name, r.location());
        } else if (fact instanceof GateResultFact g) {
            Supplier<String> name = () -> "gate result '" + shown(g.gate()) + "'";
            text(name, "gate", g.gate());
            text(name, "status", g.status());
        } else if (fact instanceof RulebookFacts r) {
            Supplier<String> name = () -> "the rulebook's settings";
            for (String key : r.thresholds().keySet()) {
                key(name, "thresholds", key);
            }
            for (Map.Entry<String, List<String>> entry : r.taxonomy().entrySet()) {
                key(name, "taxonomy", entry.getKey());
                list(name, () -> "taxonomy." + shown(entry.getKey()), entry.getValue());
            }
            list(name, "requiredTags", r.requiredTags());
        } else {
            over.add("a fact of type " + (fact == null ? "null" : fact.getClass().getName())
                    + " whose texts cannot be bounded");
        }
        return over.size() == before;
    }

    /**
     * The refusal naming every text over the bound: one line when there is one, else a line each.
     *
     * @param rulebook the rulebook's name, as the engine's other refusals give it
     */
    EvaluationLimitException refusal(String rulebook) {
        String bound = String.format(Locale.ROOT, "%,d", max) + " characters (the operator's "
                + ValueLengths.PROPERTY + " or " + ValueLengths.VARIABLE + ")";
        String head = "evaluation with rulebook " + rulebook + " refused before any rule fired: ";
        if (over.size() == 1) {
            return new EvaluationLimitException(EvaluationLimitException.Limit.VALUE_LENGTH,
                    head + over.get(0) + ", more than " + bound);
        }
        StringBuilder text = new StringBuilder(head).append(over.size()).append(" texts are longer than ")
                .append(bound).append(':');
        for (String one : over.subList(0, Math.min(MAX_SHOWN, over.size()))) {
            text.append("\n  ").append(one);
        }
        if (over.size() > MAX_SHOWN) {
            text.append("\n  and ").append(over.size() - MAX_SHOWN).append(" more");
        }
        return new EvaluationLimitException(EvaluationLimitException.Limit.VALUE_LENGTH, text.toString());
    }

    private void text(Supplier<String> fact, String field, String value) {
        if (value != null && value.length() > max) {
            over.add(fact.get() + ": `" + field + "` is " + length(value) + " characters long");
        }
    }

    private void key(Supplier<String> fact, String field, String key) {
        if (key != null && key.length() > max) {
            over.add(fact.get() + ": a key of `" + field + "` is " + length(key) + " characters long");
        }
    }

    private void map(Supplier<String> fact, String field, Map<String, String> values) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            key(fact, field, entry.getKey());
            String value = entry.getValue();
            if (value != null && value.length() > max) {
                text(fact, field + "." + shown(entry.getKey()), value);
            }
        }
    }

    private void list(Supplier<String> fact, String field, Collection<String> values) {
        list(fact, () -> field, values);
    }

    private void list(Supplier<String> fact, Supplier<String> field, Collection<String> values) {
        int i = 0;
        for (String value : values) {
            if (value != null && value.length() > max) {
                text(fact, field.get() + "[" + i + "]", value);
            }
            i++;
        }
    }

    private void location(Supplier<String> fact, SourceLocation location) {
        if (location != null && location.file().length() > max) {
            over.add(fact.get() + ": the file of `location` is " + length(location.file()) + " characters long");
        }
    }

    private static String length(String value) {
        return String.format(Locale.ROOT, "%,d", value.length());
    }

    /** A location's {@code (file:line:column)}, or nothing when it names no file or a long one. */
    private String at(SourceLocation location) {
        return location == null || location.file().isEmpty() || location.file().length() > MAX_NAME * 4 ? ""
                : " (" + location + ")";
    }

    /**
     * A name as quoted in a message: its first characters, then {@code ...} when longer (a surrogate
     * pair kept whole); a control character as {@code ?}, so that each text stays one line.
     */
    private static String shown(String name) {
        if (name == null) {
            return "";
        }
        String head = name;
        if (name.length() > MAX_NAME) {
            int end = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
            head = name.substring(0, end) + "...";
        }
        StringBuilder shown = new StringBuilder(head.length());
        head.chars().forEach(c -> shown.append(Character.isISOControl(c) ? '?' : (char) c));
        return shown.toString();
    }
}
