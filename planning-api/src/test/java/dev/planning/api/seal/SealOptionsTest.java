package dev.planning.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SealOptionsTest {

    /** misc41: an empty prior id (an unset variable) names no manifest, so it is refused where it is given. */
    @Test
    void aBlankPriorManifestIdIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> SealOptions.defaults().withPriorManifestId(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priorManifestId is empty: expected the prior manifest's id");
        assertThat(SealOptions.defaults().withPriorManifestId("m-1").priorManifestId()).contains("m-1");
    }
}
