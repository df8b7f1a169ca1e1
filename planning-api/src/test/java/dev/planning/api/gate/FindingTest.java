package dev.planning.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The facts a rule compared and its fix hint stay with a finding that is moved to a location. */
    @Test
    void aLocationAddedKeepsTheFactsAndTheHint() {
        Finding explained = Finding.error("c", "m").explained(Map.of("min", "2"), Optional.of("add a reviewer"));

        Finding located = explained.withLocation(WHERE);

        assertThat(located.facts()).isEqualTo(Map.of("min", "2"));
        assertThat(located.hint()).contains("add a reviewer");
        assertThat(located.location()).contains(WHERE);
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

    @Test
    void acceptsTheFactNamesTheJsonSchemasAllow() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("a", "1");
        facts.put("approvals_2", "2");
        facts.put("a" + "b".repeat(31), "3");

        assertThat(Finding.error("c", "m").explained(facts, Optional.empty()).facts()).containsExactlyEntriesOf(facts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Approvals", "2nd", "_x", "approvals-count", "approvals.count", "a b", "caf\u00e9",
        "\u0131d", "x\n", "x\u202e", "abcdefghijklmnopqrstuvwxyz0123456"})
    void refusesAFactNameTheJsonSchemasRefuseNamingIt(String name) {
        assertThatThrownBy(() -> Finding.error("plugin.check", "m").explained(Map.of(name, "v"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fact name '" + Printable.line(name) + "' of finding 'plugin.check' must match"
                        + " [a-z][a-z0-9_]{0,31}");
    }

    @Test
    void aRefusedFactNameIsQuotedShortAndOnOneLine() {
        String name = "\u001b[2J" + "x".repeat(1_000_000);

        assertThatThrownBy(() -> new Finding("c", Severity.WARNING, "m", Optional.empty(), Optional.empty(),
                Map.of(name, "v"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fact name '\\u001B[2J" + "x".repeat(36) + "...' of finding 'c' must match [a-z][a-z0-9_]{0,31}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void refusesABlankCode(String code) {
        assertThatThrownBy(() -> Finding.warning(code, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a finding's code must not be blank");
    }
}
