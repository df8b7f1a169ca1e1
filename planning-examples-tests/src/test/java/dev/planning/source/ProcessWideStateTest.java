package dev.planning.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A test class that sets or clears a system property, switches the process's compiled-rulebook cache
 * ({@code CompiledRulebooks.cacheAcrossRuns}) or assigns a static field of a class (a test seam such as
 * {@code FileEventStore.appendFault}), runs alone: the fast set runs test classes two at
 * a time in one JVM, and a property is seen by every class running beside it. (A class that set
 * {@code planning.rules.mode=trusted} for one test made two cache tests of its module fail now and
 * then: with the policy-language check off beside them, no verdict was read.) Such a class is
 * {@code @Isolated} or holds a {@code @ResourceLock} on what it changes; a file without tests (a
 * helper the tests call) is not judged here, its callers are.
 */
class ProcessWideStateTest {

    /** The repository's directory (tests run with this module's directory as the working directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A system property set or cleared, or the compiled-rulebook cache switched for the whole process. */
    private static final Pattern SETS_A_PROPERTY = Pattern.compile(
            "\\bSystem\\s*\\.\\s*(setProperty|clearProperty)\\s*\\(|\\bCompiledRulebooks\\s*\\.\\s*cacheAcrossRuns\\s*\\("
                    // A static field of a class assigned: a test seam such as FileEventStore.appendFault (errors24's
                    // fault, set beside other classes, failed their appends in the fast set).
                    + "|\\b[A-Z]\\w*\\s*\\.\\s*[a-z]\\w*\\s*=(?!=)");

    private static final Pattern RUNS_ALONE = Pattern.compile("@(Isolated|ResourceLock)\\b");

    private static final Pattern HAS_TESTS = Pattern.compile("@(Test|ParameterizedTest|Property|TestFactory)\\b");

    @Test
    void everyTestClassThatChangesProcessWideStateRunsAlone() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path source : testSources()) {
            String name = ROOT.relativize(source).toString().replace('\\', '/');
            problems.addAll(problems(name, Files.readString(source, StandardCharsets.UTF_8)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void findsAClassThatSetsAPropertyBesideOthersAndPassesOneThatRunsAlone() {
        String shared = String.join("\n",
                "class A {",
                "    @Test",
                "    void t() { System.setProperty(\"k\", \"v\"); }",
                "}");
        String alone = "@Isolated(\"sets k\")\n" + shared;
        String mentioned = String.join("\n",
                "class B {",
                "    // System.setProperty(\"k\", \"v\") would be shared",
                "    @Test",
                "    void t() { String s = \"System.clearProperty(k)\"; }",
                "}");
        String helper = "class Broker {\n    void start() { System.setProperty(\"k\", \"v\"); }\n}";
        String cache = "class C {\n    @Test\n    void t() { CompiledRulebooks.cacheAcrossRuns(env); }\n}";
        String seam = "class D {\n    @Test\n    void t() { FileEventStore.appendFault = at -> { }; }\n}";
        String compared = "class E {\n    @Test\n    void t() { boolean b = Store.count == 1; }\n}";

        assertThat(problems("A.java", shared)).containsExactly(
                "A.java: changes process-wide state (a system property, the rulebook cache, a static field) but is neither @Isolated nor under a @ResourceLock");
        assertThat(problems("A.java", alone)).isEmpty();
        assertThat(problems("B.java", mentioned)).isEmpty();
        assertThat(problems("Broker.java", helper)).isEmpty();
        assertThat(problems("C.java", cache)).hasSize(1);
        assertThat(problems("D.java", seam)).hasSize(1);
        assertThat(problems("E.java", compared)).isEmpty();
    }

    private static List<String> problems(String name, String source) {
        String code = JavaText.code(source);
        if (SETS_A_PROPERTY.matcher(code).find() && HAS_TESTS.matcher(code).find() && !RUNS_ALONE.matcher(code).find()) {
            return List.of(name + ": changes process-wide state (a system property, the rulebook cache, a static field) but is neither @Isolated nor under a @ResourceLock");
        }
        return List.of();
    }

    private static List<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString().replace('\\', '/');
                        return relative.contains("/src/test/java/") && !relative.contains("/target/")
                                && !relative.startsWith(".");
                    })
                    .sorted().toList();
        }
    }
}
