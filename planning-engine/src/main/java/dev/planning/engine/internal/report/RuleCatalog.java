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
            Map.entry(LintCodes.FRONT_MATTER, "A Markdown file whose YAML front matter is missing or not closed."),
            Map.entry(LintCodes.SCHEMA_REQUIRED, "A required field is missing."),
            Map.entry(LintCodes.SCHEMA_TYPE, "A value has the wrong type."),
            Map.entry(LintCodes.SCHEMA_ENUM, "A value outside its allowed set."),
            Map.entry(LintCodes.SCHEMA_UNKNOWN_FIELD, "A field the schema does not define."),
            Map.entry(LintCodes.SCHEMA_FORMAT, "A date or time in the wrong format."),
            Map.entry(LintCodes.SCHEMA_PATTERN, "A string that does not match its pattern."),
            Map.entry(LintCodes.SCHEMA_INVALID, "A value outside its allowed length, range or count."),
            Map.entry(LintCodes.ID_DUPLICATE, "An id used more than once where ids must be unique."),
            Map.entry(LintCodes.PLACEHOLDER, "A placeholder written by planning init that was never edited."),
            Map.entry(LintCodes.REF_DANGLING, "A parent, dependency or slice that names nothing in the file."),
            Map.entry(LintCodes.REF_MALFORMED, "A cross-stream reference that is not of the form stream:ID."),
            Map.entry(LintCodes.REF_SELF, "A task that names itself as parent or dependency."),
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
            Map.entry(ParityCodes.TARGET_MISSING, "A coverage target the rulebook requires is not planned."),
            Map.entry(ParityCodes.TARGET_INVALID, "A planned coverage target below the rulebook's minimum."),
            Map.entry(ParityCodes.DELIVERED_RATIO, "Fewer planned items delivered than delivered_ratio_min."),
            Map.entry(ParityCodes.SCOPE_VARIANCE, "More planned items dropped than scope_variance_max_pct."),
            Map.entry(ParityCodes.STORY_NOT_DELIVERED, "A story none of whose items was delivered."),
            Map.entry(ParityCodes.COVERAGE_MISSING, "No coverage report of a kind the rulebook requires."),
            Map.entry(ParityCodes.COVERAGE_BELOW, "Measured coverage below the rulebook's minimum."),
            Map.entry(ParityCodes.COVERAGE_REGRESSION, "Coverage fell against the previous cycle."),
            Map.entry(ParityCodes.COVERAGE_UNREADABLE, "A coverage report that cannot be read."),
            Map.entry("gate.error", "A gate could not run on its input."),
            Map.entry("gate.crashed", "A gate failed unexpectedly."));

    private RuleCatalog() {
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
