/**
 * Keys and signatures: Ed25519, ECDSA P-256 and RSA-SHA256 keys in PEM files (BouncyCastle), the
 * PEM-file {@link dev.planning.api.signing.Signer}, key ids, the trust file, the canonical form a
 * manifest signature covers (RFC 8785 JSON canonicalization), and in-toto statements in DSSE
 * envelopes.
 *
 * <p>Keys, signing and checking use the JDK's providers; BouncyCastle parses and writes PEM and
 * ASN.1, and its provider (an explicit instance, never installed globally, built on first use)
 * serves only keys the JDK cannot represent (explicit curve parameters, compressed points).
 * Hashing uses the JDK.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.signing;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
