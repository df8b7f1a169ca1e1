package dev.planning.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.SourceLocation;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingTest {

    private static final SourceLocation WHERE = new SourceLocation("plan.yaml", 3, 5);

    @Test
    void eachSeverityHasFactoriesWithAndWithoutALocation() {
        assertThat(Finding.error("c", "m")).isEqualTo(new Finding("c", Severity.ERROR, "m", Optional.empty(), Optional.empty()));
        assertThat(Finding.warning("c", "m")).isEqualTo(new Finding("c", Severity.WARNING, "m", Optional.empty(), Optional.empty()));
        assertThat(Finding.info("c", "m")).isEqualTo(new Finding("c", Severity.INFO, "m", Optional.empty(), Optional.empty()));
        assertThat(Finding.error("c", "m", WHERE).location()).contains(WHERE);
        assertThat(Finding.warning("c", "m", WHERE)).isEqualTo(Finding.warning("c", "m").withLocation(WHERE));
        assertThat(Finding.info("c", "m", WHERE)).isEqualTo(Finding.of(Severity.INFO, "c", "m").withLocation(WHERE));
    }

    @Test
    void addsATaskAndALocationWithoutLosingTheRest() {
        Finding finding = Finding.warning("c", "m").withTask("FE-1").withLocation(WHERE);

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.taskId()).contains("FE-1");
        assertThat(finding.location()).contains(WHERE);
        assertThat(finding.describe()).isEqualTo("plan.yaml:3:5: warning: m [c]");
    }

    @Test
    void describesOnOneLineWhateverTheMessageTheFileOrTheHintHolds() {
        Finding finding = Finding.error("ref.dangling", "parent `FE-9\n0 error(s): lint passed\u001b[8m`",
                new SourceLocation("a\rb.yaml", 1, 2)).explained(Map.of("v", "\u202e"), Optional.of("x\ny"));

        assertThat(finding.describe()).isEqualTo("a\\u000Db.yaml:1:2: error: parent `FE-9\\u000A0 error(s): lint passed"
                + "\\u001B[8m` (v: \\u202E); fix: x\\u000Ay [ref.dangling]");
        assertThat(finding.message()).contains("\n");
    }

    @Test
    void refusesANullCodeOrMessageNamingIt() {
        assertThatThrownBy(() -> Finding.info(null, "m")).isInstanceOf(NullPointerException.class).hasMessage("code");
        assertThatThrownBy(() -> Finding.error("c", null)).isInstanceOf(NullPointerException.class).hasMessage("message");
        assertThatThrownBy(() -> Finding.of(null, "c", "m")).isInstanceOf(NullPointerException.class).hasMessage("severity");
    }
}
