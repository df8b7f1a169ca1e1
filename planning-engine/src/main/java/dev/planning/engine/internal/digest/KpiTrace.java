package dev.planning.engine.internal.digest;

import dev.planning.api.PlanningException;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.metrics.KpiInput;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which files a KPI was computed from, each cited as its workspace-relative path and the first 8
 * hex digits of its SHA-256 ({@code path@1a2b3c4d}), so an auditor goes from a figure to its
 * source in one step. The event log grows after the digest is published, so it is cited by the
 * id of the latest event read instead ({@code path#evt_...}).
 */
final class KpiTrace {

    /** What cannot be done without a file cited, for the message of one that cannot be read. */
    private static final String CITED = "the digest cites it, with its hash, as a source of a KPI";

    private final Path root;
    private final String plan;
    private final Optional<String> contracts;
    private final String eventLog;
    private final String lastEventId;
    private final Optional<String> manifest;
    private final OutcomeSet outcomes;
    private final Optional<String> previousDigest;

    KpiTrace(Path root, String plan, Optional<String> contracts, String eventLog, String lastEventId,
            Optional<String> manifest, OutcomeSet outcomes, Optional<String> previousDigest) {
        this.root = root;
        this.plan = plan;
        this.contracts = contracts;
        this.eventLog = eventLog;
        this.lastEventId = lastEventId;
        this.manifest = manifest;
        this.outcomes = outcomes;
        this.previousDigest = previousDigest;
    }

    /** The files the named inputs come from, cited, in input order, without repeats. */
    List<String> files(List<String> inputs) {
        Set<String> files = new LinkedHashSet<>();
        for (String input : inputs) {
            if (input.startsWith(KpiInputCatalog.PREVIOUS)) {
                previousDigest.ifPresent(path -> files.add(hashed(path)));
                continue;
            }
            String source = KpiInputCatalog.find(input).map(KpiInput::source).orElse("");
            switch (source) {
                case "plan" -> {
                    files.add(hashed(plan));
                    if (input.startsWith("cross_stream_")) {
                        contracts.ifPresent(path -> files.add(hashed(path)));
                    }
                }
                case "events" -> files.add(eventLog + "#" + lastEventId);
                case "manifest" -> manifest.ifPresent(path -> files.add(hashed(path)));
                case "outcomes" -> outcomeFiles(input).forEach(path -> files.add(hashed(path)));
                default -> {
                    // an input of no file source (none today)
                }
            }
        }
        return List.copyOf(files);
    }

    private List<String> outcomeFiles(String input) {
        List<OutcomeSet.Stored<?>> stored = new ArrayList<>();
        if (input.startsWith("tests_")) {
            stored.addAll(outcomes.tests());
        } else if (input.startsWith("coverage_")) {
            return outcomes.coverage().reports().stream().map(e -> e.report().source()).toList();
        } else if (input.startsWith("a11y_")) {
            stored.addAll(outcomes.accessibility());
        } else {
            stored.addAll(outcomes.deployments());
        }
        return stored.stream().map(OutcomeSet.Stored::path).toList();
    }

    /**
     * {@code path} cited with its hash. A file that cannot be read is refused naming it, as every read of the workspace
     * is judged ({@link DirectoryEntries}): the user's to fix (a permission, a file gone or a directory in its place
     * since it was read), exit 2; the system's (the disk answering an I/O error), exit 3. fail36: any was an
     * {@code UncheckedIOException}, an internal error (exit 3, "report a bug") saying only "cannot read".
     */
    private String hashed(String path) {
        Path file = root.resolve(path);
        String sha256;
        try {
            // Read in blocks: a file anyone who commits writes may be of any size.
            sha256 = Sha256.file(file).sha256();
        } catch (PlanningException e) {
            // Named as the workspace names it, the user's or the system's as the hash judged it.
            if (e.getCause() instanceof IOException failed) {
                throw DirectoryEntries.cannotRead(file, path, CITED, failed);
            }
            throw e;
        }
        return path + "@" + sha256.substring(0, 8);
    }
}
