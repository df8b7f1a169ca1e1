package dev.planning.engine.internal.evidence;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.internal.hash.JudgedReads;
import dev.planning.engine.internal.outcome.JudgedOutcomeFiles;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes gate evidence to {@code evidence/{cycle}/} of the cycle's stream, one file per gate run,
 * named {@code <UTC time>-<FROM>-<TO>-<gate>.json} (for example
 * {@code 20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-schema_lint.json}). A file is created
 * atomically and never replaced: when the name is taken (two runs in the same millisecond), a
 * counter is added ({@code ...-schema_lint-2.json}). Thread- and process-safe.
 */
public final class FileEvidenceWriter implements EvidenceWriter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 1000;

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final EvidenceInputs inputs;

    public FileEvidenceWriter(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.inputs = new EvidenceInputs(workspace, layout);
    }

    @Override
    public Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash) {
        return write(cycle, transition, result, at, rulebookHash, Optional.empty());
    }

    /**
     * As {@link #write(CycleRef, Transition, GateResult, Instant, String)}; after execution, the
     * outcome files the evidence records are those the context read, with the SHA-256 of the bytes
     * the gate was given ({@link JudgedOutcomeFiles}), when the context can tell.
     */
    @Override
    public Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash, GateContext judged) {
        Optional<Map<String, String>> outcomes = judged instanceof JudgedOutcomeFiles files
                ? files.judgedOutcomeDigests() : Optional.empty();
        Optional<JudgedReads> reads = judged instanceof JudgedReads.Source source
                ? Optional.of(source.judgedReads()) : Optional.empty();
        return write(cycle, transition, result, at, rulebookHash, outcomes, reads);
    }

    private Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash, Optional<Map<String, String>> judgedOutcomes) {
        return write(cycle, transition, result, at, rulebookHash, judgedOutcomes, Optional.empty());
    }

    private Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash, Optional<Map<String, String>> judgedOutcomes, Optional<JudgedReads> reads) {
        Map<String, String> digests = inputs.digests(cycle, result.gate(),
                transition.to().compareTo(dev.planning.api.lifecycle.CycleState.EXECUTED) >= 0, judgedOutcomes);
        // The sealing step has its own guard over the same inputs (Sealer.requireJudged, reliab20): it refuses
        // the manifest with SEALED_ARTIFACT_CHANGED and leaves an interrupted seal that `seal` completes.
        if (transition.to() != dev.planning.api.lifecycle.CycleState.PACKAGED) {
            reads.ifPresent(judged -> requireJudged(cycle, transition, result.gate(), digests, judged));
        }
        byte[] content = EvidenceJson.bytes(EvidenceJson.of(cycle, transition, result, at, rulebookHash, digests));
        String base = layout.evidenceDir(cycle) + "/" + STAMP.format(at) + "-" + transition.from() + "-"
                + transition.to() + "-" + fileSafe(result.gate());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String relative = base + (attempt == 1 ? "" : "-" + attempt) + ".json";
            Path file = SafePaths.resolve(workspace, relative);
            if (Files.exists(file)) {
                continue;
            }
            try {
                AtomicFiles.writeNew(file, content);
                return Optional.of(relative);
            } catch (InvalidInputException raced) {
                if (!Files.exists(file)) {
                    throw raced;
                }
                // Another writer took the name between the check and the link: try the next one.
            }
        }
        throw new IllegalStateException("no free evidence file name after " + MAX_ATTEMPTS + " attempts: " + base);
    }

    /**
     * Refuses evidence that would record a digest of bytes the gates did not judge (reliab21): an input
     * the gates read as other bytes than the ones hashed now, or read twice as different bytes, changed
     * while the gates ran (an edit, a {@code git checkout}). The digests are those of the evidence's own
     * pass over the inputs, compared with the gates' reads in memory: no file is read again for it.
     * Nothing is recorded; the attempt is run again on the files as they are then.
     */
    private void requireJudged(CycleRef cycle, Transition transition, String gate, Map<String, String> digests,
            JudgedReads judged) {
        List<String> changed = digests.entrySet().stream()
                .filter(input -> !judged.judged(SafePaths.resolve(workspace, input.getKey()), input.getValue())
                        .orElse(true))
                .map(Map.Entry::getKey).sorted().toList();
        if (!changed.isEmpty()) {
            throw new ConcurrentTransitionException("cycle " + cycle + ": " + changed.stream().map(Shown::path)
                    .collect(Collectors.joining(", ")) + " changed while the gates of " + transition.from() + " -> "
                    + transition.to() + " ran (an edit or a git checkout during the command): the " + gate
                    + " evidence would record bytes no gate judged, so the attempt is not recorded. Run it again"
                    + " once the files hold the plan to judge");
        }
    }

    /** Gate names are {@code [a-z][a-z0-9_]*} by contract; anything else is not trusted in a file name. */
    private static String fileSafe(String gate) {
        return gate.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
