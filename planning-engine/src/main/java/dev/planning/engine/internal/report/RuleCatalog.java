package dev.planning.engine.internal.report;

import dev.planning.engine.internal.gate.crossstream.CrossStreamCodes;
import dev.planning.engine.internal.gate.parity.ParityCodes;
import dev.planning.engine.internal.lint.LintCodes;
import java.util.Map;

/**
 * One-line descriptions of the finding codes the built-in checks report, for SARIF rule
 * metadata and listings. Codes from plug-in gates, and the rulebook's own policies
 * ({@code governance.<rule>}), get a description built from the code.
 */
public final class RuleCatalog {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(LintCodes.FILE_MISSING, "A required planning file does not exist."),
            Map.entry(LintCodes.FILE_AMBIGUOUS, "Two accepted names of the same planning file both exist."),
            Map.entry(LintCodes.FILE_UNREADABLE, "A planning file cannot be read."),
            Map.entry(LintCodes.FILE_TOO_LARGE, "A planning file is larger than the reader accepts."),
            Map.entry(LintCodes.FILE_ENCODING, "A planning file is not UTF-8."),
            Map.entry(LintCodes.YAML_SYNTAX, "Malformed YAML."),
            Map.entry(LintCodes.YAML_DUPLICATE_KEY, "A key written twice in the same YAML mapping."),
            Map.entry(LintCodes.YAML_ALIAS, "A YAML alias; aliases are refused."),
            Map.entry(LintCodes.YAML_TOO_DEEP, "YAML nested deeper than the reader accepts."),
            Map.entry(LintCodes.YAML_VALUE_TOO_LONG, "A text value or key longer than the operator's bound."),
            Map.entry(LintCodes.FRONT_MATTER, "A Markdown file whose YAML front matter is missing or not closed."),
            Map.entry(LintCodes.SCHEMA_REQUIRED, "A required field is missing."),
            Map.entry(LintCodes.SCHEMA_TYPE, "A value has the wrong type."),
            Map.entry(LintCodes.SCHEMA_ENUM, "A value outside its allowed set."),
            Map.entry(LintCodes.SCHEMA_UNKNOWN_FIELD, "A field the schema does not define."),
            Map.entry(LintCodes.SCHEMA_FORMAT, "A date or time in the wrong format."),
            Map.entry(LintCodes.SCHEMA_PATTERN, "A string that does not match its pattern."),
            Map.entry(LintCodes.SCHEMA_INVALID, "A value outside its allowed length, range or count."),
            Map.entry(LintCodes.ID_DUPLICATE, "An id used more than once where ids must be unique, or two ids that differ only in letter case."),
            Map.entry(LintCodes.PLACEHOLDER, "A placeholder written by planning init that was never edited."),
            Map.entry(LintCodes.REF_DANGLING, "A parent, dependency or slice that names nothing in the file."),
            Map.entry(LintCodes.REF_MALFORMED, "A cross-stream reference that is not of the form stream:ID."),
            Map.entry(LintCodes.REF_SELF, "A task that names itself as parent or dependency."),
            Map.entry(LintCodes.REF_PARENT_CYCLE, "Items whose parents lead back to the first of them."),
            Map.entry(LintCodes.REF_PARENT_KIND, "An item whose parent is of a lower level: an epic under a story or a task, a story under a task."),
            Map.entry(LintCodes.STORY_UNLINKED_NODE, "A task linked to a story the story map does not have."),
            Map.entry(LintCodes.CYCLE_MISMATCH, "A file whose cycle_id differs from the cycle its name says."),
            Map.entry(LintCodes.STREAM_MISMATCH, "A file whose stream differs from its directory."),
            Map.entry(LintCodes.CONTRACT_SELF, "A contract whose provider is the file's own stream."),
            Map.entry(CrossStreamCodes.NO_PLAN, "The cycle has no readable task breakdown."),
            Map.entry(CrossStreamCodes.DANGLING,
                    "A cross-stream dependency that is neither a task of the other stream nor a declared contract."),
            Map.entry(CrossStreamCodes.CYCLE, "Dependencies that form a cycle, within or across streams."),
            Map.entry(CrossStreamCodes.DEPTH, "A dependency chain deeper than max_dependency_depth."),
            Map.entry(CrossStreamCodes.TIMELINE, "A dependency due or planned after the task that needs it."),
            Map.entry(CrossStreamCodes.CAPACITY, "An owner or team planned beyond the capacity model."),
            Map.entry(CrossStreamCodes.INPUT_INVALID, "The contracts file or capacity model is invalid."),
            Map.entry(ParityCodes.NO_PLAN, "The cycle has no readable task breakdown."),
            Map.entry(ParityCodes.TESTS_FAILED, "More failed imported test cases than the rulebook's tests_failed_max."),
            Map.entry(ParityCodes.NO_STORY_MAP, "The cycle has no readable story map."),
            Map.entry(ParityCodes.STORY_WITHOUT_TASK, "A story of the story map that no task delivers."),
            Map.entry(ParityCodes.TASK_WITHOUT_STORY, "A task that links to no story of the story map."),
            Map.entry(ParityCodes.ORIGIN_UNVERIFIED,
                    "A task whose origin names no improvement action of a digest another cycle published."),
            Map.entry(ParityCodes.TARGET_MISSING, "A coverage target the rulebook requires is not planned."),
            Map.entry(ParityCodes.TARGET_INVALID, "A planned coverage target below the rulebook's minimum."),
            Map.entry(ParityCodes.DELIVERED_RATIO, "Fewer planned items delivered than delivered_ratio_min."),
            Map.entry(ParityCodes.SCOPE_VARIANCE, "More planned items dropped than scope_variance_max_pct."),
            Map.entry(ParityCodes.STORY_NOT_DELIVERED, "A story none of whose items was delivered."),
            Map.entry(ParityCodes.COVERAGE_MISSING, "No coverage report of a kind the rulebook requires."),
            Map.entry(ParityCodes.COVERAGE_BELOW, "Measured coverage below the rulebook's minimum."),
            Map.entry(ParityCodes.COVERAGE_REGRESSION, "Coverage fell against the previous cycle."),
            Map.entry(ParityCodes.COVERAGE_UNREADABLE, "A coverage report that cannot be read."),
            Map.entry(LintCodes.WAIVER_UNKNOWN_RULE, "A waiver naming a rule the rulebook does not have."),
            Map.entry(LintCodes.WAIVER_UNKNOWN_ITEM, "A waiver naming an item that is no task or story of the cycle."),
            Map.entry(LintCodes.WAIVER_EXPIRING, "A waiver in force that expires within the rulebook's horizon."),
            Map.entry(LintCodes.WAIVER_EXPIRED, "A waiver whose last day is past: it waives nothing any more."),
            Map.entry("governance.waiver-expiring", "A waiver in force that expires within the rulebook's horizon."),
            Map.entry("gate.error", "A gate could not run on its input."),
            Map.entry("gate.crashed", "A gate failed unexpectedly."));

    /** How to fix a finding of a built-in code. */
    private static final Map<String, String> REMEDIES = Map.ofEntries(
            Map.entry(LintCodes.FILE_MISSING, "Create the file the profile or plan needs, at the path the message names."),
            Map.entry(LintCodes.FILE_AMBIGUOUS, "Keep one of the two files and delete the other."),
            Map.entry(LintCodes.FILE_UNREADABLE, "Make the file a readable regular file inside the workspace."),
            Map.entry(LintCodes.FILE_TOO_LARGE, "Split the file or remove what does not belong in a plan."),
            Map.entry(LintCodes.FILE_ENCODING, "Save the file as UTF-8."),
            Map.entry(LintCodes.YAML_SYNTAX, "Correct the YAML at the position shown (indentation, quotes, colons)."),
            Map.entry(LintCodes.YAML_DUPLICATE_KEY, "Keep one of the two keys."),
            Map.entry(LintCodes.YAML_ALIAS, "Write the value out instead of using an alias (&anchor / *alias)."),
            Map.entry(LintCodes.YAML_TOO_DEEP, "Flatten the structure."),
            Map.entry(LintCodes.YAML_VALUE_TOO_LONG, "Shorten the value (link to a document instead of pasting it), or raise planning.documents.maxValueLength."),
            Map.entry(LintCodes.FRONT_MATTER, "Open and close the YAML front matter with a line of three dashes (---)."),
            Map.entry(LintCodes.SCHEMA_REQUIRED, "Add the field the message names."),
            Map.entry(LintCodes.SCHEMA_TYPE, "Write the value with the type the schema expects."),
            Map.entry(LintCodes.SCHEMA_ENUM, "Use one of the values the message lists."),
            Map.entry(LintCodes.SCHEMA_UNKNOWN_FIELD, "Remove the field or correct its spelling."),
            Map.entry(LintCodes.SCHEMA_FORMAT, "Write dates as YYYY-MM-DD and times as ISO-8601."),
            Map.entry(LintCodes.SCHEMA_PATTERN, "Write the value in the form the message shows."),
            Map.entry(LintCodes.SCHEMA_INVALID, "Bring the value within the bounds the message names."),
            Map.entry(LintCodes.ID_DUPLICATE, "Give each item its own id."),
            Map.entry(LintCodes.PLACEHOLDER, "Replace the placeholder with the real value."),
            Map.entry(LintCodes.REF_DANGLING, "Name an id that exists in the file, or remove the reference."),
            Map.entry(LintCodes.REF_MALFORMED, "Write cross-stream references as stream:ID, e.g. be:PLN-BE-001."),
            Map.entry(LintCodes.REF_SELF, "Remove the reference to the item itself."),
            Map.entry(LintCodes.REF_PARENT_CYCLE, "Give the item at the top of the hierarchy no parent."),
            Map.entry(LintCodes.REF_PARENT_KIND, "Name an item of the same level or above as parent: an epic for an epic, an epic or a story for a story."),
            Map.entry(LintCodes.STORY_UNLINKED_NODE, "Link the task to a story id of the story map."),
            Map.entry(LintCodes.CYCLE_MISMATCH, "Make cycle_id match the cycle in the file name."),
            Map.entry(LintCodes.STREAM_MISMATCH, "Make stream match the planning-<stream> directory."),
            Map.entry(LintCodes.CONTRACT_SELF, "Name another stream as the contract's provider."),
            Map.entry(CrossStreamCodes.DANGLING, "Point the dependency at a task of the other stream or declare a contract."),
            Map.entry(CrossStreamCodes.CYCLE, "Remove one dependency of the cycle."),
            Map.entry(CrossStreamCodes.DEPTH, "Shorten the chain, or raise max_dependency_depth in the rulebook."),
            Map.entry(CrossStreamCodes.TIMELINE, "Plan the dependency before the task that needs it."),
            Map.entry(CrossStreamCodes.CAPACITY, "Move effort to another owner or cycle, or raise the capacity."),
            Map.entry(ParityCodes.STORY_WITHOUT_TASK, "Add a task that links to the story."),
            Map.entry(ParityCodes.TASK_WITHOUT_STORY, "Link the task to a story with linked_story_map_nodes."),
            Map.entry(ParityCodes.ORIGIN_UNVERIFIED,
                    "Write the origin planning improve wrote, or remove it and link the task to a story."),
            Map.entry(ParityCodes.COVERAGE_MISSING, "Import the coverage report the rulebook requires."),
            Map.entry(ParityCodes.COVERAGE_BELOW, "Add tests until coverage reaches the rulebook's minimum."),
            Map.entry(ParityCodes.COVERAGE_REGRESSION, "Add tests to win back the coverage lost since the previous cycle."),
            Map.entry("governance.waived", "Nothing now; fix the violation before the waiver expires."),
            Map.entry("governance.unused-waiver", "Remove the waiver from the decision log."),
            Map.entry("governance.waiver-expiring", "Fix the waived violation, or renew the waiver with its approver."),
            Map.entry(LintCodes.WAIVER_EXPIRING, "Fix the waived violation, or renew the waiver with its approver."),
            Map.entry(LintCodes.WAIVER_EXPIRED, "Fix the violation, or renew the waiver with its approver, or remove it."),
            Map.entry(LintCodes.WAIVER_UNKNOWN_ITEM, "Name a task or story id of the cycle, as suggested."));

    private RuleCatalog() {
    }

    /**
     * A paragraph on a finding code: its description and what it means for a transition.
     */
    public static String explain(String code) {
        if (code.startsWith("governance.") && !DESCRIPTIONS.containsKey(code)) {
            return describe(code) + " A critical violation blocks the transition (Critical=0) until it is fixed"
                    + " or waived in the decision log; others are warnings.";
        }
        return describe(code) + " An error blocks the transition whose gate reports it; a warning is shown and"
                + " does not block.";
    }

    /** How to fix a finding of the code, in one sentence. */
    public static String remedy(String code) {
        String known = REMEDIES.get(code);
        if (known != null) {
            return known;
        }
        if (code.startsWith("governance.")) {
            return "Supply what the rule asks for on the item named, or record a waiver in the decision log.";
        }
        return "Correct what the message names at the location shown, then run the check again.";
    }

    /** A one-line description of a finding code. */
    public static String describe(String code) {
        String known = DESCRIPTIONS.get(code);
        if (known != null) {
            return known;
        }
        if (code.startsWith("governance.")) {
            return "Governance: the rulebook's " + code.substring("governance.".length()) + " policy.";
        }
        return "Finding " + code + ".";
    }
}
