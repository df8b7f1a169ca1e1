package dev.planning.rules.internal.drools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
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
            byte[] bytes = utf8(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new PlanningException("cannot digest the governance input: " + e.getMessage(), null, e);
        }
    }

    /**
     * The canonical JSON's UTF-8 bytes, an unpaired surrogate written as its JSON escape. A plan's
     * YAML may hold one ({@code "\u005cuD800"}); UTF-8 cannot encode it and {@code getBytes} would
     * write {@code ?}, giving the plan titled {@code a\u005cuD800} the digest of the plan titled
     * {@code a?}. A surrogate stands only inside a JSON string, where the escape is the same
     * character, and the generator writes a backslash of the text as {@code \\}, so the escape is
     * never the text of another plan. Text without one (every plan but such) has the same bytes as before.
     */
    static byte[] utf8(String json) {
        int first = 0;
        while (first < json.length() && !Character.isSurrogate(json.charAt(first))) {
            first++;
        }
        if (first == json.length()) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder escaped = new StringBuilder(json.length() + 16).append(json, 0, first);
        for (int i = first; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                escaped.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                Printable.escape(escaped, c);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString().getBytes(StandardCharsets.UTF_8);
    }
}
