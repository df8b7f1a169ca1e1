package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile rulebook corpus ({@code src/test/resources/hostile-rules/*.drl}): every file says on
 * its first line whether it must be refused at load ({@code // expect: refused}) or is harmless
 * ({@code // expect: harmless}). A refused file must be refused with its own file, a line and a
 * column; a harmless one must compile, and its evaluation must end (with a decision or a bounded
 * error) without starting a process, writing a file or leaving its worker thread running.
 */
@Tag("slow")
@Tag("hostile")
class HostileRulebookCorpusTest {

    private static final String REFUSED = "// expect: refused";
    private static final String HARMLESS = "// expect: harmless";

    @TempDir
    Path dir;

    static Stream<String> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(HostileRulebookCorpusTest.class.getResource("/hostile-rules").toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList().stream();
        }
    }

    private static String read(String name) throws IOException {
        try (var in = HostileRulebookCorpusTest.class.getResourceAsStream("/hostile-rules/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private DroolsGovernanceEngine load(String name, String text) {
        var rulebook = TestRulebooks.withRules(dir, Map.of("rules/" + name, text),
                Map.of("max_rule_firings", 20_000.0, "max_evaluation_seconds", 2.0));
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(rulebook);
    }

    @Test
    void theCorpusHasOverOneHundredCasesEachWithAnExpectation() throws Exception {
        List<String> names = corpus().toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(100);
        for (String name : names) {
            assertThat(read(name)).as(name).satisfiesAnyOf(t -> assertThat(t).startsWith(REFUSED),
                    t -> assertThat(t).startsWith(HARMLESS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCaseIsRefusedAtLoadWithALocationOrProvenHarmless(String name) throws Exception {
        String text = read(name);
        if (text.startsWith(REFUSED)) {
            Throwable thrown = catchThrowable(() -> load(name, text));
            assertThat(thrown).as(name).isInstanceOf(InvalidInputException.class);
            SourceLocation where = ((InvalidInputException) thrown).location().orElseThrow();
            assertThat(where.file()).isEqualTo("rules/" + name);
            assertThat(where.line()).as(thrown.getMessage()).isPositive();
            assertThat(where.column()).as(thrown.getMessage()).isPositive();
        } else {
            assertThat(text).startsWith(HARMLESS);
            long children = ProcessHandle.current().children().count();
            DroolsGovernanceEngine engine = load(name, text);
            var input = Inputs.input(Inputs.goodTask("FE-1").owner("a".repeat(24) + "!").build(),
                    Inputs.goodTask("FE-2").build(), Inputs.goodCriticalTask("FE-3").build());
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    engine.evaluate(input);
                } catch (PlanningException bounded) {
                    // a firing or time bound stopped it: an error, not a verdict, and nothing else happened
                }
            });
            assertThat(ProcessHandle.current().children().count()).isEqualTo(children);
            try (Stream<Path> written = Files.walk(dir)) {
                assertThat(written.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                        .containsExactly("rules/" + name);
            }
            // A bounded evaluation's thread is interrupted and ends on its own: give it time, however
            // loaded the machine is (a thread that never ends, a leak, still fails here).
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("planning-rules-evaluation")) {
                    t.join(60_000);
                }
            }
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().equals("planning-rules-evaluation") && t.isAlive());
        }
    }
}
