package dev.planning.engine.internal.cycle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.FileFingerprint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lint reports by cycle, reused while every file the linter may read is byte for byte the same and
 * the rulebook has the same hash: what {@link dev.planning.api.gate.GateContext#lint()} answers from,
 * so that the {@code schema_lint} gate keeps no state of its own.
 *
 * <p>Linting a large plan (YAML parsing, JSON Schema validation, id and reference checks) costs
 * far more than reading its bytes: on 10,000 tasks it was most of a warm READY_FOR_HANDOFF dry
 * run. The inputs' {@link FileFingerprint} (their paths, existence and SHA-256) is taken on every
 * request, so that an edit (or a file appearing or disappearing) is seen at once. When a file cannot
 * be fingerprinted (unsafe path, unreadable, over the size limit) the lint runs uncached and reports
 * it as usual. Keeps about {@value #MAX_CYCLES} cycles (a Caffeine cache). Thread-safe.
 */
final class LintMemo {

    /** How many cycles' reports are kept (reports are small: paths and findings). */
    static final int MAX_CYCLES = 256;

    private final Cache<Key, Entry> reports = Caffeine.newBuilder().maximumSize(MAX_CYCLES).build();

    /** The kept report for the cycle when its inputs and the rulebook are unchanged, else {@code lint}'s, kept. */
    LintReport get(Path workspace, CycleRef cycle, String rulebookHash, List<String> inputs, Supplier<LintReport> lint) {
        Optional<byte[]> fingerprint = FileFingerprint.of(workspace, inputs);
        if (fingerprint.isEmpty()) {
            return lint.get();
        }
        Key key = new Key(cycle, rulebookHash);
        Entry known = reports.getIfPresent(key);
        if (known != null && Arrays.equals(known.fingerprint(), fingerprint.get())) {
            return known.report();
        }
        LintReport report = lint.get();
        reports.put(key, new Entry(fingerprint.get(), report));
        return report;
    }

    private record Key(CycleRef cycle, String rulebookHash) {
    }

    private record Entry(byte[] fingerprint, LintReport report) {
    }
}
