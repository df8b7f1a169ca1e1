package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorListTest {

    private static List<Finding> errors(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> Finding.error("schema.x", "mistake " + i, new SourceLocation("m.yaml", i, 1)))
                .toList();
    }

    @Test
    void oneErrorIsItsOwnMessage() {
        InvalidInputException e = ErrorList.exception("invalid manifest", errors(1), null);

        assertThat(e.getMessage()).isEqualTo("invalid manifest: mistake 1");
        assertThat(e.location()).contains(new SourceLocation("m.yaml", 1, 1));
    }

    @Test
    void listsEveryErrorLocated() {
        InvalidInputException e = ErrorList.exception("invalid manifest", errors(15), null);

        assertThat(e.getMessage()).startsWith("invalid manifest: 15 errors:\n  m.yaml:1:1: mistake 1\n")
                .contains("\n  m.yaml:15:1: mistake 15").doesNotContain("more");
    }

    @Test
    void boundsTheListAndSaysHowManyMore() {
        String message = ErrorList.message("bad", errors(ErrorList.MAX_SHOWN + 7));

        assertThat(message).contains("mistake " + ErrorList.MAX_SHOWN).doesNotContain("mistake " + (ErrorList.MAX_SHOWN + 1))
                .endsWith("\n  and 7 more");
    }
}
