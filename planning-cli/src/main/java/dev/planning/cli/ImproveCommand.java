package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.lifecycle.ImproveResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning improve}: completes a cycle in {@code IMPROVE} and opens the next one in
 * {@code PLANNED}, carrying the digest's improvement actions into its task breakdown.
 */
@Command(name = "improve", mixinStandardHelpOptions = true,
        description = "Complete a cycle in IMPROVE and open the next one with its improvement actions as tasks.")
final class ImproveCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    FormatOption format;

    @Mixin
    TrustOption trust;

    @Option(names = "--next", paramLabel = "C", required = true, description = "The next cycle's id, e.g. 2025-09-16.")
    String next;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImproveResult result = trust.apply(workspace.builder()).build().improve(cycle.ref(), next);
        ImproveJson json = new ImproveJson(result.cycle().toString(), result.completed(), result.next().toString(),
                result.planPath(), result.carried(), result.alreadyCarried());
        Reports.print(spec.commandLine().getOut(), format.format, json, () -> text(result));
        return result.completed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String text(ImproveResult result) {
        if (!result.completed()) {
            return "refused: " + result.cycle() + " stays in IMPROVE (gates failed: "
                    + result.completion().map(c -> c.failedGates().stream().map(g -> g.gate()).toList().toString())
                            .orElse("[]") + ")\n";
        }
        return result.cycle() + " is COMPLETED; opened " + result.next() + " in PLANNED\n"
                + "carried " + result.carried().size() + " improvement action(s) into " + result.planPath()
                + (result.alreadyCarried().isEmpty() ? "" : " (" + result.alreadyCarried().size() + " already there)")
                + "\n";
    }

    /** {@code improve --format json}. */
    record ImproveJson(String cycle, boolean completed, String next, String plan, List<String> carried,
            @JsonProperty("already_carried") List<String> alreadyCarried) {
    }
}
