package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * An internal error is one line on standard error. Twelfth review (2026-12-04): an exception that is
 * not the tool's own may quote what it read (the JDK's "No enum constant ..." quotes a database row's
 * state), and the line was written as the message held it, so such a row printed lines of its own.
 */
class InternalErrorLineTest {

    @Test
    void anInternalErrorQuotingARowIsOneLine() {
        StringWriter err = new StringWriter();

        int code = PlanningCommand.failure(new IllegalArgumentException(
                "No enum constant dev.planning.api.lifecycle.CycleState.X\nok: checked 3 cycle(s)\u202e"),
                new PrintWriter(err, true));

        assertThat(code).isNotZero();
        assertThat(err.toString().lines().filter(l -> l.startsWith("internal error:"))).singleElement()
                .asString().contains("CycleState.X\\u000Aok: checked 3 cycle(s)\\u202E");
        assertThat(err.toString()).doesNotContain("\nok: checked").doesNotContain("\u202e");
    }
}
