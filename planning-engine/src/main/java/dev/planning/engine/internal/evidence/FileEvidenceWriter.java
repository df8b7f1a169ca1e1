package dev.planning.engine.internal.evidence;

import dev.planning.api.InvalidInputException;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.internal.outcome.JudgedOutcomeFiles;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.api.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
        return write(cycle, transition, result, at, rulebookHash, outcomes);
    }

    private Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash, Optional<Map<String, String>> judgedOutcomes) {
        byte[] content = EvidenceJson.bytes(EvidenceJson.of(cycle, transition, result, at, rulebookHash,
                inputs.digests(cycle, result.gate(),
                        transition.to().compareTo(dev.planning.api.lifecycle.CycleState.EXECUTED) >= 0,
                        judgedOutcomes)));
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

    /** Gate names are {@code [a-z][a-z0-9_]*} by contract; anything else is not trusted in a file name. */
    private static String fileSafe(String gate) {
        return gate.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
