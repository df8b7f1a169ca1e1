package dev.planning.rules.internal.drools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.PlanningException;
import dev.planning.api.governance.GovernanceInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SHA-256 digests of the inputs a decision judged, so an auditor can tell later whether a plan
 * changed since. The canonical rendering is compact JSON of the API records with properties and
 * map keys sorted, absent values as {@code null} and dates in ISO-8601: the bytes the engine's
 * {@code JsonMappers.canonicalJson()} writes, written by {@link CanonicalInputs} without the mapper.
 *
 * <p>Public so that other governance engines (such as the plain-Java peer in the benchmarks)
 * record the same digests as the Drools engine.
 *
 * @since 0.1
 */
public final class InputDigests {

    /**
     * Digests of the inputs most recently digested, by identity. The engine hands out one immutable
     * plan object per plan while its file is unchanged, and serializing a large plan to digest it
     * was a quarter of a warm governance gate run at 10,000 tasks; an equal plan read afresh is
     * simply digested again. Keys are weak and compared by identity (Caffeine's {@code weakKeys()}),
     * so an old plan is not kept alive.
     * Only plans and story maps are remembered: waivers are few and arrive in a new list each time.
     */
    private static final int RECENT_MAX = 512;
    private static final Cache<Object, String> RECENT = Caffeine.newBuilder().weakKeys().maximumSize(RECENT_MAX).build();

    private InputDigests() {
    }

    /** {@code tasks}, {@code story_map} (when present) and {@code waivers} to lower-case hex SHA-256. */
    public static Map<String, String> of(GovernanceInput input) {
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put("tasks", remembered(input.tasks(), () -> CanonicalInputs.of(input.tasks())));
        input.storyMap().ifPresent(map -> digests.put("story_map", remembered(map, () -> CanonicalInputs.of(map))));
        digests.put("waivers", sha256(CanonicalInputs.ofWaivers(input.waivers())));
        return digests;
    }

    private static String remembered(Object value, Supplier<String> canonical) {
        String known = RECENT.getIfPresent(value);
        if (known != null) {
            return known;
        }
        String digest = sha256(canonical.get());
        RECENT.put(value, digest);
        return digest;
    }

    private static String sha256(String canonical) {
        try {
            byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new PlanningException("cannot digest the governance input: " + e.getMessage(), null, e);
        }
    }
}
