package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.HandoffManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys27: a manifest's whole numbers ({@code bytes}, {@code critical_violations}, JSON Schema {@code integer}s)
 * were read with {@code asLong()} and {@code asInt()} once the schema's validator took them: {@code 4294967297}
 * violations read as 1, {@code 18446744073709551617} (which the validator judged by its low 64 bits) as 1,
 * {@code 1e20} as the largest int, {@code 1.0000000000000001} as 1. Each value is now the whole number written,
 * or refused naming it: {@code 1.0}, {@code 1e0} and {@code -0} are 1, 1 and 0; {@code 1e400} is refused.
 */
class ManifestWholeNumbersTest {

    @TempDir
    Path workspace;

    private String manifest() {
        return new String(ManifestWriter.render(ManifestReaderTest.MANIFEST), StandardCharsets.UTF_8);
    }

    private HandoffManifest read(String text) {
        return new ManifestReader(workspace).parse(text.getBytes(StandardCharsets.UTF_8), "m.yaml").manifest();
    }

    private InvalidInputException refusal(String text) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> read(text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.location()).isPresent();
        return e;
    }

    private String critical(String value) {
        return manifest().replace("critical_violations: 0", "critical_violations: " + value);
    }

    private String bytes(String value) {
        return manifest().replace("bytes: 10", "bytes: " + value);
    }

    @Test
    void wholeNumbersWrittenWithAPointOrAnExponentAreTheWholeNumberTheyDenote() {
        assertThat(read(critical("1.0")).governance().criticalViolations()).isEqualTo(1);
        assertThat(read(critical("1e0")).governance().criticalViolations()).isEqualTo(1);
        assertThat(read(critical("-0")).governance().criticalViolations()).isZero();
        assertThat(read(bytes("1.0")).artifacts().get(0).bytes()).isEqualTo(1);
        assertThat(read(bytes("1e0")).artifacts().get(0).bytes()).isEqualTo(1);
        assertThat(read(bytes("-0")).artifacts().get(0).bytes()).isZero();
        assertThat(read(bytes("4294967297.0")).artifacts().get(0).bytes()).isEqualTo(4294967297L);
    }

    @Test
    void aCountNoIntHoldsIsRefusedNeverWrappedOrSaturated() {
        assertThat(refusal(critical("4294967297")).getMessage())
                .contains("`governance.critical_violations`: must have a maximum value of 2147483647 (found 4294967297)");
        assertThat(refusal(critical("18446744073709551617")).getMessage())
                .contains("`governance.critical_violations`: must have a maximum value of 2147483647 (found"
                        + " 18446744073709551617)");
        assertThat(refusal(critical("1e20")).getMessage())
                .contains("`governance.critical_violations`: must have a maximum value of 2147483647 (found 1E+20)");
        assertThat(refusal(bytes("18446744073709551617")).getMessage())
                .contains("`artifacts[0].bytes`: must have a maximum value of 9223372036854775807 (found"
                        + " 18446744073709551617)");
        assertThat(refusal(bytes("1e20")).getMessage()).contains("`artifacts[0].bytes`: must have a maximum value of 9223372036854775807 (found 1E+20)");
    }

    @Test
    void aFractionADoubleRoundsToAWholeNumberIsRefused() {
        assertThat(refusal(critical("1.0000000000000001")).getMessage())
                .contains("`governance.critical_violations` must be an integer (found number 1.0000000000000001)");
        assertThat(refusal(bytes("2.0000000000000001")).getMessage())
                .contains("`artifacts[0].bytes` must be an integer (found number 2.0000000000000001)");
    }

    @Test
    void aNumberBeyondADoubleIsRefusedInWordsNotAsInfinity() {
        for (String text : new String[] {critical("1e400"), bytes("1e400")}) {
            InvalidInputException e = refusal(text);

            assertThat(e.getMessage()).contains("must be an integer (found a number beyond the largest a double holds")
                    .doesNotContain("Infinity");
        }
    }
}
