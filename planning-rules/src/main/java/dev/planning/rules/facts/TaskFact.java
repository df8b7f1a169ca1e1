package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.rulebook.TagTaxonomy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One work item of the cycle's plan (or of another stream's plan), as rules see it.
 *
 * <p>Text fields that are absent or blank are {@code null}. Tag keys are folded as the taxonomy folds
 * them ({@link TagTaxonomy#foldKey}: stripped and lower-cased), here and in every look-up; a plain
 * label (a tag without a value) maps to the empty string.
 *
 * @param id                 the task id
 * @param stream             the stream whose plan holds it
 * @param kind               {@code epic}, {@code story} or {@code task}
 * @param parent             the enclosing item's id, or {@code null}
 * @param title              the title
 * @param owner              the owner, or {@code null}
 * @param criticality        the {@code criticality} tag as a number (0 = critical), or {@code null}; read
 *                           fail-closed when built with the rulebook's settings (see
 *                           {@link RulebookFacts#criticalityOf(dev.planning.api.artifact.Tags)})
 * @param compliance         the {@code compliance} tag, lower-cased, or {@code null}
 * @param dataClassification the {@code data_classification} tag, lower-cased, or {@code null}
 * @param tags               every tag, key (folded by {@link TagTaxonomy#foldKey}) to value
 * @param approvals          how many distinct approvers are recorded (each stripped, none that shows nothing)
 * @param approvalNames      who approved
 * @param reviewBoard        the review board sign-off, or {@code null}
 * @param emergencyContact   the emergency contact, or {@code null}
 * @param rollbackPlan       the rollback plan, or {@code null}
 * @param auditTrail         the audit-trail level, lower-cased, or {@code null}
 * @param changeFreezeChecked whether the change-freeze calendar was checked
 * @param dataHandlingNote   the data-handling note, or {@code null}
 * @param acceptanceCriteria how many acceptance criteria it has
 * @param dependencies       its dependencies as written ({@code FE-2}, {@code be:PLN-BE-001})
 * @param description        the description, or {@code null}
 * @param priority           {@code P0} (highest) to {@code P3}, or {@code null}
 * @param effort             the estimate in points, or {@code null} when it has none
 * @param status             {@code planned}, {@code in_progress}, {@code blocked}, {@code done} or
 *                           {@code dropped}
 * @param due                the due date, or {@code null}
 * @param risk               the risk as written, lower-cased ({@code low}, {@code medium},
 *                           {@code high} or free text), or {@code null}
 * @param plannedIn          the cycle or sprint it is planned in, or {@code null}
 * @param storyNodes         the story-map node ids it delivers
 * @param artifacts          the files it produces
 * @param origin             where it came from (e.g. the digest whose improvement action it
 *                           carries), or {@code null}
 * @param location           where it is written
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TaskFact(
        String id,
        String stream,
        String kind,
        String parent,
        String title,
        String owner,
        Integer criticality,
        String compliance,
        String dataClassification,
        Map<String, String> tags,
        int approvals,
        List<String> approvalNames,
        String reviewBoard,
        String emergencyContact,
        String rollbackPlan,
        String auditTrail,
        boolean changeFreezeChecked,
        String dataHandlingNote,
        int acceptanceCriteria,
        List<String> dependencies,
        String description,
        String priority,
        Double effort,
        String status,
        LocalDate due,
        String risk,
        String plannedIn,
        List<String> storyNodes,
        List<String> artifacts,
        String origin,
        SourceLocation location) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id the task id
     * @param stream the stream whose plan holds it
     * @param kind {@code epic}, {@code story} or {@code task}
     * @param parent the enclosing item's id, or {@code null}
     * @param title the title
     * @param owner the owner, or {@code null}
     * @param criticality the {@code criticality} tag as a number (0 = critical), or {@code null}; read fail-closed when built with the rulebook's settings (see {@link RulebookFacts#criticalityOf(dev.planning.api.artifact.Tags)})
     * @param compliance the {@code compliance} tag, lower-cased, or {@code null}
     * @param dataClassification the {@code data_classification} tag, lower-cased, or {@code null}
     * @param tags every tag, key (folded by {@link TagTaxonomy#foldKey}) to value
     * @param approvals how many distinct approvers are recorded (each stripped, none that shows nothing)
     * @param approvalNames who approved
     * @param reviewBoard the review board sign-off, or {@code null}
     * @param emergencyContact the emergency contact, or {@code null}
     * @param rollbackPlan the rollback plan, or {@code null}
     * @param auditTrail the audit-trail level, lower-cased, or {@code null}
     * @param changeFreezeChecked whether the change-freeze calendar was checked
     * @param dataHandlingNote the data-handling note, or {@code null}
     * @param acceptanceCriteria how many acceptance criteria it has
     * @param dependencies its dependencies as written ({@code FE-2}, {@code be:PLN-BE-001})
     * @param description the description, or {@code null}
     * @param priority {@code P0} (highest) to {@code P3}, or {@code null}
     * @param effort the estimate in points, or {@code null} when it has none
     * @param status {@code planned}, {@code in_progress}, {@code blocked}, {@code done} or {@code dropped}
     * @param due the due date, or {@code null}
     * @param risk the risk as written, lower-cased ({@code low}, {@code medium}, {@code high} or free text), or {@code null}
     * @param plannedIn the cycle or sprint it is planned in, or {@code null}
     * @param storyNodes the story-map node ids it delivers
     * @param artifacts the files it produces
     * @param origin where it came from (e.g. the digest whose improvement action it carries), or {@code null}
     * @param location where it is written
     */
    public TaskFact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        // Keys folded as the taxonomy folds them, so a rule asking for a key finds what the gate judges
        // (a map that of(...) built has them folded already).
        if (!(tags instanceof FoldedTags)) {
            Map<String, String> folded = new LinkedHashMap<>();
            tags.forEach((key, value) -> folded.putIfAbsent(TagTaxonomy.foldKey(key), value));
            tags = folded;
        }
        tags = Collections.unmodifiableMap(tags);
        approvalNames = List.copyOf(approvalNames);
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(status, "status");
        storyNodes = List.copyOf(storyNodes);
        artifacts = List.copyOf(artifacts);
        Objects.requireNonNull(location, "location");
    }

    /**
     * The fact for a task of a stream's plan, with the {@code criticality} tag read as written (a
     * value that is not a number is {@code null}). Governance builds facts with
     * {@link #of(Task, String, RulebookFacts)} instead, which fails closed.
     *
     * @param task the task
     * @param stream the stream whose plan holds it
     * @return the fact for the task
     */
    public static TaskFact of(Task task, String stream) {
        return of(task, stream, task.tags().criticality().isPresent() ? task.tags().criticality().getAsInt() : null);
    }

    /**
     * The fact for a task of a stream's plan as governance judges it: a criticality the rulebook
     * cannot classify counts as critical ({@link RulebookFacts#criticalityOf}).
     *
     * @param task the task
     * @param stream the stream whose plan holds it
     * @param rulebook the rulebook's settings, which classify criticality
     * @return the fact for the task, as governance judges it
     */
    public static TaskFact of(Task task, String stream, RulebookFacts rulebook) {
        return of(task, stream, rulebook.criticalityOf(task.tags()));
    }

    private static TaskFact of(Task task, String stream, Integer criticality) {
        FoldedTags tags = new FoldedTags();
        for (Tag tag : task.tags().values()) {
            // The first tag of a key wins, as in Tags.value(key).
            tags.putIfAbsent(TagTaxonomy.foldKey(tag.key()), tag.value().map(String::strip).orElse(""));
        }
        int criteria = 0;
        for (String criterion : task.acceptanceCriteria()) {
            if (Text.showsSomething(criterion)) {
                criteria++;
            }
        }
        var controls = task.controls();
        return new TaskFact(
                task.id(),
                stream,
                task.kind().name().toLowerCase(Locale.ROOT),
                Text.orNull(task.parent()),
                task.title(),
                Text.orNull(task.owner()),
                criticality,
                lower(Text.orNull(task.tags().compliance())),
                lower(Text.orNull(task.tags().value("data_classification"))),
                tags,
                Text.distinct(controls.approvals()),
                controls.approvals(),
                Text.orNull(controls.reviewBoard()),
                Text.orNull(controls.emergencyContact()),
                Text.orNull(controls.rollbackPlan()),
                lower(Text.orNull(controls.auditTrail())),
                controls.changeFreezeChecked(),
                Text.orNull(controls.dataHandlingNote()),
                criteria,
                asWritten(task.dependencies()),
                Text.orNull(task.description()),
                task.priority().map(Enum::name).orElse(null),
                task.effort().map(BigDecimal::doubleValue).orElse(null),
                task.status().name().toLowerCase(Locale.ROOT),
                task.due().orElse(null),
                lower(Text.orNull(task.risk())),
                Text.orNull(task.plannedIn()),
                task.storyNodes(),
                task.artifacts(),
                Text.orNull(task.origin()),
                task.location());
    }

    /**
     * Whether a tag with this key is present, with or without a value.
     *
     * @param key the tag key
     * @return whether a tag with this key is present, with or without a value
     */
    public boolean hasTag(String key) {
        return tags.containsKey(TagTaxonomy.foldKey(key));
    }

    /**
     * Whether a tag with this key carries a non-empty value.
     *
     * @param key the tag key
     * @return whether a tag with this key carries a non-empty value
     */
    public boolean hasTagValue(String key) {
        String value = tags.get(TagTaxonomy.foldKey(key));
        return value != null && !value.isEmpty();
    }

    /**
     * Whether every one of these tag keys carries a non-empty value: a cheap pre-filter for a rule
     * that reports each missing key (a rule with {@code from} runs its source for every task
     * otherwise; see the default {@code required-tags} rule).
     *
     * @param keys the tag keys
     * @return whether every one of these tag keys carries a non-empty value
     */
    public boolean hasTagValues(Collection<String> keys) {
        for (String key : keys) {
            if (!hasTagValue(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of a tag, or {@code null}; a plain label yields the empty string.
     *
     * @param key the tag key
     * @return the value of a tag, or {@code null}; a plain label yields the empty string
     */
    public String tag(String key) {
        return tags.get(TagTaxonomy.foldKey(key));
    }

    /**
     * Whether it is critical: criticality 0.
     *
     * @return whether it is critical: criticality 0
     */
    public boolean isCritical() {
        return criticality != null && criticality == 0;
    }

    /** Each dependency as written, in a list that the constructor's copy keeps as it is. */
    private static List<String> asWritten(List<TaskRef> dependencies) {
        String[] written = new String[dependencies.size()];
        for (int i = 0; i < written.length; i++) {
            written[i] = dependencies.get(i).toString();
        }
        return List.of(written);
    }

    /**
     * A tag map whose keys {@link #of(Task, String, Integer)} has folded (as {@link TagTaxonomy#foldKey},
     * which gives a folded key back as it is): the constructor keeps it instead of folding every key
     * again. Only this class makes one.
     */
    private static final class FoldedTags extends LinkedHashMap<String, String> {

        private static final long serialVersionUID = 1L;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
