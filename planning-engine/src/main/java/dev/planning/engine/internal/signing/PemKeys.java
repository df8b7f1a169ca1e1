package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM key files: private keys as unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), public
 * keys as SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), the forms {@code openssl pkey}
 * reads and writes. Private keys in the traditional OpenSSL forms ({@code RSA PRIVATE KEY},
 * {@code EC PRIVATE KEY}) are read too; encrypted keys are refused.
 *
 * <p>BouncyCastle parses and writes the PEM and ASN.1; the keys themselves are the JDK's (built by
 * its {@code KeyFactory} from the same DER), so checking a signature never builds BouncyCastle's
 * provider. A key the JDK cannot represent byte for byte (a P-256 public key with explicit curve
 * parameters or a compressed point) is read by BouncyCastle's provider, as before, and keeps its
 * encoding and so its key id.
 *
 * <p>Every key read here, private or public, is held to {@link KeyAllowList} on its parsed form:
 * its algorithm identifier before any provider reads it, then the key itself (the curve's whole
 * domain, the RSA modulus). So a trust file's key, a signing key and {@code keys generate}'s inputs
 * are refused alike, naming the file, when they are not a key SPEC §8 lets sign.
 *
 * <pre>{@code
 * KeyPair pair = PemKeys.readPrivateKey(Path.of("keys/QA.key.pem"));   // the public half is derived
 * PublicKey key = PemKeys.parsePublicKey(pemText, new SourceLocation("trust.yaml", 12, 5));
 * }</pre>
 */
public final class PemKeys {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo, before the key's 32 bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    /** BouncyCastle's key converter, built on first use: only for keys the JDK cannot represent. */
    private static final class Converter {
        static final JcaPEMKeyConverter INSTANCE = new JcaPEMKeyConverter().setProvider(Crypto.bc());
    }

    private PemKeys() {
    }

    /** A public key as PEM text. */
    public static String publicKeyPem(PublicKey key) {
        return pem(key);
    }

    /** A private key as unencrypted PKCS#8 PEM text. */
    public static String privateKeyPem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encode a private key as PKCS#8", e);
        }
    }

    /**
     * Writes a private key file once, readable by its owner only where the file system has POSIX
     * permissions.
     *
     * @throws InvalidInputException when the file exists (keys are never overwritten)
     */
    public static void writePrivateKey(Path file, PrivateKey key) {
        AtomicFiles.writeNew(file, privateKeyPem(key).getBytes(StandardCharsets.US_ASCII), "rw-------");
    }

    /**
     * Writes a public key file once, readable by everyone.
     *
     * @throws InvalidInputException when the file exists
     */
    public static void writePublicKey(Path file, PublicKey key) {
        AtomicFiles.writeNew(file, publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a private key file and derives its public key.
     *
     * @throws InvalidInputException when the file is missing, not PEM, encrypted, not a key
     *                               the trust model allows ({@link KeyAllowList}), or a key whose
     *                               numbers do not belong together ({@link PrivateNumbers}), naming the file
     */
    public static KeyPair readPrivateKey(Path file) {
        SourceLocation at = SourceLocation.ofFile(file.toString());
        Object object = parseOne(read(file), at, PRIVATE_EXPECTED);
        try {
            if (object instanceof PEMKeyPair pair) {
                if (pair.getPrivateKeyInfo() != null) {
                    KeyAllowList.requireAlgorithm(pair.getPrivateKeyInfo().getPrivateKeyAlgorithm(), at);
                }
                if (pair.getPublicKeyInfo() == null && pair.getPrivateKeyInfo() != null) {
                    // An EC PRIVATE KEY saved without its optional public key (`openssl ec -no_public`): read as a
                    // PKCS#8 file is, its public key derived (keys26: it was refused as "not a valid" key).
                    return derivedPair(pair.getPrivateKeyInfo(), at);
                }
                if (pair.getPublicKeyInfo() != null) {
                    KeyAllowList.requireAlgorithm(pair.getPublicKeyInfo().getAlgorithm(), at);
                }
                KeyPair jdk = jdkKeyPair(pair);
                return ownPublicKey(allowed(jdk != null ? jdk : Converter.INSTANCE.getKeyPair(pair), at), at);
            }
            if (object instanceof PrivateKeyInfo info) {
                KeyAllowList.requireAlgorithm(info.getPrivateKeyAlgorithm(), at);
                return derivedPair(info, at);
            }
        } catch (IOException | GeneralSecurityException e) {
            // The provider's message names its own classes and key specs: the user is told which key it is not.
            PrivateKeyInfo info = object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) object;
            throw new InvalidInputException("not a usable private key: its content is not a valid "
                    + algorithmName(info == null ? null : info.getPrivateKeyAlgorithm().getAlgorithm().getId())
                    + " private key; " + PRIVATE_EXPECTED, at);
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidInputException("encrypted private keys are not supported; decrypt it with"
                    + " `openssl pkey -in KEY -out PLAIN` or plug in a Signer", at);
        }
        throw new InvalidInputException("expected a PEM private key (-----BEGIN PRIVATE KEY-----), found "
                + describe(object), at);
    }

    /**
     * Parses a PEM public key.
     *
     * @param at the file (and, for a trust file's key, the line and column) the text came from, as errors name it
     * @throws InvalidInputException when the text is not a PEM public key the trust model allows
     *                               ({@link KeyAllowList}), located at {@code at}
     */
    public static PublicKey parsePublicKey(String pem, SourceLocation at) {
        Object object = parseOne(pem, at, PUBLIC_EXPECTED);
        if (object instanceof SubjectPublicKeyInfo info) {
            // Before any provider reads it: a key of another algorithm never reaches BouncyCastle's provider.
            KeyAllowList.requireAlgorithm(info.getAlgorithm(), at);
            PublicKey key;
            try {
                PublicKey jdk = jdkPublicKey(info);
                key = jdk != null ? jdk : Converter.INSTANCE.getPublicKey(info);
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException("not a usable public key: its content is not a valid "
                        + algorithmName(info.getAlgorithm().getAlgorithm().getId()) + " public key; " + PUBLIC_EXPECTED,
                        at);
            }
            KeyAllowList.requireKey(key, at);
            return key;
        }
        throw new InvalidInputException("expected a PEM public key (-----BEGIN PUBLIC KEY-----), found "
                + describe(object), at);
    }

    /** Reads a public key file. */
    public static PublicKey readPublicKey(Path file) {
        return parsePublicKey(read(file), SourceLocation.ofFile(file.toString()));
    }

    /**
     * What is wrong with a key pair no file holds (a signer made in memory, {@link PemSigner#PemSigner}), in words
     * for a user, or {@code null} when its halves belong together: the checks a key file's pair passes when read.
     * Its private key is one the trust model allows ({@link KeyAllowList}), its numbers belong together
     * ({@link PrivateNumbers}), and its public key is the one derived from them, compared by identity
     * ({@link Crypto#identity}, whatever the encoding); a private key whose public key cannot be derived is wrong
     * too. The words name no number of the key.
     */
    static String pairRefusal(KeyPair pair) {
        PrivateKey key = pair.getPrivate();
        try {
            SignatureAlgorithm.ofKey(key);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        String wrong = PrivateNumbers.refusal(key);
        if (wrong != null) {
            return "not usable: " + wrong;
        }
        PublicKey derived;
        try {
            derived = Crypto.isBouncyCastleKey(key) ? publicOf(key, null) : jdkPublicOf(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            derived = null;
        }
        if (derived == null) {
            return "not usable: the public key of its private key cannot be derived, so the pair cannot be shown"
                    + " to be one key's";
        }
        if (!Crypto.identity(derived).equals(Crypto.identity(pair.getPublic()))) {
            return "not usable: its public key is not the public key of its private key (the pair holds two keys'"
                    + " halves)";
        }
        return null;
    }

    /**
     * The pair of a traditional key file, once its public key is shown to be its private key's: an
     * {@code EC PRIVATE KEY} (SEC 1) carries its public key beside the private one, and nothing ties the two,
     * so a file could pair one key's private half with another's public key (signatures that never verify,
     * under a key id that is not the signer's). The public key is derived from the private one and compared
     * by identity ({@link Crypto#identity}: whatever the encoding); one that cannot be derived is refused too.
     */
    private static KeyPair ownPublicKey(KeyPair pair, SourceLocation at) throws GeneralSecurityException {
        PrivateKey key = pair.getPrivate();
        PublicKey derived = Crypto.isBouncyCastleKey(key) ? publicOf(key, at) : jdkPublicOf(key);
        if (derived == null || !Crypto.identity(derived).equals(Crypto.identity(pair.getPublic()))) {
            throw new InvalidInputException("not a usable private key: its public key is not the public key of its"
                    + " private key (the file pairs two keys' halves); " + PRIVATE_EXPECTED, at);
        }
        return pair;
    }

    /**
     * The pair of a private key that carries no public key the reader takes (PKCS#8, or an {@code EC PRIVATE KEY}
     * without its optional one): the JDK's key where it can represent it, BouncyCastle's otherwise, its public half
     * derived once the private key is shown usable ({@link #usable}).
     */
    private static KeyPair derivedPair(PrivateKeyInfo info, SourceLocation at)
            throws IOException, GeneralSecurityException {
        PrivateKey jdk = jdkPrivateKey(info);
        if (jdk != null) {
            usable(jdk, at);
            PublicKey publicKey = jdkPublicOf(jdk);
            if (publicKey != null) {
                return allowed(new KeyPair(publicKey, jdk), at);
            }
        }
        PrivateKey key = Converter.INSTANCE.getPrivateKey(info);
        usable(key, at);
        return allowed(new KeyPair(publicOf(key, at), key), at);
    }

    /**
     * Refuses a private key the trust model does not allow ({@link KeyAllowList}) or whose numbers do not belong
     * together ({@link PrivateNumbers}: an RSA key's primes, exponents and CRT values, an EC key's private value
     * between 1 and the order less one), naming the file: before its public half is computed from them (a point
     * multiplication on a curve and by a value of the file's choosing), and before anything is signed with it.
     */
    private static void usable(PrivateKey key, SourceLocation at) {
        KeyAllowList.requireKey(key, at);
        String wrong = PrivateNumbers.refusal(key);
        if (wrong != null) {
            throw new InvalidInputException("not a usable private key: " + wrong + " (the file was edited or damaged);"
                    + " " + PRIVATE_EXPECTED, at);
        }
    }

    /** The pair, once both its halves are keys the trust model allows ({@link KeyAllowList}) and usable. */
    private static KeyPair allowed(KeyPair pair, SourceLocation at) {
        usable(pair.getPrivate(), at);
        KeyAllowList.requireKey(pair.getPublic(), at);
        return pair;
    }

    /**
     * The JDK's key for a SubjectPublicKeyInfo, or {@code null} when the JDK cannot represent it
     * exactly: another algorithm, explicit curve parameters, a compressed point, or any encoding
     * the JDK's key would not give back byte for byte (so that a key's id never depends on which
     * library read it). BouncyCastle reads those, as it always did.
     */
    private static PublicKey jdkPublicKey(SubjectPublicKeyInfo info) throws IOException {
        String algorithm = jdkAlgorithm(info.getAlgorithm().getAlgorithm().getId());
        if (algorithm == null) {
            return null;
        }
        byte[] encoded = info.getEncoded(ASN1Encoding.DER);
        try {
            PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
            return Arrays.equals(key.getEncoded(), encoded) ? key : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The JDK's key pair for a traditional OpenSSL key pair, or {@code null} (see {@link #jdkPublicKey}). */
    private static KeyPair jdkKeyPair(PEMKeyPair pair) throws IOException {
        PrivateKey key = jdkPrivateKey(pair.getPrivateKeyInfo());
        PublicKey publicKey = key == null || pair.getPublicKeyInfo() == null ? null : jdkPublicKey(pair.getPublicKeyInfo());
        return publicKey == null ? null : new KeyPair(publicKey, key);
    }

    private static PrivateKey jdkPrivateKey(PrivateKeyInfo info) throws IOException {
        String algorithm = info == null ? null : jdkAlgorithm(info.getPrivateKeyAlgorithm().getAlgorithm().getId());
        if (algorithm == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** The JDK's name for a key algorithm OID, for the three key types this project signs with. */
    private static String jdkAlgorithm(String oid) {
        return switch (oid) {
            case "1.3.101.112" -> "Ed25519";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.2.840.113549.1.1.1" -> "RSA";
            default -> null;
        };
    }

    /**
     * A JDK private key's public half, or {@code null} when it is not an Ed25519, P-256 or RSA CRT
     * key. Ed25519 and P-256 points are computed with BouncyCastle's lightweight API (no provider).
     */
    private static PublicKey jdkPublicOf(PrivateKey key) {
        try {
            if (key instanceof EdECPrivateKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                    && ed.getBytes().isPresent()) {
                byte[] seed = ed.getBytes().get();
                byte[] point = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
                Arrays.fill(seed, (byte) 0);
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + point.length);
                System.arraycopy(point, 0, spki, ED25519_SPKI_PREFIX.length, point.length);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            }
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (key instanceof java.security.interfaces.ECPrivateKey ec
                    && Crypto.algorithmOf(ec) == SignatureAlgorithm.ECDSA_P256_SHA256) {
                X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
                org.bouncycastle.math.ec.ECPoint q = p256.getG().multiply(ec.getS()).normalize();
                ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(),
                        q.getAffineYCoord().toBigInteger());
                return KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(w,
                        ec.getParams()));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static PublicKey publicOf(PrivateKey key, SourceLocation at) throws GeneralSecurityException {
        if (key instanceof EdDSAPrivateKey ed) {
            return ed.getPublicKey();
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA", Crypto.bc())
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec) {
            ECParameterSpec params = ec.getParameters();
            BigInteger d = ec.getD();
            return KeyFactory.getInstance("EC", Crypto.bc())
                    .generatePublic(new ECPublicKeySpec(params.getG().multiply(d).normalize(), params));
        }
        throw new InvalidInputException("unsupported private key type " + key.getAlgorithm()
                + "; expected Ed25519, ECDSA P-256 or RSA", at);
    }

    private static Object parseOne(String text, SourceLocation at, String remedy) {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new InvalidInputException("no PEM object found (expected -----BEGIN ...-----)",
                        at);
            }
            return object;
        } catch (IOException | IllegalArgumentException e) {
            // BouncyCastle's message names its own classes and echoes the file's bytes (control characters
            // too): the user is told which of the two ways the text is broken, in words of the PEM form.
            String message = String.valueOf(e.getMessage());
            String why = message.contains("unrecognised object") ? "its -----BEGIN line names no kind of key"
                    : message.contains("base64") ? "the text between its -----BEGIN and -----END lines holds characters"
                            + " that are not base64"
                    : "the text between its -----BEGIN and -----END lines is not a whole key (cut short, or edited)";
            throw new InvalidInputException("malformed PEM: " + why + "; " + remedy, at);
        }
    }

    /** What a private key file should be, for every refusal of one. */
    private static final String PRIVATE_EXPECTED = "expected the private key `planning keys generate` wrote"
            + " (-----BEGIN PRIVATE KEY-----, Ed25519, ECDSA P-256 or RSA)";

    /** What a public key should be, for every refusal of one. */
    private static final String PUBLIC_EXPECTED = "expected a public key (-----BEGIN PUBLIC KEY-----, Ed25519,"
            + " ECDSA P-256 or RSA) as its .pub.pem file holds it";

    /** A key algorithm's name for a user, from its OID. */
    private static String algorithmName(String oid) {
        String jdk = oid == null ? null : jdkAlgorithm(oid);
        return jdk == null ? "supported" : jdk.equals("EC") ? "elliptic-curve" : jdk;
    }

    private static String read(Path file) {
        try {
            // Under a directory that may not be searched it is there but unreadable: refused as such, not "not found".
            if (!DirectoryEntries.attributesShown(file, file.toString(), "nothing can be signed with it")
                    .map(BasicFileAttributes::isRegularFile).orElse(false)) {
                throw new InvalidInputException("key file not found", SourceLocation.ofFile(SafePaths.shown(file)));
            }
            if (Files.size(file) > 1 << 20) {
                throw new InvalidInputException("key file is larger than 1 MiB", SourceLocation.ofFile(file.toString()));
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // The reason, not the exception's message, which repeats the absolute path.
            throw DirectoryEntries.cannotRead(file, file.toString(), "nothing can be signed with it", e);
        }
    }

    /** What a PEM object is, in the words of its -----BEGIN line, never a class name. */
    private static String describe(Object object) {
        if (object instanceof SubjectPublicKeyInfo) {
            return "a public key (-----BEGIN PUBLIC KEY-----)";
        }
        if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
            return "a private key";
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            return "an encrypted private key";
        }
        if (object instanceof org.bouncycastle.cert.X509CertificateHolder) {
            return "a certificate (-----BEGIN CERTIFICATE-----)";
        }
        return "a PEM block of another kind";
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

}
