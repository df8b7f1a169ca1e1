package dev.planning.engine.internal.gate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.FileFingerprint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code schema_lint} results by cycle, reused while every file the linter may read is unchanged.
 *
 * <p>Linting a large plan (YAML parsing, JSON Schema validation, id and reference checks) costs
 * far more than reading its bytes: on 10,000 tasks it was most of a warm READY_FOR_HANDOFF dry
 * run. The inputs' {@link FileFingerprint} is taken on every request, so that an edit (or a file
 * appearing or disappearing) is seen at once. When a file cannot be fingerprinted (unsafe path,
 * unreadable, over the size limit) the lint runs uncached and reports it as usual. Keeps about {@value #MAX_CYCLES} cycles (a Caffeine cache).
 * Thread-safe.
 */
final class LintResultCache {

    /** How many cycles' results are kept (results are small: findings and counts). */
    static final int MAX_CYCLES = 256;

    private final Cache<Key, Entry> results = Caffeine.newBuilder().maximumSize(MAX_CYCLES).build();

    /** The cached result for the cycle when its inputs and the rulebook are unchanged, else {@code lint}'s, remembered. */
    GateResult get(Path workspace, CycleRef cycle, String rulebookHash, List<String> inputs, Supplier<GateResult> lint) {
        Optional<byte[]> fingerprint = FileFingerprint.of(workspace, inputs);
        if (fingerprint.isEmpty()) {
            return lint.get();
        }
        Key key = new Key(workspace.toAbsolutePath().normalize(), cycle, rulebookHash);
        Entry known = results.getIfPresent(key);
        if (known != null && Arrays.equals(known.fingerprint(), fingerprint.get())) {
            return known.result();
        }
        GateResult result = lint.get();
        results.put(key, new Entry(fingerprint.get(), result));
        return result;
    }

    private record Key(Path workspace, CycleRef cycle, String rulebookHash) {
    }

    private record Entry(byte[] fingerprint, GateResult result) {
    }
}
