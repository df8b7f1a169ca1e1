package dev.planning.engine.internal.lint;

import dev.planning.api.DocumentException;
import dev.planning.engine.internal.eventlog.EventLogLint;
import dev.planning.engine.internal.schema.SchemaCatalog;

/**
 * The stable finding codes that linting reports, for scripts and for tests. Parsing and schema
 * codes are defined where they arise and repeated here so that one class lists them all.
 */
public final class LintCodes {

    /** A required planning file (the task breakdown) does not exist. */
    public static final String FILE_MISSING = "file.missing";
    /** Two accepted names of the same file both exist; the preferred one is used. */
    public static final String FILE_AMBIGUOUS = "file.ambiguous";
    /** An id used twice where ids must be unique, or two ids of one kind and file that differ only in letter case. */
    public static final String ID_DUPLICATE = "id.duplicate";
    /** A placeholder written by {@code planning init} that was never edited (owner, description, criterion). */
    public static final String PLACEHOLDER = "plan.placeholder";
    /** A parent, dependency or slice reference that names nothing in the file. */
    public static final String REF_DANGLING = "ref.dangling";
    /** A cross-stream reference that is not of the form {@code stream:ID}. */
    public static final String REF_MALFORMED = "ref.malformed";
    /** A task that names itself as parent or dependency. */
    public static final String REF_SELF = "ref.self";
    /** Tasks of one plan whose dependencies form a cycle. */
    public static final String REF_CYCLE = "ref.cycle";
    /** Items of one plan whose parents lead back to the first of them. */
    public static final String REF_PARENT_CYCLE = "ref.parent-cycle";
    /** An item whose parent is of a lower level (an epic under a story or a task, a story under a task). */
    public static final String REF_PARENT_KIND = "ref.parent-kind";
    /** A task linked to a story-map node that the cycle's story map does not have. */
    public static final String STORY_UNLINKED_NODE = "story.unlinked-node";
    /**
     * An approver whose name could pass for another's (an invisible character, look-alike punctuation,
     * mixed scripts: {@code PersonNames.unclear}); governance counts it as no approval.
     */
    public static final String APPROVER_UNCLEAR = "controls.approver-unclear";
    /** A contract whose provider is the contracts file's own stream. */
    public static final String CONTRACT_SELF = "contract.self";
    /** A tag whose key the rulebook's taxonomy governs, with a value it does not allow. */
    public static final String TAG_UNKNOWN_VALUE = "tag.unknown-value";
    /** A governed tag key given twice on one item with different values. */
    public static final String TAG_CONFLICTING_VALUE = "tag.conflicting-value";
    /** A waiver naming a rule the rulebook does not have. */
    public static final String WAIVER_UNKNOWN_RULE = "waiver.unknown-rule";

    /** A waiver naming an item that is no task or story of the cycle. */
    public static final String WAIVER_UNKNOWN_ITEM = "waiver.unknown-item";

    /** A waiver in force that expires within the rulebook's horizon (a warning). */
    public static final String WAIVER_EXPIRING = "waiver.expiring";

    /** A waiver whose last day is past: it waives nothing, and the violation it waived counts again (a warning). */
    public static final String WAIVER_EXPIRED = "waiver.expired";
    /** A file whose {@code cycle_id} differs from the cycle its name says. */
    public static final String CYCLE_MISMATCH = "cycle.mismatch";
    /**
     * A file whose name stands for no cycle where its name must: a digest ({@code digests/<cycle-id>-digest.md}) or an
     * event log ({@code events/<cycle-id>.events.jsonl}).
     */
    public static final String FILE_MISNAMED = EventLogLint.FILE_MISNAMED;
    /** A file whose {@code stream} differs from the stream directory it is in. */
    public static final String STREAM_MISMATCH = "stream.mismatch";
    /** A stored outcome file ({@code outcomes/{cycle}/<kind>/}) that the gates and the digest cannot read. */
    public static final String OUTCOME_INVALID = "outcome.invalid";

    public static final String EVENT_INVALID = EventLogLint.EVENT_INVALID;
    public static final String EVENT_CHAIN = EventLogLint.EVENT_CHAIN;
    public static final String EVENT_HISTORY = EventLogLint.EVENT_HISTORY;
    public static final String EVENT_TORN = EventLogLint.EVENT_TORN;
    public static final String FILE_UNREADABLE = DocumentException.FILE_UNREADABLE;
    public static final String FILE_TOO_LARGE = DocumentException.FILE_TOO_LARGE;
    public static final String FILE_ENCODING = DocumentException.FILE_ENCODING;
    public static final String YAML_SYNTAX = DocumentException.YAML_SYNTAX;
    public static final String YAML_DUPLICATE_KEY = DocumentException.YAML_DUPLICATE_KEY;
    public static final String YAML_ALIAS = DocumentException.YAML_ALIAS;
    public static final String YAML_TOO_DEEP = DocumentException.YAML_TOO_DEEP;
    public static final String YAML_VALUE_TOO_LONG = DocumentException.YAML_VALUE_TOO_LONG;
    public static final String FRONT_MATTER = DocumentException.FRONT_MATTER;
    public static final String SCHEMA_REQUIRED = SchemaCatalog.REQUIRED;
    public static final String SCHEMA_TYPE = SchemaCatalog.TYPE;
    public static final String SCHEMA_ENUM = SchemaCatalog.ENUM;
    public static final String SCHEMA_UNKNOWN_FIELD = SchemaCatalog.UNKNOWN_FIELD;
    public static final String SCHEMA_FORMAT = SchemaCatalog.FORMAT;
    public static final String SCHEMA_PATTERN = SchemaCatalog.PATTERN;
    public static final String SCHEMA_INVALID = SchemaCatalog.INVALID;

    private LintCodes() {
    }
}
