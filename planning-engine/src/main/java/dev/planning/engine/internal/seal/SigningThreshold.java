package dev.planning.engine.internal.seal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The engine's one judgement of a signing requirement, shared by {@code verify} ({@link ManifestVerifier})
 * and the pending-signatures queries: a requirement is met by at least {@code min} of the signatures
 * that count (one per distinct key, for the role of its first signature that verifies) whose role is
 * one of the requirement's.
 */
@API(status = INTERNAL)
public final class SigningThreshold {

    private SigningThreshold() {
    }

    /**
     * The signatures of {@code counted} that count for {@code requirement}.
     *
     * @param counted the signatures that count, one per distinct key
     * @param role    the role a signature is by
     */
    public static <T> List<T> matching(SigningRequirement requirement, List<T> counted, Function<T, String> role) {
        Objects.requireNonNull(requirement, "requirement");
        return counted.stream().filter(signature -> requirement.roles().contains(role.apply(signature))).toList();
    }

    /**
     * The signing policy {@code verify} applies to a handoff ({@link ManifestVerifier}): every requirement
     * of the rulebook's policy, then of the trust file's, each once (an equal requirement is met or not
     * alike); when neither requires a signature, {@code verify}'s floor, one signature by a trusted key
     * ({@code 1 of} the roles {@code trust}'s keys are trusted for: a signature counts only for a role its
     * key is trusted for). When neither requires one and no key is trusted, no handoff can verify and no
     * requirement can say so: refused.
     *
     * @throws InvalidInputException when neither policy requires a signature and no key is trusted
     */
    public static SigningPolicy effective(SigningPolicy rulebook, TrustedKeys trust) {
        Objects.requireNonNull(rulebook, "rulebook");
        Objects.requireNonNull(trust, "trust");
        Set<SigningRequirement> required = new LinkedHashSet<>(rulebook.required());
        required.addAll(trust.signing().required());
        if (!required.isEmpty()) {
            return new SigningPolicy(List.copyOf(required));
        }
        Set<String> roles = new TreeSet<>();
        trust.keys().forEach(key -> roles.add(key.role()));
        if (roles.isEmpty()) {
            throw new InvalidInputException("no handoff can verify: neither the rulebook's nor the trust file's"
                    + " signing policy requires a signature, and no key is trusted (" + trust.source() + "); verify"
                    + " needs at least one signature by a trusted key: give the trust file");
        }
        return new SigningPolicy(List.of(new SigningRequirement(List.copyOf(roles), 1)));
    }

    /**
     * The requirements of {@code policy} that the signatures that count do not meet, in the policy's
     * order, each with how many of them count for it; empty when the policy is met.
     *
     * @param countedRoles the role of each signature that counts, one per distinct key
     */
    public static List<CycleQueries.UnmetRequirement> unmet(SigningPolicy policy, List<String> countedRoles) {
        List<CycleQueries.UnmetRequirement> unmet = new ArrayList<>();
        for (SigningRequirement requirement : policy.required()) {
            int signers = matching(requirement, countedRoles, role -> role).size();
            if (signers < requirement.min()) {
                unmet.add(new CycleQueries.UnmetRequirement(requirement, signers));
            }
        }
        return unmet;
    }
}
