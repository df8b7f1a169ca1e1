package dev.planning.engine.internal.signing;

import dev.planning.api.SourceLocation;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.git.OutsideRepository;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;

/** {@link Keys} over PEM files and YAML trust files ({@link KeyFiles}, {@link TrustFile}, {@link PemSigner}). */
public final class FileKeys implements Keys {

    /** The one instance: it holds no state. */
    public static final FileKeys INSTANCE = new FileKeys();

    private FileKeys() {
    }

    @Override
    public GeneratedKey generate(String role, SignatureAlgorithm algorithm, Path directory) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(directory, "directory");
        return KeyFiles.generate(role, algorithm, directory);
    }

    @Override
    public TrustedKeys readTrustFile(Path file) {
        return TrustFile.read(Objects.requireNonNull(file, "file"));
    }

    @Override
    public TrustedKeys readTrustFile(Path file, Path workspace) {
        return TrustFile.readOutside(Objects.requireNonNull(file, "file"), Objects.requireNonNull(workspace, "workspace"));
    }

    @Override
    public TrustedKey readPublicKey(String role, Path publicKeyFile) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        PublicKey key = PemKeys.readPublicKey(publicKeyFile);
        return new TrustedKey(role, TrustedKey.keyIdOf(key),
                Crypto.algorithmOf(key, SourceLocation.ofFile(publicKeyFile.toString())), key);
    }

    @Override
    public TrustedKey readPublicKey(String role, Path publicKeyFile, Path workspace) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        Objects.requireNonNull(workspace, "workspace");
        OutsideRepository.require(publicKeyFile, workspace, "the public key file lies inside the workspace, where"
                + " anyone who can commit can replace it with their own key; keep it outside the repository, as a"
                + " trust file", workTree -> "the public key file is committed to the workspace's git repository (work tree "
                + workTree + "), where anyone who can commit can replace it with their own key; keep it outside the"
                + " repository, as a trust file");
        return readPublicKey(role, publicKeyFile);
    }

    @Override
    public Signer pemSigner(String role, Path keyFile) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyFile, "keyFile");
        return PemSigner.load(role, keyFile);
    }

    @Override
    public Signer pemSigner(String role, Path keyFile, Path workspace) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(workspace, "workspace");
        requireOutside(keyFile, workspace);
        OwnerOnlyKeyFile.require(keyFile);
        return PemSigner.load(role, keyFile);
    }

    /**
     * Refuses a private key file inside {@code workspace} or committed to its git repository
     * ({@link OutsideRepository}), saying what to do: a committed key is leaked, so it is replaced.
     */
    static void requireOutside(Path keyFile, Path workspace) {
        OutsideRepository.require(keyFile, workspace, "the private key lies inside the workspace, one `git add` away"
                + " from being committed; keep signing keys outside the repository (expected a path such as"
                + " ~/.planning/keys/ROLE.key.pem, where `planning keys generate --role ROLE --out ~/.planning/keys`"
                + " writes one)", workTree -> "the private key is committed to the workspace's git repository (work tree "
                + workTree + "), so everyone who can read the repository holds it: treat it as leaked; generate a new"
                + " key outside the repository (`planning keys generate --role ROLE --out ~/.planning/keys`), put its"
                + " public key in the trust file in place of this one, and remove this file from the repository");
    }
}
