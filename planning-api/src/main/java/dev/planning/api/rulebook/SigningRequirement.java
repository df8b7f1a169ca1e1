package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.signing.Roles;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One clause of a signing policy: at least {@code min} distinct keys, each trusted for one of
 * {@code roles}, must have signed ("k of n" over a role group).
 *
 * <pre class="language-yaml">{@code
 * signing:
 *   required:
 *     - {roles: [PM], min: 1}
 *     - {roles: [TechLead, QA], min: 2}
 * }</pre>
 *
 * @param roles the role group, non-empty
 * @param min   how many distinct signers of the group are needed, at least 1
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record SigningRequirement(List<String> roles, int min) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param roles the role group, non-empty
     * @param min how many distinct signers of the group are needed, at least 1
     */
    public SigningRequirement {
        roles = List.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a signing requirement needs at least one role");
        }
        roles.forEach(Roles::require);
        if (min < 1) {
            throw new IllegalArgumentException("min must be >= 1");
        }
    }

    /**
     * {@code 1 of [PM]}, {@code 2 of [TechLead, QA]}.
     *
     * @return the requirement in words, e.g. {@code 2 of [TechLead, QA]}
     */
    public String describe() {
        return min + " of " + roles;
    }
}
