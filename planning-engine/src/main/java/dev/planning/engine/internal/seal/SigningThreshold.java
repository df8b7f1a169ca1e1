package dev.planning.engine.internal.seal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.store.CycleQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
