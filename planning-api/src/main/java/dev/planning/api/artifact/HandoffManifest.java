package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The sealed record of a handoff ({@code handoff_manifest.yaml}): what was handed off (every
 * artifact's SHA-256 and size), at which revision, judged by which rulebook, with which gate
 * results and governance summary, approved by which roles.
 *
 * @param version         the manifest schema version
 * @param manifestId      unique id of this manifest
 * @param cycleId         the cycle
 * @param stream          the stream
 * @param sealed          always {@code true} for a written manifest
 * @param createdAt       when it was built
 * @param createdBy       who built it
 * @param sealedAt        when it was sealed
 * @param snapshotRev     the git revision of the workspace
 * @param dirty           whether sealing was allowed over uncommitted changes
 * @param rulebookHash    SHA-256 of the rulebook that judged it
 * @param eventLogHead    the hash of the cycle's last event when it was sealed (the event before
 *                        {@code MANIFEST_SEALED}), so that signatures cover the history up to the seal;
 *                        empty only in manifests written before format 1.1, which verify refuses
 * @param artifacts       the sealed files
 * @param gateResults     gate name to outcome
 * @param governance      the governance summary
 * @param priorManifestId the manifest this one replaces
 * @param notes           free text
 * @param signatures      role signatures, in the order they were added
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record HandoffManifest(
        String version,
        String manifestId,
        String cycleId,
        String stream,
        boolean sealed,
        Instant createdAt,
        String createdBy,
        Instant sealedAt,
        String snapshotRev,
        boolean dirty,
        String rulebookHash,
        Optional<String> eventLogHead,
        List<ArtifactChecksum> artifacts,
        Map<String, GateOutcome> gateResults,
        GovernanceSummary governance,
        Optional<String> priorManifestId,
        Optional<String> notes,
        List<ManifestSignature> signatures) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param version the manifest schema version
     * @param manifestId unique id of this manifest
     * @param cycleId the cycle
     * @param stream the stream
     * @param sealed always {@code true} for a written manifest
     * @param createdAt when it was built
     * @param createdBy who built it
     * @param sealedAt when it was sealed
     * @param snapshotRev the git revision of the workspace
     * @param dirty whether sealing was allowed over uncommitted changes
     * @param rulebookHash SHA-256 of the rulebook that judged it
     * @param eventLogHead the hash of the cycle's last event when it was sealed (the event before {@code
     *                     MANIFEST_SEALED}), so that signatures cover the history up to the seal; empty only
     *                     in manifests written before format 1.1, which verify refuses
     * @param artifacts the sealed files
     * @param gateResults gate name to outcome
     * @param governance the governance summary
     * @param priorManifestId the manifest this one replaces
     * @param notes free text
     * @param signatures role signatures, in the order they were added
     */
    public HandoffManifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manifestId, "manifestId");
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(sealedAt, "sealedAt");
        Objects.requireNonNull(snapshotRev, "snapshotRev");
        Objects.requireNonNull(rulebookHash, "rulebookHash");
        Objects.requireNonNull(eventLogHead, "eventLogHead");
        artifacts = List.copyOf(artifacts);
        gateResults = Collections.unmodifiableMap(new LinkedHashMap<>(gateResults));
        Objects.requireNonNull(governance, "governance");
        Objects.requireNonNull(priorManifestId, "priorManifestId");
        Objects.requireNonNull(notes, "notes");
        signatures = List.copyOf(signatures);
    }
}
