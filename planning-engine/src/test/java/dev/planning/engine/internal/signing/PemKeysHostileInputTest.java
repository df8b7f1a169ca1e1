package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files a user may hand {@code sign} or a trust file by mistake, or an attacker on purpose: each
 * refused as one line that names the file and what was expected, with no security provider's
 * message, exception class or ASN.1 jargon (before: "not a usable private key: " plus BouncyCastle's
 * message, and "found SubjectPublicKeyInfo").
 */
class PemKeysHostileInputTest {

    @TempDir
    Path dir;

    private InvalidInputException privateKeyRefusal(String name, String pem) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> PemKeys.readPrivateKey(file));
        assertThat(e).as(name).isNotNull();
        assertClear(e, file.toString());
        return e;
    }

    private InvalidInputException publicKeyRefusal(String pem) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> PemKeys.parsePublicKey(pem, "trust.yaml:7:9"));
        assertThat(e).isNotNull();
        assertClear(e, "trust.yaml:7:9");
        return e;
    }

    private static void assertClear(InvalidInputException e, String file) {
        assertThat(e.location().orElseThrow().file()).isEqualTo(file);
        assertThat(e.getMessage()).as(e.getMessage())
                .doesNotContain("\n").doesNotContain("\r").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("org.").doesNotContainPattern("\\p{Cntrl}").doesNotContain("ASN")
                .doesNotContain("KeySpec").doesNotContain("PrivateKeyInfo").doesNotContain("SubjectPublicKeyInfo")
                .contains("expected");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A traditional OpenSSL {@code EC PRIVATE KEY} (SEC 1) of {@code d} on P-256 carrying {@code embedded} as its public key. */
    private static String sec1(java.security.interfaces.ECPrivateKey d, java.security.interfaces.ECPublicKey embedded)
            throws Exception {
        byte[] point = SubjectPublicKeyInfo.getInstance(embedded.getEncoded()).getPublicKeyData().getBytes();
        return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, d.getS(),
                new org.bouncycastle.asn1.DERBitString(point), org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1)
                .getEncoded());
    }

    /**
     * keys25: an {@code EC PRIVATE KEY} file carries its public key beside the private one, and the reader took
     * that public key as it stood: a file whose public key is another key's signed with a key id no signature
     * of it verifies against (and {@code keys generate} would have published that other key for the role).
     * Refused when read, naming the file; the same file with its own public key reads and signs.
     */
    @Test
    void anEcPrivateKeyFileWhosePublicKeyIsAnotherKeysIsRefused() throws Exception {
        java.security.KeyPair own = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        java.security.KeyPair other = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        java.security.interfaces.ECPrivateKey d = (java.security.interfaces.ECPrivateKey) own.getPrivate();

        InvalidInputException e = privateKeyRefusal("mismatched.key.pem",
                sec1(d, (java.security.interfaces.ECPublicKey) other.getPublic()));

        assertThat(e.getMessage()).contains("its public key is not the public key of its private key");
        Path matching = dir.resolve("matching.key.pem");
        Files.writeString(matching, sec1(d, (java.security.interfaces.ECPublicKey) own.getPublic()),
                StandardCharsets.US_ASCII);
        PemSigner signer = PemSigner.load("QA", matching);
        assertThat(signer.publicKey()).isEqualTo(own.getPublic());
        byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crypto.verify(SignatureAlgorithm.ECDSA_P256_SHA256, own.getPublic(), message, signer.sign(message)))
                .isTrue();
    }

    @Test
    void aPublicKeyWhereThePrivateKeyIsExpected() throws Exception {
        String publicPem = PemKeys.publicKeyPem(Crypto.generate(SignatureAlgorithm.ED25519).getPublic());

        assertThat(privateKeyRefusal("QA.key.pem", publicPem).getMessage())
                .contains("a public key (-----BEGIN PUBLIC KEY-----)", "-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aPrivateKeyWhereAPublicKeyIsExpected() throws Exception {
        String privatePem = PemKeys.privateKeyPem(Crypto.generate(SignatureAlgorithm.ED25519).getPrivate());

        assertThat(publicKeyRefusal(privatePem).getMessage())
                .contains("a private key", "-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void aKeyOfAnAlgorithmThatDoesNotSign() throws Exception {
        KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
        String pem = PemKeys.privateKeyPem(x25519.generateKeyPair().getPrivate());

        assertThat(privateKeyRefusal("x25519.key.pem", pem).getMessage()).contains("Ed25519, ECDSA P-256 or RSA");
    }

    @Test
    void keyMaterialThatIsNotAKeyOfItsAlgorithm() throws Exception {
        byte[] rsa = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new DERSequence(new ASN1Integer(7))).getEncoded();
        byte[] ed = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                new DEROctetString(new byte[5])).getEncoded();
        byte[] publicRsa = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                DERNull.INSTANCE), new byte[] {1, 2, 3}).getEncoded();

        assertThat(privateKeyRefusal("rsa.key.pem", pem("PRIVATE KEY", rsa)).getMessage()).contains("RSA");
        assertThat(privateKeyRefusal("ed.key.pem", pem("PRIVATE KEY", ed)).getMessage()).contains("Ed25519");
        assertThat(publicKeyRefusal(pem("PUBLIC KEY", publicRsa)).getMessage()).contains("RSA");
    }

    @Test
    void aTruncatedKey() throws Exception {
        String whole = PemKeys.privateKeyPem(TestKeys.rsa().getPrivate());
        String[] lines = whole.split("\n");
        StringBuilder half = new StringBuilder();
        for (int i = 0; i < lines.length / 2; i++) {
            half.append(lines[i]).append('\n');
        }

        privateKeyRefusal("cut-body.key.pem", half + lines[lines.length - 1] + "\n");
        privateKeyRefusal("no-end.key.pem", half.toString());
        privateKeyRefusal("empty.key.pem", "");
    }

    @Test
    void controlCharactersInTheKeyFile() throws Exception {
        String whole = PemKeys.privateKeyPem(Crypto.generate(SignatureAlgorithm.ED25519).getPrivate());
        int body = whole.indexOf('\n') + 5;

        privateKeyRefusal("bell.key.pem", whole.substring(0, body) + "\u0007\u001b[31m" + whole.substring(body));
        privateKeyRefusal("label.key.pem", whole.replace("PRIVATE KEY", "PRIVATE\u0007KEY"));
        publicKeyRefusal("-----BEGIN PUBLIC KEY-----\n\u001b[2J\n-----END PUBLIC KEY-----\n");
    }
}
