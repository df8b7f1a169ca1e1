package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the CLI's {@code --format json} documents, under {@code src/test/resources/golden/}:
 * a mismatch (or a missing file) fails and leaves the actual bytes under {@code target/golden-actual/};
 * nothing is rewritten in place.
 */
final class CliGolden {

    private CliGolden() {
    }

    /** What {@code --format json} prints for {@code json}. */
    static String printed(Object json) {
        StringWriter written = new StringWriter();
        Reports.print(new PrintWriter(written), OutputFormat.json, json, () -> "text");
        return written.toString();
    }

    /** Asserts that {@code actual} is exactly the resource {@code golden/<name>}. */
    static void assertMatches(String name, String actual) {
        String expected;
        try (InputStream in = CliGolden.class.getClassLoader().getResourceAsStream("golden/" + name)) {
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!actual.equals(expected)) {
                Path out = Path.of("target", "golden-actual", name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(expected).as("golden file golden/%s (actual bytes in target/golden-actual/)", name).isNotNull();
        assertThat(actual).as("bytes of golden/%s", name).isEqualTo(expected);
    }
}
