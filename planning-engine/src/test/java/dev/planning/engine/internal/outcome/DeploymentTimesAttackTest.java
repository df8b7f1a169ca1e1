package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.digest.DigestFrontMatter;
import dev.planning.engine.internal.document.MarkdownDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenth review (2026-12-04): RFC 3339 lets a space stand for the {@code T} of a date-time, and the
 * schema validator accepted {@code 2025-08-21 15:00:00Z}; the readers then parse the valid document
 * with {@code java.time}, which does not, and a {@code DateTimeParseException} left the reader
 * (an internal error, not the located exit 2). A committed deployments file or digest did it. The
 * schemas' {@code date-time} now also asks that {@code java.time} parses the value.
 */
class DeploymentTimesAttackTest {

    private static byte[] deployments(String time) {
        return ("version: \"1.0\"\ndeployments:\n  - id: D-1\n    time: \"" + time + "\"\n    status: success\n"
                + "    commits: []\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-08-21 15:00:00Z", "2025-08-21 15:00:00+02:00"})
    void aDeploymentTimeWithASpaceForTheTIsRefusedAtItsLine(String time) {
        assertThatThrownBy(() -> new DeploymentLogReader().parse(deployments(time), "deployments.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a date-time")
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).map(SourceLocation::line)
                        .contains(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-08-21T15:00:00Z", "2025-08-21t15:00:00z", "2025-08-21T15:00:00.5+02:00"})
    void theDateTimesJavaTimeReadsAreStillAccepted(String time) {
        assertThat(new DeploymentLogReader().parse(deployments(time), "deployments.yaml").deployments()).hasSize(1);
    }

    @Test
    void aDigestGeneratedAtWithASpaceForTheTIsRefusedLocated() {
        String digest = """
                ---
                version: "1.0"
                cycle_id: "2025-09-02"
                stream: fe
                generated_at: "2025-09-02 10:00:00Z"
                ---
                body
                """;

        assertThatThrownBy(() -> DigestFrontMatter.read(MarkdownDocuments.parse(
                digest.getBytes(StandardCharsets.UTF_8), "digests/2025-09-02.md").frontMatter()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("generated_at");
    }
}
