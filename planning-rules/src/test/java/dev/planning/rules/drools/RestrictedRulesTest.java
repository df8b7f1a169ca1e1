package dev.planning.rules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RestrictedRulesTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            """;

    private static void check(String drl) {
        RestrictedRules.check("rules/x.drl", drl.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsEveryShippedRuleFile() throws Exception {
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("src/main/resources")), Files.walk(Path.of("../planning-examples")))) {
            var drl = files.filter(p -> p.toString().endsWith(".drl")).toList();
            assertThat(drl).isNotEmpty();
            for (Path file : drl) {
                assertThatCode(() -> RestrictedRules.check(file.toString(), Files.readAllBytes(file)))
                        .as(file.toString()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void acceptsForbiddenWordsInsideStringsAndComments() {
        assertThatCode(() -> check(HEAD + """
                // System.exit would be refused in code, not in a comment
                rule "r" when $t : TaskFact(owner == "System") then
                    insert(Report.violation(kcontext, $t, "Runtime owner java.io.File"));
                end
                """)).doesNotThrowAnyException();
    }

    static Stream<Arguments> hostileRules() {
        return Stream.of(
                Arguments.of("import java.io.File;\n", "import java.io.File", 6),
                Arguments.of("import java.lang.reflect.Method;\n", "java.lang.reflect.Method", 6),
                Arguments.of("global java.net.Socket socket;\n", "global socket", 6),
                Arguments.of("function void boom() { }\n", "function boom", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then System.exit(3); end\n", "'System'", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then\n  Runtime.getRuntime().halt(0);\nend\n", "'Runtime'", 7),
                Arguments.of("rule \"r\" when $t : TaskFact() then new ProcessBuilder(\"sh\").start(); end\n",
                        "'ProcessBuilder'", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then $t.getClass().getClassLoader(); end\n", "'getClass'", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then new java.io.File(\"x\").delete(); end\n",
                        "'java.io.File'", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then Thread.sleep(100000); end\n", "'Thread'", 6),
                Arguments.of("rule \"exit\"\n    dialect \"mvel\"\nwhen\n    $t : TaskFact()\nthen\n    System.exit(0);\nend\n",
                        "'System'", 11));
    }

    @ParameterizedTest
    @MethodSource("hostileRules")
    void refusesRulesThatReachOutsideTheFacts(String rule, String named, int line) {
        assertThatThrownBy(() -> check(HEAD + "\n" + rule))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(named)
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("rules/x.drl");
                    assertThat(where.line()).isEqualTo(line);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {RestrictedRules.MAX_DRL_BYTES + 1, 5 * RestrictedRules.MAX_DRL_BYTES})
    void refusesOversizedRuleFilesInEitherMode(int size) {
        assertThatThrownBy(() -> RestrictedRules.requireSize("rules/big.drl", size))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limited to");
    }
}
