package dev.planning.cli;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.store.EventStore;
import dev.planning.rules.impact.RulebookImpact;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code planning rules diff --base REV|DIR [--head DIR] [--fail-on new|weakens|none]}: every cycle of
 * the workspace evaluated under the base and the head rulebook; prints the settings that differ and
 * the violations the change adds and resolves, per cycle and rule, with both rulebook hashes. Exit 1
 * with {@code --fail-on new} when the change would block a cycle that passes today; with
 * {@code --fail-on weakens} also when it weakens a setting (a signing requirement, a profile's gates).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Preview a rulebook change: evaluate every cycle of the workspace under the base and the head"
                + " rulebook and print the new and resolved violations, per cycle and rule.",
            "--base is a directory when one exists at that path, else a git revision of the workspace's repository.",
            "Exit 1 with --fail-on new when the change would block a cycle that passes today; with --fail-on weakens"
                + " also when it weakens a setting (signing policy, a profile's gates, a threshold)."})
final class RulesDiffCommand implements Callable<Integer> {

    @Option(names = "--base", paramLabel = "REV|DIR", required = true,
            description = "The rulebook before the change: a directory, or a git revision (e.g. origin/main) whose"
                    + " copy of the head rulebook directory is read from git objects.")
    String base;

    @Option(names = "--head", paramLabel = "DIR",
            description = "The rulebook after the change (default: --rulebook, else <workspace>/rulebook).")
    Path head;

    @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "none", converter = FailOn.class,
            completionCandidates = FailOn.class,
            description = "new: exit 1 when the change would block a cycle that passes today; weakens: also when it"
                    + " weakens a setting (a signing requirement, a gate of a profile, a threshold); none (default).")
    String failOn;

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    FormatOption.WithMarkdown format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (base.isEmpty()) {
            // Path.of("") is the current directory: a job whose $BASE is unset, run in the head rulebook's directory,
            // compared the head with itself and passed --fail-on weakens whatever the change (attack41).
            throw new ParameterException(spec.commandLine(), "--base is empty: expected a rulebook directory or a git"
                    + " revision (an unset variable?); write . for the current directory");
        }
        Path headDir = head != null ? head : workspace.rulebook != null ? workspace.rulebook
                : workspace.workspace.resolve("rulebook");
        boolean directory = RulebookImpact.namesDirectory(base);
        // The previous cycles' logs are checked where the workspace keeps them: its configured store, else its files.
        EventStore logs = StoreSelection.open(workspace.store, workspace.workspace)
                .map(opened -> opened.store().eventStore()).orElse(null);
        RulebookImpact impact = directory
                ? RulebookImpact.compare(workspace.workspace, WorkspaceLayout.DEFAULT, logs, Path.of(base), headDir,
                        Clock.systemUTC())
                : RulebookImpact.compareWithRevision(workspace.workspace, WorkspaceLayout.DEFAULT, logs, base, headDir,
                        Clock.systemUTC());
        String shownBase = directory ? base : base + ":" + headDir;
        Reports.printJson(spec.commandLine().getOut(), format.format, () -> impact.json(shownBase, headDir.toString()),
                () -> ImpactReports.text(impact, shownBase, headDir.toString()), null, null,
                () -> impact.markdown(shownBase, headDir.toString()));
        boolean fails = switch (failOn) {
            case "new" -> impact.blocksNew();
            case "weakens" -> impact.blocksNew() || impact.weakens();
            default -> false;
        };
        return fails ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /**
     * {@code --fail-on}: {@code new}, {@code weakens} or {@code none}, refused otherwise as the command line is read;
     * also the option's values as picocli lists them (its completion candidates), so that what reads
     * the command line's model (the documents' check) knows them as it knows an enum's.
     */
    static final class FailOn implements ITypeConverter<String>, Iterable<String> {

        private static final List<String> VALUES = List.of("new", "weakens", "none");

        @Override
        public String convert(String value) {
            if (VALUES.contains(value)) {
                return value;
            }
            throw new TypeConversionException("expected new, weakens or none, not '" + value + "'");
        }

        @Override
        public Iterator<String> iterator() {
            return VALUES.iterator();
        }
    }
}
