package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Why {@link ManifestSignatures#check} accepts only the canonical Base64 text of a signature: a
 * 71-byte ECDSA signature ends in one padding character, and the character before it carries two
 * bits the decoder ignores, so flipping one manifest bit there ('0' to '1') decodes to the same
 * signature. (TamperTest flips every manifest byte and met this with a random key.)
 */
class NonCanonicalBase64Test {

    @Test
    void aFlippedUnusedBitDecodesToTheSameSignatureButNotToTheSameText() {
        byte[] signature = new byte[71];
        signature[70] = 0x0D; // makes the character before "=" a '0' (index 52: data bits 1101, unused 00)
        String canonical = Base64.getEncoder().encodeToString(signature);
        assertThat(canonical).endsWith("0=");
        String flipped = canonical.substring(0, canonical.length() - 2) + "1=";

        assertThat(Base64.getDecoder().decode(flipped)).isEqualTo(signature);
        assertThat(Base64.getEncoder().encodeToString(Base64.getDecoder().decode(flipped))).isNotEqualTo(flipped);
    }
}
