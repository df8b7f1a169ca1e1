package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Signing keys and trust files on disk: what {@code planning keys generate}, {@code --trust FILE}
 * and {@code --key FILE} do, for applications. Obtain it from the engine
 * ({@code Planning.keys()}).
 *
 * <pre>{@code
 * Keys keys = Planning.keys();
 * GeneratedKey qa = keys.generate("QA", SignatureAlgorithm.ED25519, keyDir);   // a directory outside the workspace
 * TrustedKeys trust = keys.readTrustFile(qa.trustFile());
 * Signer signer = keys.pemSigner("QA", qa.privateKey());
 * TrustedKey inCode = keys.readPublicKey("QA", qa.publicKey());   // for a trust set built in code
 * }</pre>
 *
 * <p>Keys and trust files belong outside the workspace and its repository: a trust file there could
 * be extended by anyone who can commit, and a private key there is, or is one {@code git add} from
 * being, readable by everyone who can read the repository. {@link #readTrustFile(Path, Path)} and
 * {@link #pemSigner(String, Path, Path)} refuse them. Every method refuses a {@code null} argument with a
 * {@link NullPointerException} naming it.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Keys {

    /** The name {@link #generate} gives the trust file it writes or extends: {@value}. */
    String TRUST_FILE = "trust.yaml";

    /**
     * Generates a key pair for a role into {@code directory} ({@code ROLE.key.pem},
     * {@code ROLE.pub.pem}) and adds the public key under the role to {@code directory/trust.yaml}.
     * Never overwrites a key.
     *
     * @param role the role, e.g. {@code QA}
     * @param algorithm the key's algorithm
     * @param directory where to write the key files, outside the workspace
     * @return the key's role, algorithm, id and files
     * @throws dev.planning.api.InvalidInputException for an invalid role name, or when a key file of
     *                                                the role exists already
     */
    GeneratedKey generate(String role, SignatureAlgorithm algorithm, Path directory);

    /**
     * Reads a trust file: the public keys trusted to sign, by role.
     *
     * @param file the trust file
     * @return the keys it trusts, by role, and its signing policy
     * @throws dev.planning.api.InvalidInputException when the file cannot be read or is invalid,
     *                                                with the line and column of each mistake
     */
    TrustedKeys readTrustFile(Path file);

    /**
     * As {@link #readTrustFile(Path)}, refusing a trust file that lies inside {@code workspace}
     * (symbolic links resolved), or that git tracks in the repository holding the workspace or in a
     * superproject that brings that repository as a submodule (the file, or a link to it): anyone who
     * can commit could add a key to it. An untracked file there (a secret the CI mounts) is read.
     *
     * @param file the trust file
     * @param workspace the workspace root
     * @return the keys it trusts, by role, and its signing policy
     * @throws dev.planning.api.InvalidInputException when the file lies inside the workspace or is
     *                                                committed as said, or as {@link #readTrustFile(Path)}
     */
    TrustedKeys readTrustFile(Path file, Path workspace);

    /**
     * Reads one public key file as a key trusted for {@code role}, for a trust set built in code
     * ({@code new TrustedKeys(List.of(...), source)}) rather than read from a trust file: the
     * {@code ROLE.pub.pem} that {@link #generate} writes, or any PEM public key
     * ({@code -----BEGIN PUBLIC KEY-----}) of a supported type. The key id is the key's fingerprint
     * ({@link TrustedKey#keyIdOf}) and the algorithm the key's own.
     *
     * <pre>{@code
     * GeneratedKey qa = keys.generate("QA", SignatureAlgorithm.ED25519, keyDir);
     * TrustedKeys trust = new TrustedKeys(List.of(keys.readPublicKey("QA", qa.publicKey())), "trusted in code");
     * }</pre>
     *
     * <p>Whoever can change the file chooses whom verification trusts: keep it outside the workspace
     * and its repository, as a trust file; {@link #readPublicKey(String, Path, Path)} refuses one
     * there.
     *
     * @param role the role the key may sign for, e.g. {@code QA}
     * @param publicKeyFile the PEM public key file
     * @return the key, trusted for {@code role}
     * @throws dev.planning.api.InvalidInputException when the file cannot be read, is not one PEM public
     *                                                key, is of an unsupported type (another curve than
     *                                                P-256, Ed448, DSA, RSA under 2048 bits), or for an
     *                                                invalid role name
     * @since 0.1
     */
    TrustedKey readPublicKey(String role, Path publicKeyFile);

    /**
     * As {@link #readPublicKey(String, Path)}, refusing a file that lies inside {@code workspace} or
     * that git tracks in the repository holding it, as {@link #readTrustFile(Path, Path)} refuses a
     * trust file: anyone who can commit could put their own key there.
     *
     * @param role the role the key may sign for, e.g. {@code QA}
     * @param publicKeyFile the PEM public key file
     * @param workspace the workspace root
     * @return the key, trusted for {@code role}
     * @throws dev.planning.api.InvalidInputException when the file lies inside the workspace or is
     *                                                committed as said, or as
     *                                                {@link #readPublicKey(String, Path)}
     * @since 0.1
     */
    TrustedKey readPublicKey(String role, Path publicKeyFile, Path workspace);

    /**
     * A signer for a role from a PEM private key file (PKCS#8: Ed25519, ECDSA P-256 or RSA).
     *
     * @param role the role the signer signs as
     * @param keyFile the PEM private key
     * @return a signer for a role from a PEM private key file (PKCS#8: Ed25519, ECDSA P-256 or RSA)
     * @throws dev.planning.api.InvalidInputException when the file cannot be read or holds no
     *                                                supported private key
     */
    Signer pemSigner(String role, Path keyFile);

    /**
     * As {@link #pemSigner(String, Path)}, refusing a key file that lies inside {@code workspace}
     * (symbolic links resolved) or that git tracks in the repository holding the workspace, or in a
     * superproject that brings that repository as a submodule (in its index or {@code HEAD}; the
     * file, or a link to it): a committed key is a key everyone who can
     * read the repository holds. A key file in the repository's work tree that git does not track
     * (git-ignored, or a secret the CI mounts there) is read. Where the file system has POSIX
     * permissions, a key file readable or writable by its group or others is refused too (expected
     * mode 0600, as {@link #generate} writes it), as the command line refuses it.
     *
     * @param role the role the signer signs as
     * @param keyFile the PEM private key
     * @param workspace the workspace root
     * @return the signer
     * @throws dev.planning.api.InvalidInputException when the file lies inside the workspace, is
     *                                                committed to its repository or is not owner-only,
     *                                                or as {@link #pemSigner(String, Path)}
     * @since 0.1
     */
    Signer pemSigner(String role, Path keyFile, Path workspace);
}
