package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Signing role names ({@code PM}, {@code TechLead}, {@code QA}): 1-32 letters, digits, {@code _}
 * or {@code -}, starting with a letter. Roles name key files ({@code QA.key.pem}), so nothing
 * else is accepted.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class Roles {

    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

    private Roles() {
    }

    /**
     * Checks a role name.
     *
     * @param role the role name
     * @return the role
     * @throws InvalidInputException naming the expected form
     */
    public static String require(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            String shown = role == null ? "null" : Printable.line(role);
            throw new InvalidInputException("invalid role '" + shown
                    + "': expected 1-32 letters, digits, '_' or '-', starting with a letter (e.g. PM, TechLead, QA)");
        }
        return role;
    }
}
