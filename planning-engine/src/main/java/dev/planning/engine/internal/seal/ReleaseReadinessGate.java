package dev.planning.engine.internal.seal;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code release_readiness}: the handoff may be executed only as it was sealed and approved. The
 * gate verifies the cycle's manifest as {@code planning verify} does (checksums unchanged,
 * rulebook hash, the manifest against its {@code MANIFEST_SEALED} event, the sealed verdicts
 * recomputed, signatures against the trusted keys, the rulebook's signing policy, prior chain,
 * snapshot revision) and fails with one finding per discrepancy, code
 * {@code seal.<kind>} (e.g. {@code seal.artifact_changed}, {@code seal.threshold_not_met}).
 * A changed sealed artifact's finding says to open a new cycle.
 *
 * <p>Stateless: the manifest, the trusted keys and the verification come from the context
 * ({@link GateContext#verifyManifest()}), so the gate is registered with {@link java.util.ServiceLoader}
 * like the other built-ins. The default rulebook runs it at {@code PACKAGED -> EXECUTED}.
 */
public final class ReleaseReadinessGate implements Gate {

    /** The gate's name in profiles. */
    public static final String NAME = "release_readiness";

    /** The gate; what it verifies comes with each context. */
    public ReleaseReadinessGate() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the sealed manifest verifies: checksums unchanged, rulebook hash, seal event, recomputed verdicts,"
                + " trusted signatures meeting the signing policy";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        VerificationReport report = context.verifyManifest();
        List<Finding> findings = report.discrepancies().stream().map(d -> finding(d, report)).toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("manifest", report.manifest());
        report.manifestId().ifPresent(id -> evidence.put("manifest_id", id));
        evidence.put("artifacts_checked", report.artifactsChecked());
        evidence.put("signatures_counted", report.countedSignatures().stream()
                .map(s -> s.role() + ":" + s.keyId()).toList());
        evidence.put("chain", report.chain());
        evidence.put("discrepancies", report.discrepancies().stream().map(Discrepancy::describe).toList());
        evidence.put("ignored_signatures", report.ignoredSignatures().stream().map(Discrepancy::describe).toList());
        return GateResult.of(NAME, findings, evidence);
    }

    private static Finding finding(Discrepancy discrepancy, VerificationReport report) {
        String file = discrepancy.file().replaceAll(" signatures\\[\\d+]$", "");
        // The finding is located at the file and coded by kind, so its message repeats neither.
        String message = discrepancy.message() + (discrepancy.expected().isPresent() || discrepancy.actual().isPresent()
                ? " (expected " + discrepancy.expected().orElse("-") + ", actual " + discrepancy.actual().orElse("-") + ")"
                : "");
        if (discrepancy.kind() == DiscrepancyKind.ARTIFACT_CHANGED || discrepancy.kind() == DiscrepancyKind.ARTIFACT_MISSING) {
            message += "; sealed artifacts are immutable: open a new cycle whose manifest names "
                    + report.manifestId().orElse("this manifest") + " as prior_manifest_id";
        }
        return new Finding("seal." + discrepancy.kind().name().toLowerCase(Locale.ROOT), Severity.ERROR,
                message, Optional.of(SourceLocation.ofFile(file)), Optional.empty());
    }
}
