package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.testkit.process.ChildProcesses;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link Error} a command meets ends as one line naming the command and what happened, exit code 3
 * ("no verdict": never 0, never 1 or 2 as if the check or the input had decided), no stack trace; as an
 * {@link OutOfMemoryError} does ({@link ReportHeapTest}). In child JVMs where a real one can be provoked:
 * a stack too small for the command, a jar missing from the class path.
 */
@Tag("slow")
@Tag("subprocess")
class RuntimeErrorsTest {

    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path dir;

    @Test
    void aStackOverflowEndsWithOneLineNamingTheCommandAndTheXssHintExit3() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        // 144 KiB: more than the JVM's least (136 KiB on Linux x64), less than the gate's own calls need.
        CliRun run = child(List.of("-Xss144k"), System.getProperty("java.class.path"), "gate", "-w", ws.toString(),
                "--stream", "fe", "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF");

        assumeFalse(run.err().contains("stack size specified is too small"), "this JVM's least stack is larger");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.printedStackTrace()).as(run.err()).isFalse();
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("error: `planning gate` overflowed the stack")
                .contains("no verdict").contains("PLANNING_JAVA_OPTS=-Xss8m bin/planning");
    }

    /**
     * Deeply nested input does not reach the stack: the YAML reader refuses nesting deeper than 64 levels
     * (YamlDocuments.MAX_DEPTH) as it reads (100,000 levels: a finding at the 65th), and a plan nested to that
     * bound is read to its end with a quarter of the default stack.
     */
    @Test
    void nestedInputIsBoundedByTheReaderBeforeTheStackEvenWithAQuarterOfIt() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String plan = Files.readString(ws.resolve(PLAN)).stripTrailing() + "\n";

        Files.writeString(ws.resolve(PLAN), plan + "nested: " + "[".repeat(62) + "]".repeat(62) + "\n");
        CliRun withinTheBound = child(List.of("-Xss256k"), System.getProperty("java.class.path"), "lint", "-w",
                ws.toString());
        Files.writeString(ws.resolve(PLAN), plan + "nested: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        CliRun beyondIt = child(List.of("-Xss256k"), System.getProperty("java.class.path"), "lint", "-w",
                ws.toString());

        // Read to its end: the schema then refuses the unknown field (a finding, exit 1).
        assertThat(withinTheBound.exitCode()).as(withinTheBound.out() + withinTheBound.err()).isEqualTo(1);
        assertThat(withinTheBound.out()).contains("unknown field `nested`");
        // Refused by the reader at the 65th level: a finding at its line and column, never the stack.
        assertThat(beyondIt.exitCode()).as(beyondIt.out() + beyondIt.err()).isEqualTo(1);
        assertThat(beyondIt.out()).contains(":100:73: error: the document nests deeper than 64 levels of mappings"
                + " and sequences [yaml.too-deep]");
        assertThat(beyondIt.err()).doesNotContain("overflowed the stack");
        assertThat(beyondIt.printedStackTrace()).isFalse();
    }

    @Test
    void aJarMissingFromTheClassPathEndsWithOneLineExit3() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String withoutJexl = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("commons-jexl3"))
                .collect(Collectors.joining(File.pathSeparator));

        CliRun run = child(List.of(), withoutJexl, "lint", "-w", ws.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.printedStackTrace()).as(run.err()).isFalse();
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("error: `planning lint` stopped on an error of the Java runtime (java.lang.NoClassDefFoundError: "
                        + "org/apache/commons/jexl3/")
                .contains("no verdict").contains("Check the installation");
    }

    /**
     * The rules' worker thread's {@link OutOfMemoryError} and {@link StackOverflowError} reach the command as an
     * {@link EvaluationLimitException} (MEMORY, STACK): exit 2 before, as if the input were at fault; the
     * process's limits decided, as for any other out of memory or stack overflow.
     */
    @Test
    void theRulesRunningOutOfHeapOrStackEndLikeAnyOtherErrorExit3() {
        StringWriter memory = new StringWriter();
        StringWriter stack = new StringWriter();

        int memoryCode = PlanningCommand.failure(new EvaluationLimitException(EvaluationLimitException.Limit.MEMORY,
                "rulebook /r ran out of memory in rule 'big'; evaluation stopped"), new String[] {"gate"},
                new PrintWriter(memory, true));
        int stackCode = PlanningCommand.failure(new EvaluationLimitException(EvaluationLimitException.Limit.STACK,
                "rulebook /r overflowed the stack in rule 'deep'; evaluation stopped"), new String[] {"gate"},
                new PrintWriter(stack, true));

        assertThat(memoryCode).isEqualTo(3);
        assertThat(memory.toString().strip()).doesNotContain("\n")
                .startsWith("error: `planning gate` ran out of memory (rulebook /r ran out of memory in rule 'big'")
                .contains("PLANNING_JAVA_OPTS=-Xmx2g");
        assertThat(stackCode).isEqualTo(3);
        assertThat(stack.toString().strip()).doesNotContain("\n")
                .startsWith("error: `planning gate` overflowed the stack (rulebook /r overflowed the stack in rule 'deep'")
                .contains("PLANNING_JAVA_OPTS=-Xss8m");
    }

    @Test
    void anErrorAWorkerThreadHandsOnWrappedEndsAsOneLineExit3() {
        StringWriter err = new StringWriter();

        int code = PlanningCommand.failure(new IllegalStateException(new ExecutionException(
                new ExceptionInInitializerError("static block of X failed"))), new String[] {"digest"},
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("error: `planning digest` stopped on an error of the Java runtime"
                        + " (java.lang.ExceptionInInitializerError: static block of X failed); no verdict");
    }

    /** The CLI in a child JVM with these options and class path. */
    private static CliRun child(List<String> options, String classPath, String... args) {
        List<String> command = new ArrayList<>(options);
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of("-cp", classPath, PlanningCommand.class.getName()));
        return CliRun.inChild(new ArrayList<>(ChildProcesses.java(command.toArray(String[]::new))),
                Map.of("PLANNING_NO_CACHE", "1"), args);
    }
}
