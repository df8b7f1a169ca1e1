package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.digest.DigestResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning digest}: writes {@code digests/{cycle}-digest.md} from the cycle's plan, event
 * log, imported outcomes, manifest and decision log, with KPIs compared to the previous cycles'
 * digests. The same inputs give the same bytes; an unchanged digest is not rewritten.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Publish the cycle digest (KPIs, gates, manifest, scope changes, decisions, improvement actions).")
final class DigestCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    TrustOption trust;

    @Mixin
    FormatOption format;

    @Option(names = "--template", paramLabel = "FILE",
            description = "A Mustache template for the digest body (default: the shipped one; see docs/digest.md).")
    Path template;

    @Spec
    CommandSpec spec;


    @Override
    public Integer call() {
        // With the trust file, as status opens it: the digest's State row says what status says of a
        // history past PACKAGED (without keys, that it cannot be checked).
        PlanningWorkspace ws = trust.apply(workspace.builder()).build();
        DigestResult result = template == null ? ws.digest(cycle.ref()) : ws.digest(cycle.ref(), template);
        long measured = result.summary().kpis().values().stream().filter(k -> k.measured()).count();
        DigestJson json = new DigestJson(result.path(), result.sha256(), result.written(), measured,
                result.summary().kpis().size(), result.summary().previousCycleId().orElse(null));
        Reports.print(spec.commandLine().getOut(), format.format, json, () ->
                (result.written() ? "wrote " : "unchanged ") + result.path() + " (" + measured + " of "
                        + result.summary().kpis().size() + " KPIs measured"
                        + result.summary().previousCycleId().map(p -> ", compared with " + p).orElse("") + ")\n");
        return ExitCodes.OK;
    }

    /** {@code digest --format json}; {@code previous_cycle_id} only when there is a previous cycle. */
    record DigestJson(String path, String sha256, boolean written, @JsonProperty("kpis_measured") long kpisMeasured,
            @JsonProperty("kpis_total") int kpisTotal,
            @JsonProperty("previous_cycle_id") @JsonInclude(JsonInclude.Include.NON_NULL) String previousCycleId) {
    }
}
