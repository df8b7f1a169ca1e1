package dev.planning.rules.internal.drools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.governance.Waiver;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical JSON of the governance inputs that {@link InputDigests} hashes, written field by
 * field with jackson-core's generator: the same bytes as {@code JsonMappers.canonicalJson()} writes
 * for these records (compact; record components sorted by name, then {@code TaskRef}'s
 * {@code crossStream}, which that mapper finds as a getter and writes after them; map keys sorted;
 * an empty {@code Optional} or a {@code null} as {@code null}; dates in ISO-8601; enums by name).
 *
 * <p>Why by hand: the mapper's first serialization of a plan builds its serializers by
 * introspecting every record (about 45 ms of a cold {@code planning gate}, measured in
 * docs/benchmarks/cold-start.md, eleventh pass), for a few kilobytes of output. {@code CanonicalInputsTest}
 * compares every method here with the mapper on fully populated and hostile inputs, so a component
 * added to one of these records fails the build until it is written here too.
 */
final class CanonicalInputs {

    /** The generator's defaults are the mapper's: the same escaping and number forms. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private CanonicalInputs() {
    }

    /** A plan. */
    static String of(TaskBreakdown plan) {
        return write(gen -> breakdown(gen, plan));
    }

    /** A story map. */
    static String of(StoryMap map) {
        return write(gen -> storyMap(gen, map));
    }

    /** Waivers, in their order. */
    static String ofWaivers(List<Waiver> waivers) {
        return write(gen -> list(gen, waivers, CanonicalInputs::waiver));
    }

    private interface Writer<T> {
        void write(JsonGenerator gen, T value) throws IOException;
    }

    private interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void breakdown(JsonGenerator gen, TaskBreakdown plan) throws IOException {
        if (plan == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "cycleId", plan.cycleId());
        gen.writeFieldName("generatedAt");
        optional(gen, plan.generatedAt(), CanonicalInputs::dateTime);
        string(gen, "source", plan.source());
        string(gen, "stream", plan.stream());
        gen.writeFieldName("tasks");
        list(gen, plan.tasks(), CanonicalInputs::task);
        string(gen, "version", plan.version());
        gen.writeEndObject();
    }

    private static void task(JsonGenerator gen, Task task) throws IOException {
        if (task == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeFieldName("acceptanceCriteria");
        list(gen, task.acceptanceCriteria(), CanonicalInputs::string);
        gen.writeFieldName("artifacts");
        list(gen, task.artifacts(), CanonicalInputs::string);
        gen.writeFieldName("controls");
        controls(gen, task.controls());
        gen.writeFieldName("dependencies");
        list(gen, task.dependencies(), CanonicalInputs::taskRef);
        optionalString(gen, "description", task.description());
        gen.writeFieldName("due");
        optional(gen, task.due(), CanonicalInputs::date);
        gen.writeFieldName("effort");
        optional(gen, task.effort(), CanonicalInputs::number);
        gen.writeFieldName("fieldLocations");
        locations(gen, task.fieldLocations());
        string(gen, "id", task.id());
        enumName(gen, "kind", task.kind());
        gen.writeFieldName("location");
        location(gen, task.location());
        optionalString(gen, "origin", task.origin());
        optionalString(gen, "owner", task.owner());
        optionalString(gen, "parent", task.parent());
        optionalString(gen, "plannedIn", task.plannedIn());
        gen.writeFieldName("priority");
        optional(gen, task.priority(), (g, p) -> g.writeString(p.name()));
        optionalString(gen, "risk", task.risk());
        enumName(gen, "status", task.status());
        gen.writeFieldName("storyNodes");
        list(gen, task.storyNodes(), CanonicalInputs::string);
        gen.writeFieldName("tags");
        tags(gen, task.tags());
        string(gen, "title", task.title());
        gen.writeEndObject();
    }

    private static void controls(JsonGenerator gen, Controls controls) throws IOException {
        if (controls == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeFieldName("approvals");
        list(gen, controls.approvals(), CanonicalInputs::string);
        optionalString(gen, "auditTrail", controls.auditTrail());
        gen.writeBooleanField("changeFreezeChecked", controls.changeFreezeChecked());
        optionalString(gen, "dataHandlingNote", controls.dataHandlingNote());
        optionalString(gen, "emergencyContact", controls.emergencyContact());
        optionalString(gen, "reviewBoard", controls.reviewBoard());
        optionalString(gen, "rollbackPlan", controls.rollbackPlan());
        gen.writeEndObject();
    }

    private static void taskRef(JsonGenerator gen, TaskRef ref) throws IOException {
        if (ref == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "id", ref.id());
        optionalString(gen, "stream", ref.stream());
        // Not a component: the mapper finds isCrossStream() as a getter, and writes getters after
        // the (sorted) components.
        gen.writeBooleanField("crossStream", ref.isCrossStream());
        gen.writeEndObject();
    }

    private static void tags(JsonGenerator gen, Tags tags) throws IOException {
        if (tags == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeFieldName("values");
        list(gen, tags.values(), CanonicalInputs::tag);
        gen.writeEndObject();
    }

    private static void tag(JsonGenerator gen, Tag tag) throws IOException {
        if (tag == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "key", tag.key());
        optionalString(gen, "value", tag.value());
        gen.writeEndObject();
    }

    private static void locations(JsonGenerator gen, Map<String, SourceLocation> locations) throws IOException {
        if (locations == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        // The mapper orders map entries by key (ORDER_MAP_ENTRIES_BY_KEYS): a TreeMap, natural order.
        for (Map.Entry<String, SourceLocation> entry : new TreeMap<>(locations).entrySet()) {
            gen.writeFieldName(entry.getKey());
            location(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    private static void location(JsonGenerator gen, SourceLocation location) throws IOException {
        if (location == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeNumberField("column", location.column());
        string(gen, "file", location.file());
        gen.writeNumberField("line", location.line());
        gen.writeEndObject();
    }

    private static void storyMap(JsonGenerator gen, StoryMap map) throws IOException {
        if (map == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        gen.writeFieldName("activities");
        list(gen, map.activities(), CanonicalInputs::activity);
        string(gen, "cycleId", map.cycleId());
        string(gen, "narrative", map.narrative());
        gen.writeFieldName("slices");
        list(gen, map.slices(), CanonicalInputs::slice);
        string(gen, "source", map.source());
        string(gen, "stream", map.stream());
        string(gen, "title", map.title());
        string(gen, "version", map.version());
        gen.writeEndObject();
    }

    private static void activity(JsonGenerator gen, Activity activity) throws IOException {
        if (activity == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "id", activity.id());
        gen.writeFieldName("stories");
        list(gen, activity.stories(), CanonicalInputs::story);
        string(gen, "title", activity.title());
        gen.writeEndObject();
    }

    private static void story(JsonGenerator gen, Story story) throws IOException {
        if (story == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "id", story.id());
        gen.writeFieldName("location");
        location(gen, story.location());
        optionalString(gen, "slice", story.slice());
        string(gen, "title", story.title());
        gen.writeEndObject();
    }

    private static void slice(JsonGenerator gen, ReleaseSlice slice) throws IOException {
        if (slice == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "id", slice.id());
        string(gen, "title", slice.title());
        gen.writeEndObject();
    }

    private static void waiver(JsonGenerator gen, Waiver waiver) throws IOException {
        if (waiver == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        string(gen, "approver", waiver.approver());
        gen.writeFieldName("expires");
        date(gen, waiver.expires());
        string(gen, "item", waiver.item());
        string(gen, "reason", waiver.reason());
        string(gen, "rule", waiver.rule());
        gen.writeEndObject();
    }

    private static <T> void list(JsonGenerator gen, List<T> values, Writer<T> element) throws IOException {
        if (values == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartArray();
        for (T value : values) {
            element.write(gen, value);
        }
        gen.writeEndArray();
    }

    private static <T> void optional(JsonGenerator gen, Optional<T> value, Writer<T> present) throws IOException {
        if (value == null || value.isEmpty()) {
            gen.writeNull();
        } else {
            present.write(gen, value.get());
        }
    }

    private static void optionalString(JsonGenerator gen, String name, Optional<String> value) throws IOException {
        gen.writeFieldName(name);
        optional(gen, value, CanonicalInputs::string);
    }

    private static void string(JsonGenerator gen, String name, String value) throws IOException {
        gen.writeFieldName(name);
        string(gen, value);
    }

    private static void string(JsonGenerator gen, String value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(value);
        }
    }

    private static void enumName(JsonGenerator gen, String name, Enum<?> value) throws IOException {
        gen.writeFieldName(name);
        string(gen, value == null ? null : value.name());
    }

    private static void number(JsonGenerator gen, BigDecimal value) throws IOException {
        gen.writeNumber(value);
    }

    /** As the mapper's {@code LocalDateSerializer} writes a date without timestamps: ISO-8601. */
    private static void date(JsonGenerator gen, LocalDate date) throws IOException {
        string(gen, date == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(date));
    }

    /** As the mapper's {@code OffsetDateTimeSerializer} writes one without timestamps (seconds always shown). */
    private static void dateTime(JsonGenerator gen, OffsetDateTime time) throws IOException {
        string(gen, time == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
    }
}
