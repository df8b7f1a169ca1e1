package dev.planning.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
@Tag("subprocess")
class ChildProcessesTest {

    /** Prints the JVM's temporary directory: the child of the first test. */
    public static void main(String[] args) {
        System.out.print(System.getProperty("java.io.tmpdir"));
    }

    @Test
    void aChildJvmStartedThroughJavaHasThisJvmsTemporaryDirectory() throws Exception {
        List<String> command = ChildProcesses.java("-cp", System.getProperty("java.class.path"),
                ChildProcessesTest.class.getName());

        assertThat(output(new ProcessBuilder(command))).isEqualTo(ChildProcesses.temporaryDirectory().toString());
    }

    @Test
    void aScriptGetsThisJvmsTemporaryDirectoryAsTmpdirAndAsTheLaunchersJavaOption() throws Exception {
        ProcessBuilder script = new ProcessBuilder("bash", "-c", "printf '%s|%s' \"$TMPDIR\" \"$PLANNING_JAVA_OPTS\"");
        script.environment().remove("PLANNING_JAVA_OPTS");

        assertThat(output(ChildProcesses.passTemporaryDirectory(script))).isEqualTo(
                ChildProcesses.temporaryDirectory() + "|-Djava.io.tmpdir=" + ChildProcesses.temporaryDirectory());
    }

    @Test
    void launcherOptionsGivenAlreadyAreKeptAndComeFirst() {
        ProcessBuilder launcher = new ProcessBuilder("bin/planning");
        launcher.environment().put("PLANNING_JAVA_OPTS", "-Xmx64m");

        ChildProcesses.passTemporaryDirectory(launcher);

        assertThat(launcher.environment().get("PLANNING_JAVA_OPTS"))
                .isEqualTo("-Xmx64m " + ChildProcesses.temporaryDirectoryOption());
    }

    private static String output(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
