package dev.planning.engine.internal.lint;

import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.ContractsReader;
import dev.planning.engine.internal.artifact.DecisionLogReader;
import dev.planning.engine.internal.artifact.ReadResult;
import dev.planning.engine.internal.artifact.StoryMapReader;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.MarkdownDocument;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lints the planning files of one cycle: the task breakdown (required), the story map, the
 * decision log and the contracts file (each when present). Each file is parsed, validated against its schema, and given
 * the semantic checks: unique ids, parents and local dependencies that resolve, well-formed
 * cross-stream references, task links to stories of the story map, story slices that exist, and a
 * {@code cycle_id}/{@code stream} that match the file's place. This is what the
 * {@code schema_lint} gate runs.
 *
 * <pre>{@code
 * CycleLint lint = new CycleLinter(WorkspaceLayout.DEFAULT).lint(workspace, new CycleRef("fe", "2025-09-02"));
 * lint.findings().forEach(f -> System.out.println(f.describe()));
 * }</pre>
 *
 * <p>Never throws for bad files: every problem is a finding. Thread-safe.
 */
public final class CycleLinter {

    private final WorkspaceLayout layout;
    private final TaskBreakdownReader taskReader;
    private final StoryMapReader storyMapReader;
    private final DecisionLogReader decisionLogReader;
    private final ContractsReader contractsReader;

    /** A linter using the shipped schemas. */
    public CycleLinter(WorkspaceLayout layout) {
        this(layout, SchemaCatalog.standard());
    }

    public CycleLinter(WorkspaceLayout layout, SchemaCatalog catalog) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.taskReader = new TaskBreakdownReader(catalog);
        this.storyMapReader = new StoryMapReader(catalog);
        this.decisionLogReader = new DecisionLogReader(catalog);
        this.contractsReader = new ContractsReader(catalog);
    }

    /** Lints one cycle of a workspace without a rulebook: schemas, ids and references only. */
    public CycleLint lint(Path workspace, CycleRef cycle) {
        return lint(workspace, cycle, LintRules.NONE);
    }

    /**
     * Lints one cycle of a workspace, judging also what the rulebook decides: tag values against
     * its taxonomy and waivers against its rule names.
     */
    public CycleLint lint(Path workspace, CycleRef cycle, LintRules rules) {
        Objects.requireNonNull(rules, "rules");
        List<Finding> findings = new ArrayList<>();
        List<String> checked = new ArrayList<>();

        String storyMapPath = layout.storyMap(cycle);
        Optional<Path> storyMapFile = existing(workspace, storyMapPath, findings);
        Optional<StoryMap> storyMap = Optional.empty();
        Optional<Set<String>> storyIds = Optional.empty();
        // The plan that needs the cycle's task breakdown: where a missing one is reported.
        Optional<SourceLocation> neededBy = Optional.empty();
        if (storyMapFile.isPresent()) {
            checked.add(storyMapPath);
            try {
                MarkdownDocument markdown = MarkdownDocuments.read(storyMapFile.get(), storyMapPath);
                neededBy = Optional.of(markdown.frontMatter().locateKey("/cycle_id"));
                storyMap = collect(storyMapReader.read(markdown), findings);
                storyIds = Optional.of(StoryMapChecks.check(markdown.frontMatter(), cycle, findings));
            } catch (DocumentException e) {
                findings.addAll(YamlDocuments.findings(e));
            }
        }

        Optional<TaskBreakdown> tasks = Optional.empty();
        Optional<String> tasksPath = taskBreakdownPath(workspace, cycle, findings);
        if (tasksPath.isPresent()) {
            checked.add(tasksPath.get());
            Optional<LocatedDocument> document = parseYaml(workspace, tasksPath.get(), findings);
            if (document.isPresent()) {
                tasks = collect(taskReader.read(document.get()), findings);
                TaskBreakdownChecks.check(document.get(), cycle, storyIds, storyMapPath, findings);
                TaxonomyChecks.check(document.get(), rules.taxonomy(), findings);
            }
        }

        List<Waiver> waivers = List.of();
        String decisionsPath = layout.decisionLog(cycle);
        if (existing(workspace, decisionsPath, findings).isPresent()) {
            checked.add(decisionsPath);
            Optional<LocatedDocument> document = parseYaml(workspace, decisionsPath, findings);
            if (document.isPresent() && neededBy.isEmpty()) {
                neededBy = Optional.of(document.get().locateKey("/cycle_id"));
            }
            if (document.isPresent()) {
                waivers = collect(decisionLogReader.read(document.get()), findings).orElse(List.of());
                DecisionLogChecks.check(document.get(), cycle, findings);
                rules.ruleNames().ifPresent(names -> WaiverChecks.check(document.get(), names, findings));
                itemIds(tasks, storyIds, findings).ifPresent(ids -> WaiverChecks.checkItems(document.get(), ids,
                        cycle.cycleId(), findings));
                List<Waiver> read = waivers;
                rules.today().ifPresent(today -> WaiverChecks.checkExpiring(document.get(), read, today,
                        rules.waiverHorizonDays(), findings));
            }
        }

        Optional<TaskBreakdown> finalTasks = tasks;
        Optional<Set<String>> finalStories = storyIds;
        String retroPath = layout.retrospective(cycle);
        if (existing(workspace, retroPath, findings).isPresent()) {
            checked.add(retroPath);
            parseYaml(workspace, retroPath, findings).ifPresent(document -> {
                collect(decisionLogReader.read(document), findings);
                DecisionLogChecks.check(document, cycle, findings);
                rules.ruleNames().ifPresent(names -> WaiverChecks.check(document, names, findings));
                itemIds(finalTasks, finalStories, findings).ifPresent(ids -> WaiverChecks.checkItems(document, ids,
                        cycle.cycleId(), findings));
            });
        }

        String contractsPath = layout.contracts(cycle);
        if (existing(workspace, contractsPath, findings).isPresent()) {
            checked.add(contractsPath);
            Optional<LocatedDocument> document = parseYaml(workspace, contractsPath, findings);
            if (document.isPresent()) {
                collect(contractsReader.read(document.get()), findings);
                ContractsChecks.check(document.get(), cycle, findings);
            }
        }

        if (tasksPath.isEmpty() && neededBy.isPresent()) {
            relocateMissing(layout.taskBreakdownCandidates(cycle).get(0), neededBy.get(), findings);
        }
        findings.sort(FindingOrder.READING);
        checked.sort(null);
        return new CycleLint(cycle, checked, findings, tasks, storyMap, waivers);
    }

    /**
     * Every workspace-relative path {@link #lint} may read for a cycle, present or not: the story
     * map, the task breakdown's accepted names, the decision log, the retrospective and the
     * contracts file. The lint
     * of a cycle depends on these files' existence and bytes and on nothing else, so callers may
     * reuse a result while they are unchanged.
     */
    public List<String> inputs(CycleRef cycle) {
        List<String> inputs = new ArrayList<>();
        inputs.add(layout.storyMap(cycle));
        inputs.addAll(layout.taskBreakdownCandidates(cycle));
        inputs.add(layout.decisionLog(cycle));
        inputs.add(layout.retrospective(cycle));
        inputs.add(layout.contracts(cycle));
        return List.copyOf(inputs);
    }

    /** The existing task breakdown, preferring the first accepted name; missing is an error. */
    private Optional<String> taskBreakdownPath(Path workspace, CycleRef cycle, List<Finding> findings) {
        List<String> candidates = layout.taskBreakdownCandidates(cycle);
        List<String> present = new ArrayList<>();
        for (String candidate : candidates) {
            int before = findings.size();
            existing(workspace, candidate, findings).ifPresent(file -> present.add(candidate));
            if (findings.size() > before) {
                return Optional.empty(); // cannot be examined (reported): neither missing nor the other name's
            }
        }
        if (present.isEmpty()) {
            findings.add(Finding.error(LintCodes.FILE_MISSING, "the cycle's task breakdown is missing: expected "
                    + String.join(" or ", candidates), SourceLocation.ofFile(candidates.get(0))));
            return Optional.empty();
        }
        if (present.size() > 1) {
            // An error, not a warning: the gates judge the first, and a reader may take the other for the
            // plan (a compliant copy under one name, the plan that breaks the policy under the other).
            findings.add(new Finding(LintCodes.FILE_AMBIGUOUS, Severity.ERROR, "both " + String.join(" and ", present)
                    + " exist; the gates would judge only " + present.get(0) + ", so keep one of them",
                    Optional.of(SourceLocation.ofFile(present.get(1))), Optional.empty()));
        }
        return Optional.of(present.get(0));
    }

    /**
     * Moves the finding that {@code missing} is missing to the plan that needs it (a code host
     * annotates only files it has), naming the missing path in its facts.
     */
    private static void relocateMissing(String missing, SourceLocation neededBy, List<Finding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            if (finding.code().equals(LintCodes.FILE_MISSING)
                    && finding.location().map(SourceLocation::file).filter(missing::equals).isPresent()) {
                Map<String, String> facts = new LinkedHashMap<>(finding.facts());
                facts.putIfAbsent("missing_file", missing);
                findings.set(i, new Finding(finding.code(), finding.severity(), finding.message(),
                        Optional.of(neededBy), finding.taskId(), facts, finding.hint()));
            }
        }
    }

    /** The file, when it exists; a path that escapes the workspace is reported, not followed. */
    private static Optional<Path> existing(Path workspace, String path, List<Finding> findings) {
        try {
            Path file = SafePaths.resolve(workspace, path);
            // A file that cannot be examined is reported unreadable, never taken for absent.
            return DirectoryEntries.attributes(workspace, file, "lint cannot check it").map(a -> file);
        } catch (SystemFailureException e) {
            throw e; // the system's, not a finding about the workspace (review34)
        } catch (PlanningException e) {
            findings.add(Finding.error(LintCodes.FILE_UNREADABLE, e.getMessage(), SourceLocation.ofFile(path)));
            return Optional.empty();
        }
    }

    private static Optional<LocatedDocument> parseYaml(Path workspace, String path, List<Finding> findings) {
        try {
            return Optional.of(YamlDocuments.read(SafePaths.resolve(workspace, path), path));
        } catch (DocumentException e) {
            findings.addAll(YamlDocuments.findings(e));
        } catch (InvalidInputException e) {
            findings.add(Finding.error(LintCodes.FILE_UNREADABLE, e.getMessage(), SourceLocation.ofFile(path)));
        }
        return Optional.empty();
    }

    private static <T> Optional<T> collect(ReadResult<T> result, List<Finding> findings) {
        findings.addAll(result.findings());
        return result.model();
    }

    /**
     * The ids a waiver may name: the plan's tasks and the story map's stories; empty without a plan
     * or when its ids are not unique (the duplicate's own error already names the id lost).
     */
    private static Optional<Set<String>> itemIds(Optional<TaskBreakdown> tasks, Optional<Set<String>> storyIds,
            List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.code().equals(LintCodes.ID_DUPLICATE))) {
            return Optional.empty();
        }
        return tasks.map(plan -> {
            Set<String> ids = new HashSet<>();
            plan.tasks().forEach(t -> ids.add(t.id()));
            storyIds.ifPresent(ids::addAll);
            return ids;
        });
    }
}
