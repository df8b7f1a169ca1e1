package dev.planning.cli;

import dev.planning.api.lifecycle.ImproveResult;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cycle", result.cycle().toString());
        json.put("completed", result.completed());
        json.put("next", result.next().toString());
        json.put("plan", result.planPath());
        json.put("carried", result.carried());
        json.put("already_carried", result.alreadyCarried());
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
}
