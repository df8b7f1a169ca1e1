package dev.planning.cli;

import dev.planning.api.signing.SignatureAlgorithm;
import java.util.Locale;

/** The {@code --algorithm} values of {@code planning keys generate}. */
enum KeyAlgorithmOption {
    /** Ed25519 (the default: small keys, fast, deterministic signatures). */
    ed25519(SignatureAlgorithm.ED25519),
    /** ECDSA on P-256 with SHA-256. */
    ecdsa_p256(SignatureAlgorithm.ECDSA_P256_SHA256),
    /** RSA-3072 with SHA-256 (PKCS#1 v1.5). */
    rsa(SignatureAlgorithm.RSA_SHA256);

    private final SignatureAlgorithm algorithm;

    KeyAlgorithmOption(SignatureAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Accepts {@code ecdsa-p256} as written in the docs, as well as the enum name. */
    static KeyAlgorithmOption parse(String text) {
        return valueOf(text.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
    }
}
