package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.gate.GateStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The machine-readable part of a cycle digest (its front matter): enough for the next cycle to
 * compute deltas and trends.
 *
 * @param version          the digest schema version
 * @param cycleId          the cycle
 * @param stream           the stream
 * @param generatedAt      when it was generated
 * @param snapshotRev      the sealed revision, when sealed
 * @param rulebookHash     the rulebook's hash
 * @param manifestChecksum SHA-256 of the handoff manifest file, when sealed
 * @param kpis             every KPI, measured or not, by name
 * @param gates            the last outcome of each gate
 * @param improvementActions actions carried to the next cycle
 * @param previousCycleId  the cycle deltas were computed against, when there was one
 * @param inputs           every measured KPI input by name, so each KPI can be recomputed; an
 *                         input that was not measured is absent, never 0
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record DigestSummary(
        String version,
        String cycleId,
        String stream,
        Instant generatedAt,
        Optional<String> snapshotRev,
        String rulebookHash,
        Optional<String> manifestChecksum,
        Map<String, KpiValue> kpis,
        Map<String, GateStatus> gates,
        List<ImprovementAction> improvementActions,
        Optional<String> previousCycleId,
        Map<String, Double> inputs) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param version the digest schema version
     * @param cycleId the cycle
     * @param stream the stream
     * @param generatedAt when it was generated
     * @param snapshotRev the sealed revision, when sealed
     * @param rulebookHash the rulebook's hash
     * @param manifestChecksum SHA-256 of the handoff manifest file, when sealed
     * @param kpis every KPI, measured or not, by name
     * @param gates the last outcome of each gate
     * @param improvementActions actions carried to the next cycle
     * @param previousCycleId the cycle deltas were computed against, when there was one
     * @param inputs every measured KPI input by name, so each KPI can be recomputed; an input that was not
     *               measured is absent, never 0
     */
    public DigestSummary {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(snapshotRev, "snapshotRev");
        Objects.requireNonNull(rulebookHash, "rulebookHash");
        Objects.requireNonNull(manifestChecksum, "manifestChecksum");
        kpis = Collections.unmodifiableMap(new LinkedHashMap<>(kpis));
        gates = Collections.unmodifiableMap(new LinkedHashMap<>(gates));
        improvementActions = List.copyOf(improvementActions);
        Objects.requireNonNull(previousCycleId, "previousCycleId");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
