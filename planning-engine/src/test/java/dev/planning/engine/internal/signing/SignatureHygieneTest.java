package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.SignatureAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Low-S ECDSA only, and one key counted once whatever its encoding. */
class SignatureHygieneTest {

    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    @TempDir
    Path dir;

    @Test
    void ecdsaSignaturesMadeHereAreAlwaysLowS() {
        KeyPair pair = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        for (int i = 0; i < 64; i++) {
            byte[] signature = Crypto.sign(SignatureAlgorithm.ECDSA_P256_SHA256, pair.getPrivate(), message(i));
            // Without normalization about half of these are high-S: 64 low-S ones by chance is 2^-64.
            assertThat(Crypto.isHighS(signature)).as("signature %d", i).isFalse();
            assertThat(Crypto.verify(SignatureAlgorithm.ECDSA_P256_SHA256, pair.getPublic(), message(i), signature))
                    .isTrue();
        }
    }

    @Test
    void theHighSTwinOfAValidSignatureDoesNotVerifyThoughPlainEcdsaAcceptsIt() throws Exception {
        KeyPair pair = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] low = Crypto.sign(SignatureAlgorithm.ECDSA_P256_SHA256, pair.getPrivate(), message(1));
        byte[] high = twin(low);

        Signature plain = Signature.getInstance("SHA256withECDSA", Crypto.bc());
        plain.initVerify(pair.getPublic());
        plain.update(message(1));
        assertThat(plain.verify(high)).as("ECDSA itself accepts (r, n-s)").isTrue();
        assertThat(Crypto.isHighS(high)).isTrue();
        assertThat(Crypto.verify(SignatureAlgorithm.ECDSA_P256_SHA256, pair.getPublic(), message(1), high)).isFalse();
    }

    @Test
    void aP256KeyHasOneIdentityUnderNamedCurveAndExplicitParameters() throws Exception {
        PublicKey named = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256).getPublic();
        PublicKey explicit = PemKeys.parsePublicKey(explicitPem(named), SourceLocation.ofFile("test"));

        assertThat(Crypto.keyId(explicit)).isNotEqualTo(Crypto.keyId(named));
        assertThat(Crypto.identity(explicit)).isEqualTo(Crypto.identity(named)).isEqualTo(Crypto.keyId(named));
    }

    @Test
    void aTrustFileListingOneKeyUnderTwoEncodingsIsRefusedAtTheSecondEntry() throws Exception {
        PublicKey named = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256).getPublic();
        PublicKey explicit = PemKeys.parsePublicKey(explicitPem(named), SourceLocation.ofFile("test"));
        Path trust = dir.resolve("trust.yaml");
        Files.writeString(trust, "version: \"1.0\"\nroles:\n  TechLead:\n" + entry(named) + "  QA:\n" + entry(explicit),
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TrustFile.read(trust)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already listed as key_id " + Crypto.keyId(named))
                .hasMessageContaining("another encoding")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line())
                        .isGreaterThan(9));
    }

    /** A P-256 public key re-encoded with explicit curve parameters instead of the named-curve OID. */
    static String explicitPem(PublicKey key) throws Exception {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(ECNamedCurveTable.getByName("secp256r1"))),
                info.getPublicKeyData().getBytes());
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(explicit.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String entry(PublicKey key) throws Exception {
        String pem = key.getEncoded().length < 200 ? PemKeys.publicKeyPem(key) : explicitPem(key);
        return "    - key_id: \"" + Crypto.keyId(key) + "\"\n      algorithm: \"ECDSA-P256-SHA256\"\n      public_key: |\n"
                + pem.lines().map(l -> "        " + l + "\n").reduce("", String::concat);
    }

    private static byte[] twin(byte[] der) throws Exception {
        ASN1Sequence rs = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
        return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(N.subtract(s))}).getEncoded();
    }

    private static byte[] message(int i) {
        return ("manifest " + i).getBytes(StandardCharsets.UTF_8);
    }
}
