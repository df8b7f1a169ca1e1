package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Which roles, and how many signers, must sign a cycle's handoff manifest before it may leave
 * {@code PACKAGED}: the {@code signing} section of {@code rulebook.yaml}. Every requirement must be
 * met; a key counts once however often it signed.
 *
 * @param required the requirements, all of which must hold; empty means no signature is required
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record SigningPolicy(List<SigningRequirement> required) {

    /** No signature required. */
    public static final SigningPolicy NONE = new SigningPolicy(List.of());

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param required the requirements, all of which must hold; empty means no signature is required
     */
    public SigningPolicy {
        required = List.copyOf(required);
    }
}
