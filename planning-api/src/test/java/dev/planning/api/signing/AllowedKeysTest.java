package dev.planning.api.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one P-256 check ({@code AllowedKeys.isP256}, keys25: the engine held a copy of its own, over the JDK's curve):
 * P-256's whole domain, whatever a provider names it; another curve, or another base point, with P-256's order
 * and size is not P-256. The keys refused through it are in {@code TrustedKeyTest} and the engine's
 * {@code KeyAllowListTest} (secp256k1, a curve of P-256's size).
 */
class AllowedKeysTest {

    private static KeyPair p256Key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Explicit parameters with P-256's order on another curve would have passed a check of the order alone. */
    @Test
    void explicitCurveParametersThatAreNotP256sDomainAreRefused() throws Exception {
        ECParameterSpec p256 = ((ECPublicKey) p256Key()
                .getPublic()).getParams();
        EllipticCurve curve = p256.getCurve();
        ECParameterSpec other = new ECParameterSpec(
                new EllipticCurve(curve.getField(), curve.getA(), curve.getB().add(BigInteger.ONE)),
                p256.getGenerator(), p256.getOrder(), p256.getCofactor());

        assertThat(AllowedKeys.isP256(p256)).isTrue();
        assertThat(AllowedKeys.isP256(other)).isFalse();
        assertThat(AllowedKeys.isP256(null)).isFalse();
    }

    /** perf24, then keys25 (one implementation, here): each part of the domain decides (the order alone never would). */
    @Test
    void everyPartOfP256sDomainIsCompared() throws Exception {
        ECParameterSpec p256 = ((ECPublicKey) p256Key()
                .getPublic()).getParams();
        EllipticCurve curve = p256.getCurve();
        ECPoint g = p256.getGenerator();
        BigInteger prime = ((ECFieldFp) curve.getField()).getP();
        List<ECParameterSpec> others = List.of(
                new ECParameterSpec(new EllipticCurve(curve.getField(),
                        curve.getA().subtract(BigInteger.ONE), curve.getB()), g, p256.getOrder(), 1),
                new ECParameterSpec(new EllipticCurve(
                        new ECFieldFp(prime.nextProbablePrime()), curve.getA(), curve.getB()), g,
                        p256.getOrder(), 1),
                new ECParameterSpec(curve, new ECPoint(g.getAffineX(),
                        g.getAffineY().add(BigInteger.ONE)), p256.getOrder(), 1),
                new ECParameterSpec(curve, new ECPoint(g.getAffineX()
                        .add(BigInteger.ONE), g.getAffineY()), p256.getOrder(), 1),
                new ECParameterSpec(curve, g, p256.getOrder().add(BigInteger.TWO), 1),
                new ECParameterSpec(curve, g, p256.getOrder(), 2));

        assertThat(others).noneMatch(AllowedKeys::isP256);
        assertThat(AllowedKeys.isP256(new ECParameterSpec(curve, g, p256.getOrder(), 1))).isTrue();
    }

    /** The JDK's own P-256, as its provider names and builds it, is P-256 by the constants. */
    @Test
    void theJdksP256IsP256() throws Exception {
        assertThat(AllowedKeys.isP256(((ECPublicKey) p256Key().getPublic()).getParams()))
                .isTrue();
        assertThat(SignatureAlgorithm.ofKey(p256Key().getPublic())).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(SignatureAlgorithm.ofKey(p256Key().getPrivate())).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    }
}
