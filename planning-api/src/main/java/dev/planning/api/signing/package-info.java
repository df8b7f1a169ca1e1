/**
 * Signing handoff manifests: the {@link dev.planning.api.signing.Signer} SPI that a PEM key, a
 * hardware module or a cloud KMS implements, the supported
 * {@link dev.planning.api.signing.SignatureAlgorithm}s, and the
 * {@link dev.planning.api.signing.TrustedKeys} that verification accepts signatures from, by role.
 *
 * <p>No cryptographic provider types appear here: keys are {@link java.security.PublicKey}s and
 * signatures are bytes. The engine supplies PEM-file signers and the trust-file reader.
 *
 * @since 0.1
 */
package dev.planning.api.signing;
