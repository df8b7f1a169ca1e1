package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.report.CiReports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code planning advance}: run one transition's gates and record the attempt.
 *
 * <p>picocli's model of this command is built in code by {@link CommandModels}: an option added
 * here must be added there too ({@code CommandModelsTest} fails until it is).
 */
@Command(name = "advance", mixinStandardHelpOptions = true,
        description = "Run the gates of one transition and record it in the cycle's event log.")
final class AdvanceCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    FormatOption.Every format;

    @Mixin
    TrustOption trust;

    @Option(names = "--to", paramLabel = "STATE", required = true, converter = StateConverter.class,
            description = "Target state, e.g. READY_FOR_HANDOFF.")
    CycleState to;

    @Option(names = "--allow-dirty", description = "With --to PACKAGED: seal even when artifacts have uncommitted"
            + " changes (or no git repository); the manifest records dirty: true.")
    boolean allowDirty;

    @Option(names = "--summary-key", paramLabel = "FILE", description = "With --to VALIDATED: once the move is"
            + " accepted, write the cycle's verification summaries (in-toto Test Result, SLSA VSA) signed with this"
            + " PEM key, as `attest --summaries` does; repeat for several signatures.")
    List<Path> summaryKeys = List.of();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!summaryKeys.isEmpty() && to != CycleState.VALIDATED) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--summary-key goes with --to VALIDATED");
        }
        PlanningWorkspace ws = workspace.compiled(trust.apply(workspace.builder()).build());
        CycleRef ref = cycle.existing(ws);
        // Read before anything is recorded: a key that cannot be read refuses the whole command.
        List<Signer> summarySigners = summaryKeys.stream().map(key -> AttestCommand.signer(key, ws.root())).toList();
        if (!summarySigners.isEmpty()) {
            TrustedKeys keys = trust.require(ws.root(), "write verification summaries");
            for (int i = 0; i < summarySigners.size(); i++) {
                if (keys.withKeyId(summarySigners.get(i).keyId()).isEmpty()) {
                    throw new InvalidInputException("--summary-key " + summaryKeys.get(i) + " is not a key of "
                            + keys.source() + ": summaries it signed would not verify; nothing was recorded");
                }
            }
        }
        workspace.buildAhead(ws, ref.stream(), to);
        CycleStatus status = to == CycleState.PACKAGED ? ws.status(ref) : null;
        if (status != null && interruptedSeal(status)) {
            return completeSeal(ws, ref);
        }
        Optional<SealResult> seal = status != null && status.state() == CycleState.READY_FOR_HANDOFF
                ? Optional.of(ws.seal(ref, SealOptions.defaults().withAllowDirty(allowDirty))) : Optional.empty();
        TransitionResult result = seal.flatMap(SealResult::transition).orElseGet(() -> ws.advance(ref, to));
        Map<String, String> evidence = result.evidence();
        Optional<VerificationSummaries> summaries = result.accepted() && !summarySigners.isEmpty()
                ? Optional.of(ws.summarize(ref, summarySigners)) : Optional.empty();
        Reports.printJson(spec.commandLine().getOut(), format.format,
                () -> CiReports.transitionJson(result, seal.flatMap(SealResult::manifestPath), summaries),
                () -> Reports.transitionText(result, evidence) + seal.map(AdvanceCommand::sealed).orElse("")
                        + summaries.map(w -> AttestCommand.describe(w, ws.rulebook().hash())).orElse(""),
                () -> CiReports.gatesJunit(ref, result.transition().key(), result.gateResults()),
                () -> CiReports.gatesSarif(ref, to.name(), result.gateResults(), ws.root(), Path.of("")),
                () -> CiReports.transitionMarkdown(result));
        return result.accepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * Whether the cycle was moved to {@code PACKAGED} but its seal never recorded (the process stopped, or a
     * write failed, before {@code MANIFEST_SEALED}): {@code advance --to PACKAGED} again completes it, as
     * {@code seal} does, rather than refusing a move to the state the cycle is in.
     */
    private static boolean interruptedSeal(CycleStatus status) {
        return status.state() == CycleState.PACKAGED
                && status.history().stream().noneMatch(e -> e.event().type() == EventType.MANIFEST_SEALED);
    }

    /** Completes an interrupted seal; text and JSON only (there is no transition to report in CI formats). */
    private int completeSeal(PlanningWorkspace ws, CycleRef ref) {
        if (format.format != OutputFormat.text && format.format != OutputFormat.json) {
            throw new InvalidInputException("--format " + format.format + " is not available when advance completes"
                    + " an interrupted seal of " + ref + " (moved to PACKAGED, its seal not recorded); use text or"
                    + " json, or run `planning seal`. Nothing was recorded");
        }
        SealResult result = ws.seal(ref, SealOptions.defaults().withAllowDirty(allowDirty));
        SealReports.print(spec.commandLine().getOut(), format.format, () -> CiReports.sealJson(result),
                () -> ref + ": PACKAGED already; its seal had not been recorded and is completed now\n"
                        + SealReports.sealText(result));
        return result.sealed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The manifest the handoff wrote, so the user knows what to sign next. */
    private static String sealed(SealResult seal) {
        return seal.manifest().map(m -> "sealed " + seal.manifestPath().orElseThrow() + " (manifest_id "
                + m.manifestId() + ", snapshot_rev " + m.snapshotRev() + (m.dirty() ? ", dirty" : "") + ")\n")
                .orElse("");
    }
}
