package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
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
 * <pre>{@code
 * KeyPair pair = PemKeys.readPrivateKey(Path.of("keys/QA.key.pem"));   // the public half is derived
 * PublicKey key = PemKeys.parsePublicKey(pemText, "trust.yaml:12:5");
 * }</pre>
 */
public final class PemKeys {

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter().setProvider(Crypto.BC);

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
     * @throws InvalidInputException when the file is missing, not PEM, encrypted, or not a
     *                               supported private key
     */
    public static KeyPair readPrivateKey(Path file) {
        String source = file.toString();
        Object object = parseOne(read(file), source);
        try {
            if (object instanceof PEMKeyPair pair) {
                return CONVERTER.getKeyPair(pair);
            }
            if (object instanceof PrivateKeyInfo info) {
                PrivateKey key = CONVERTER.getPrivateKey(info);
                return new KeyPair(publicOf(key, source), key);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException("not a usable private key: " + e.getMessage(), SourceLocation.ofFile(source));
        }
        if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new InvalidInputException("encrypted private keys are not supported; decrypt it with"
                    + " `openssl pkey -in KEY -out PLAIN` or plug in a Signer", SourceLocation.ofFile(source));
        }
        throw new InvalidInputException("expected a PEM private key (-----BEGIN PRIVATE KEY-----), found "
                + describe(object), SourceLocation.ofFile(source));
    }

    /**
     * Parses a PEM public key.
     *
     * @param source how errors name where the text came from
     * @throws InvalidInputException when the text is not a supported PEM public key
     */
    public static PublicKey parsePublicKey(String pem, String source) {
        Object object = parseOne(pem, source);
        if (object instanceof SubjectPublicKeyInfo info) {
            try {
                return CONVERTER.getPublicKey(info);
            } catch (IOException e) {
                throw new InvalidInputException("not a usable public key: " + e.getMessage(),
                        SourceLocation.ofFile(source));
            }
        }
        throw new InvalidInputException("expected a PEM public key (-----BEGIN PUBLIC KEY-----), found "
                + describe(object), SourceLocation.ofFile(source));
    }

    /** Reads a public key file. */
    public static PublicKey readPublicKey(Path file) {
        return parsePublicKey(read(file), file.toString());
    }

    private static PublicKey publicOf(PrivateKey key, String source) throws GeneralSecurityException {
        if (key instanceof EdDSAPrivateKey ed) {
            return ed.getPublicKey();
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA", Crypto.BC)
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec) {
            ECParameterSpec params = ec.getParameters();
            BigInteger d = ec.getD();
            return KeyFactory.getInstance("EC", Crypto.BC)
                    .generatePublic(new ECPublicKeySpec(params.getG().multiply(d).normalize(), params));
        }
        throw new InvalidInputException("unsupported private key type " + key.getAlgorithm()
                + "; expected Ed25519, ECDSA P-256 or RSA", SourceLocation.ofFile(source));
    }

    private static Object parseOne(String text, String source) {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new InvalidInputException("no PEM object found (expected -----BEGIN ...-----)",
                        SourceLocation.ofFile(source));
            }
            return object;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("malformed PEM: " + e.getMessage(), SourceLocation.ofFile(source));
        }
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("key file not found", SourceLocation.ofFile(file.toString()));
            }
            if (Files.size(file) > 1 << 20) {
                throw new InvalidInputException("key file is larger than 1 MiB", SourceLocation.ofFile(file.toString()));
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException("key file cannot be read (" + e.getMessage() + ")",
                    SourceLocation.ofFile(file.toString()));
        }
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName();
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
