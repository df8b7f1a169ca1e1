package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Text40: an {@link Error} that ends a run outside the command's own run wrote its line through a writer of its
 * own, outside the pair the command's standard output went through ({@link ShownWriter#pair}): in one pipe
 * (2>&1, a CI job's log) what the output's writer still held came after the error line, or never.
 */
class MainErrorLineTest {

    @Test
    void anErrorsLineFollowsWhatTheOutputWroteInTheOnePipe() {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        PrintWriter out = PlanningCommand.utf8(pipe);
        PrintWriter err = PlanningCommand.utf8(pipe);
        ShownWriter[] shown = ShownWriter.pair(out, err);
        new PrintWriter(shown[0]).print("FE-12 judged");

        int code = PlanningCommand.failed(new LinkageError("no class x"), new String[] {"lint"}, shown[1], err);

        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(pipe.toString(StandardCharsets.UTF_8)).startsWith("FE-12 judged")
                .contains("error: `planning lint` stopped on an error of the Java runtime (java.lang.LinkageError: no class x)");
    }
}
