package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
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
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> PemKeys.parsePublicKey(pem, new SourceLocation("trust.yaml", 7, 9)));
        assertThat(e).isNotNull();
        assertClear(e, "trust.yaml:7:9");
        return e;
    }

    private static void assertClear(InvalidInputException e, String file) {
        assertThat(e.location().orElseThrow().toString()).isEqualTo(file);
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
    private static String sec1(ECPrivateKey d, ECPublicKey embedded)
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
        KeyPair own = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        KeyPair other = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        ECPrivateKey d = (ECPrivateKey) own.getPrivate();

        InvalidInputException e = privateKeyRefusal("mismatched.key.pem",
                sec1(d, (ECPublicKey) other.getPublic()));

        assertThat(e.getMessage()).contains("its public key is not the public key of its private key");
        Path matching = dir.resolve("matching.key.pem");
        Files.writeString(matching, sec1(d, (ECPublicKey) own.getPublic()),
                StandardCharsets.US_ASCII);
        PemSigner signer = PemSigner.load("QA", matching);
        assertThat(signer.publicKey()).isEqualTo(own.getPublic());
        byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crypto.verify(SignatureAlgorithm.ECDSA_P256_SHA256, own.getPublic(), message, signer.sign(message)))
                .isTrue();
    }

    /** A traditional {@code EC PRIVATE KEY} of the value {@code d} naming {@code curve}, without its optional public key. */
    private static String sec1WithoutPublicKey(BigInteger d, ASN1ObjectIdentifier curve) throws Exception {
        return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, curve).getEncoded());
    }

    /** The fixed RSA key's numbers, as a PKCS#1 {@code RSAPrivateKey} structure to edit. */
    private static BigInteger[] rsaNumbers() {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) TestKeys.rsa().getPrivate();
        return new BigInteger[] {k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrimeP(),
            k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()};
    }

    private static byte[] pkcs1(BigInteger[] v) throws Exception {
        return new org.bouncycastle.asn1.pkcs.RSAPrivateKey(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]).getEncoded();
    }

    private static String pkcs8(byte[] pkcs1) throws Exception {
        return pem("PRIVATE KEY", new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                DERNull.INSTANCE), ASN1Primitive.fromByteArray(pkcs1)).getEncoded());
    }

    /**
     * keys26: an RSA key file whose private numbers had been edited (its modulus and public exponent, so its key id,
     * left as they were) was read, and signing with it was refused only later, as "does not verify with its own
     * key". Each edit is now refused when the file is read, as {@code RSA PRIVATE KEY} and as PKCS#8, naming the
     * file and what does not belong together; the key as it was reads from either form.
     */
    @Test
    void anRsaKeyFileWhosePrivateNumbersDoNotMatchItsModulusIsRefusedWhenRead() throws Exception {
        BigInteger two = BigInteger.TWO;
        record Edit(String name, int index, UnaryOperator<BigInteger> change, String says) {
        }
        List<Edit> edits = List.of(
                new Edit("d", 2, d -> d.add(two), "its private exponent is not the inverse of its public exponent"),
                new Edit("p", 3, p -> p.add(two), "its modulus is not the product of its two primes"),
                new Edit("q", 4, q -> BigInteger.ONE, "its modulus is not the product of its two primes"),
                new Edit("dP", 5, dp -> dp.add(two), "its CRT exponents are not its private exponent modulo p-1 and q-1"),
                new Edit("dQ", 6, dq -> dq.subtract(two), "its CRT exponents are not"),
                new Edit("qInv", 7, qi -> qi.add(BigInteger.ONE), "its CRT coefficient is not the inverse of q modulo p"));
        for (Edit edit : edits) {
            BigInteger[] numbers = rsaNumbers();
            numbers[edit.index()] = edit.change().apply(numbers[edit.index()]);
            byte[] der = pkcs1(numbers);
            for (String form : List.of("RSA PRIVATE KEY", "PRIVATE KEY")) {
                InvalidInputException e = privateKeyRefusal(edit.name() + "-" + form.length() + ".key.pem",
                        form.equals("PRIVATE KEY") ? pkcs8(der) : pem(form, der));
                assertThat(e.getMessage()).as(edit.name() + " as " + form)
                        .startsWith("not a usable private key: ").contains(edit.says()).contains("edited or damaged");
            }
        }

        BigInteger[] numbers = rsaNumbers();
        for (int i = 3; i < 8; i++) {
            numbers[i] = BigInteger.ZERO;
        }
        assertThat(privateKeyRefusal("no-primes.key.pem", pem("RSA PRIVATE KEY", pkcs1(numbers))).getMessage())
                .contains("without its primes and CRT values");

        byte[] asItWas = pkcs1(rsaNumbers());
        for (String text : List.of(pem("RSA PRIVATE KEY", asItWas), pkcs8(asItWas))) {
            Path file = dir.resolve("as-it-was.key.pem");
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            assertThat(PemKeys.readPrivateKey(file).getPublic()).isEqualTo(TestKeys.rsa().getPublic());
            Files.delete(file);
        }
    }

    /**
     * keys26: an {@code EC PRIVATE KEY} saved without its optional public key ({@code openssl ec -no_public}) was
     * refused as "not a valid elliptic-curve private key". It is read as a PKCS#8 file is, its public key derived,
     * and signs.
     */
    @Test
    void anEcPrivateKeyFileWithoutItsPublicKeyIsReadWithItsPublicKeyDerived() throws Exception {
        KeyPair own = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Path file = dir.resolve("no-public.key.pem");
        Files.writeString(file, sec1WithoutPublicKey(((ECPrivateKey) own.getPrivate()).getS(),
                SECObjectIdentifiers.secp256r1), StandardCharsets.US_ASCII);

        PemSigner signer = PemSigner.load("QA", file);

        assertThat(Crypto.identity(signer.publicKey())).isEqualTo(Crypto.identity(own.getPublic()));
        assertThat(signer.keyId()).isEqualTo(Crypto.keyId(own.getPublic()));
        byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crypto.verify(SignatureAlgorithm.ECDSA_P256_SHA256, own.getPublic(), message, signer.sign(message)))
                .isTrue();
    }

    /**
     * keys26: hostile {@code EC PRIVATE KEY} files, without and with a public key: a private value of 0, one equal to
     * or above P-256's order (which the JDK read, deriving the public key of the value modulo the order), a curve
     * other than P-256. Each refused when read, naming the file and what is wrong.
     */
    @Test
    void hostileEcPrivateKeyFilesAreRefusedWhenRead() throws Exception {
        BigInteger order = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
        assertThat(privateKeyRefusal("zero.key.pem", sec1WithoutPublicKey(BigInteger.ZERO,
                SECObjectIdentifiers.secp256r1)).getMessage()).contains("its private value is 0");
        for (BigInteger d : List.of(order, order.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(BigInteger.ONE))) {
            assertThat(privateKeyRefusal("large.key.pem", sec1WithoutPublicKey(d, SECObjectIdentifiers.secp256r1))
                    .getMessage()).as(d.toString(16)).contains("its private value is not less than the curve's order");
            Files.delete(dir.resolve("large.key.pem"));
        }
        KeyPair other = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] point = SubjectPublicKeyInfo.getInstance(other.getPublic().getEncoded()).getPublicKeyData().getBytes();
        assertThat(privateKeyRefusal("zero-with-public.key.pem", pem("EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, BigInteger.ZERO, new DERBitString(point),
                        SECObjectIdentifiers.secp256r1).getEncoded())).getMessage()).contains("its private value is 0");
        assertThat(privateKeyRefusal("p384.key.pem", sec1WithoutPublicKey(BigInteger.TEN, SECObjectIdentifiers.secp384r1))
                .getMessage()).contains("not a key the trust model allows: an ECDSA key on P-384 (secp384r1)");
        assertThat(privateKeyRefusal("k1.key.pem", sec1WithoutPublicKey(BigInteger.TEN, SECObjectIdentifiers.secp256k1))
                .getMessage()).contains("an ECDSA key on secp256k1, not on P-256");
        assertThat(privateKeyRefusal("unknown-curve.key.pem", sec1WithoutPublicKey(BigInteger.TEN,
                new ASN1ObjectIdentifier("1.2.3.4"))).getMessage()).contains("the curve 1.2.3.4, not on P-256");
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
