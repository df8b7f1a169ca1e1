package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples on the module path (issue #13, item 4): every planning jar names its module, the
 * jars of the examples' closure carry module descriptors (requires, uses, provides), and
 * {@code EmbeddingExample} runs with the runtime closure on {@code --module-path} and no other flag
 * (no {@code --add-modules}, {@code --add-opens}, {@code --add-reads} or class path). Runs after
 * {@code package} (surefire's {@code jar-tests} execution), against the built jars.
 */
@EnabledIfSystemProperty(named = "examples.jar", matches = ".+",
        disabledReason = "needs the built jars: runs in the jar-tests execution of mvn verify")
class ModulePathIT {

    @TempDir
    Path dir;

    @Test
    void everyPlanningJarNamesItsModule() throws IOException {
        List<Path> planningJars = new ArrayList<>(modulePath().stream()
                .filter(jar -> jar.getFileName().toString().startsWith("planning-"))
                .toList());
        // Built before this module in the reactor, though not in the examples' closure. The jars
        // built after it (planning-cli, planning-maven-plugin) get the same name from the parent's
        // jar configuration and their pom's module.name (checked below); CliJarIT reads the CLI's.
        Path examplesJar = Path.of(System.getProperty("examples.jar"));
        String version = examplesJar.getFileName().toString().replaceFirst("^planning-examples-(.*)\\.jar$", "$1");
        planningJars.add(Path.of("..", "planning-report", "target", "planning-report-" + version + ".jar"));
        assertThat(planningJars).extracting(jar -> jar.getFileName().toString())
                .anyMatch(name -> name.startsWith("planning-api"))
                .anyMatch(name -> name.startsWith("planning-engine"))
                .anyMatch(name -> name.startsWith("planning-rules"))
                .anyMatch(name -> name.startsWith("planning-examples"))
                .anyMatch(name -> name.startsWith("planning-report"));
        for (String module : List.of("planning-cli", "planning-maven-plugin")) {
            assertThat(Files.readString(Path.of("..", module, "pom.xml"), StandardCharsets.UTF_8)).as(module)
                    .contains("<module.name>dev.planning." + module.substring("planning-".length())
                            .replace("maven-plugin", "maven") + "</module.name>");
        }
        for (Path jar : planningJars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                String artifact = jar.getFileName().toString().replaceFirst("-\\d.*$", "");
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).as(jar.toString())
                        .isEqualTo("dev.planning." + artifact.substring("planning-".length()).replace("maven-plugin", "maven"));
            }
        }
    }

    @Test
    void theLibraryJarsAreExplicitModulesThatDeclareTheirServices() throws IOException {
        Map<String, ModuleDescriptor> modules = new HashMap<>();
        for (ModuleReference reference : ModuleFinder.of(modulePath().toArray(Path[]::new)).findAll()) {
            modules.put(reference.descriptor().name(), reference.descriptor());
        }
        for (String name : List.of("dev.planning.api", "dev.planning.engine", "dev.planning.rules",
                "dev.planning.report", "dev.planning.examples")) {
            assertThat(modules.get(name)).as(name).isNotNull();
            assertThat(modules.get(name).isAutomatic()).as(name + " has a module descriptor").isFalse();
        }
        ModuleDescriptor engine = modules.get("dev.planning.engine");
        assertThat(engine.uses()).contains("dev.planning.api.gate.Gate", "dev.planning.api.governance.GovernanceEngineFactory");
        assertThat(engine.exports()).filteredOn(e -> !e.isQualified()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.planning.engine");
        assertThat(modules.get("dev.planning.rules").provides()).extracting(ModuleDescriptor.Provides::service)
                .contains("dev.planning.api.gate.Gate", "dev.planning.api.governance.GovernanceEngineFactory");
        assertThat(modules.get("dev.planning.rules").exports()).extracting(ModuleDescriptor.Exports::source)
                .doesNotContain("dev.planning.rules.internal.drools", "dev.planning.rules.internal.gate");
    }

    @Test
    void theLibraryShipsNoLoggingBinding() throws IOException {
        // The embedder picks the SLF4J provider; the CLI alone brings slf4j-nop.
        assertThat(modulePath()).extracting(jar -> jar.getFileName().toString())
                .anyMatch(name -> name.startsWith("slf4j-api-"))
                .noneMatch(name -> name.startsWith("slf4j-nop") || name.startsWith("slf4j-simple")
                        || name.startsWith("logback-") || name.startsWith("log4j-slf4j") || name.startsWith("slf4j-jdk14")
                        || name.startsWith("slf4j-reload4j"));
    }

    @Test
    void theEmbeddingExampleRunsOnTheModulePath() throws Exception {
        Path ws = copyExample("fe-2025-09-02", dir.resolve("ws"));
        String modulePath = String.join(File.pathSeparator, modulePath().stream().map(Path::toString).toList());
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The test JVM's temporary directory, which the build checks is left empty (no test kit here).
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "--module-path", modulePath,
                "-m", "dev.planning.examples/dev.planning.examples.EmbeddingExample", ws.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("fe/2025-09-02 is now READY_FOR_HANDOFF").doesNotContain("Exception");
    }

    @Test
    void aRuleUsingMatchesRunsRe2OnTheModulePath() throws Exception {
        // matches is compiled to a call of dev.planning.rules.facts.LinearRegex, which uses RE2/J (an
        // automatic module): the compiled rules must reach the call, and it must match.
        Path ws = copyExample("fe-2025-09-02", dir.resolve("ws"));
        Path critical = ws.resolve("rulebook/rules/critical.drl");
        Files.writeString(critical, Files.readString(critical, StandardCharsets.UTF_8) + "\nrule \"owner-named\"\n"
                + "    @severity(CRITICAL)\nwhen\n    $t : TaskFact(id == \"FE-1\", owner matches \"[^ ]+\")\nthen\n"
                + "    insert(Report.violation(kcontext, $t, \"owner matched\"));\nend\n", StandardCharsets.UTF_8);
        String modulePath = String.join(File.pathSeparator, modulePath().stream().map(Path::toString).toList());
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "--module-path", modulePath,
                "-m", "dev.planning.examples/dev.planning.examples.EmbeddingExample", ws.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);

        // The rule fired on FE-1 alone, so the transition was refused: exit 1, no exception.
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("error: FE-1 violates owner-named: owner matched")
                .doesNotContain("FE-10 violates owner-named").doesNotContain("Exception");
    }

    /** A copy of an example workspace of this module (the examples' other tests, with their helpers, are in planning-examples-tests). */
    private static Path copyExample(String name, Path target) throws IOException {
        Path source = Path.of("workspaces", name).toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return target;
    }

        /** The examples jar and its runtime closure, as jars. */
    private static List<Path> modulePath() throws IOException {
        List<Path> jars = new ArrayList<>();
        jars.add(Path.of(System.getProperty("examples.jar")));
        String classpath = Files.readString(Path.of(System.getProperty("runtime.classpath.file")), StandardCharsets.UTF_8).strip();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            assertThat(path.toString()).as("the runtime closure is made of jars").endsWith(".jar");
            jars.add(path);
        }
        return jars;
    }
}
