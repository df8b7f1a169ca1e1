package dev.planning.engine.internal.digest;

import dev.planning.engine.internal.metrics.KpiInput;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private String hashed(String path) {
        // Read in blocks: a file anyone who commits writes may be of any size.
        return path + "@" + ManifestExcerpt.streamedSha256(root.resolve(path))
                .orElseThrow(() -> new UncheckedIOException(new IOException("cannot read " + Shown.path(path) + " to cite it")))
                .substring(0, 8);
    }
}
