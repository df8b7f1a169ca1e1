package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.rulebook.SigningPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The public keys verification accepts signatures from, each for one role (a key may be listed
 * under several roles), and the signing policy that comes with them. A signature by a key not
 * listed here, or listed only under other roles, does not count.
 *
 * <p>The trust file lies outside the repository, so its signing policy ({@code signing:} in
 * {@code trust.yaml}) cannot be lowered by a contributor without keys, unlike the rulebook's. Both
 * apply: every requirement of the rulebook and every requirement of the trust file must hold.
 *
 * @param keys    the trusted keys, in the order the trust file lists them
 * @param source  where they were read from (a trust file path), for messages
 * @param signing the trust file's signing policy, applied on top of the rulebook's;
 *                {@link SigningPolicy#NONE} when it has none
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record TrustedKeys(List<TrustedKey> keys, String source, SigningPolicy signing) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param keys the trusted keys, in the order the trust file lists them
     * @param source where they were read from (a trust file path), for messages
     * @param signing the trust file's signing policy, applied on top of the rulebook's; {@link
     *                SigningPolicy#NONE} when it has none
     */
    public TrustedKeys {
        keys = List.copyOf(keys);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(signing, "signing");
    }

    /**
     * Keys without a signing policy of their own: the rulebook's alone applies.
     *
     * @param keys the trusted keys, in the order the trust file lists them
     * @param source where they were read from (a trust file path), for messages
     */
    public TrustedKeys(List<TrustedKey> keys, String source) {
        this(keys, source, SigningPolicy.NONE);
    }

    /**
     * No trusted keys: every signature is untrusted.
     *
     * @return an empty set of keys
     */
    public static TrustedKeys none() {
        return new TrustedKeys(List.of(), "no trust file");
    }

    /**
     * The key with this id trusted for this role.
     *
     * @param keyId the key's id
     * @param role the role
     * @return the key with this id trusted for this role
     */
    public Optional<TrustedKey> find(String keyId, String role) {
        return keys.stream().filter(k -> k.keyId().equals(keyId) && k.role().equals(role)).findFirst();
    }

    /**
     * Every entry of the key with this id, whatever its role.
     *
     * @param keyId the key's id
     * @return every entry of the key with this id, whatever its role
     */
    public List<TrustedKey> withKeyId(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).toList();
    }
}
