package dev.planning.engine.internal.signing;

import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import java.nio.file.Path;
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
        KeyFiles.Generated key = KeyFiles.generate(role, algorithm, directory);
        return new GeneratedKey(key.role(), key.keyId(), key.algorithm(), key.privateKey(), key.publicKey(),
                key.trustFile());
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
    public Signer pemSigner(String role, Path keyFile) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyFile, "keyFile");
        return PemSigner.load(role, keyFile);
    }
}
