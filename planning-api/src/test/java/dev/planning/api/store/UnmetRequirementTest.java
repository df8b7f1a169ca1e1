package dev.planning.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.rulebook.SigningRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An unmet requirement holds only a count of signers that does not meet it. */
class UnmetRequirementTest {

    private static final SigningRequirement TWO_LEADS = new SigningRequirement(List.of("TechLead", "QA"), 2);

    @Test
    void saysHowManyMoreSignersItNeeds() {
        assertThat(new CycleQueries.UnmetRequirement(TWO_LEADS, 0).missing()).isEqualTo(2);
        assertThat(new CycleQueries.UnmetRequirement(TWO_LEADS, 1).missing()).isEqualTo(1);
    }

    @Test
    void refusesACountThatMeetsTheRequirementOrIsNegative() {
        assertThatThrownBy(() -> new CycleQueries.UnmetRequirement(TWO_LEADS, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 of [TechLead, QA]");
        assertThatThrownBy(() -> new CycleQueries.UnmetRequirement(TWO_LEADS, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CycleQueries.UnmetRequirement(null, 0))
                .isInstanceOf(NullPointerException.class).hasMessage("requirement");
    }
}
