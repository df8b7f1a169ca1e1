package dev.planning.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * javadoc28: the example of {@link ChildProcesses}' Javadoc, a tagged region here, run: the child JVM it starts and
 * the script it prepares both get this JVM's temporary directory ({@code JavadocExamplesTest} holds the Javadoc to it).
 */
@Tag("slow")
@Tag("subprocess")
class ChildProcessesExampleTest {

    @Test
    void theChildAndTheScriptOfTheExampleGetThisJvmsTemporaryDirectory() throws Exception {
        // tag::childprocessesjavadoc[]
        List<String> command = ChildProcesses.java("-cp", System.getProperty("java.class.path"), Main.class.getName());
        Process child = new ProcessBuilder(command).start();

        ProcessBuilder script = ChildProcesses.passTemporaryDirectory(new ProcessBuilder("bash", "run.sh"));
        // end::childprocessesjavadoc[]

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(ChildProcesses.temporaryDirectory().toString());
        assertThat(script.environment()).containsEntry("TMPDIR", ChildProcesses.temporaryDirectory().toString());
    }

    /** The child of the example: prints its temporary directory. */
    static final class Main {

        private Main() {
        }

        public static void main(String[] args) {
            System.out.print(System.getProperty("java.io.tmpdir"));
        }
    }
}
