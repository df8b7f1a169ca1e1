package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Gate;
import dev.planning.engine.fixtures.Plans;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack26: two gates registered with {@link java.util.ServiceLoader} under one name (a plug-in's jar naming its
 * gate {@code release_readiness}, the built-in that checks the seal's signatures) are refused when the workspace is
 * built, in either order of the class path; before, the first found was kept and the other dropped without a word,
 * so a class loader that lists its own jars first (a web application's) ran the plug-in's gate in the built-in's
 * place. A gate given to {@code Planning.builder().gate(...)} still replaces a registered one of its name.
 */
class RegisteredGateNamesTest {

    @TempDir
    Path workspace;

    @TempDir
    Path plugin;

    private void rulebook() {
        Plans.write(workspace, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
                    - {transition: "PACKAGED->EXECUTED", gates: [release_readiness]}
                default_profile: fe
                """);
        Plans.feWorkspace(workspace);
    }

    /** A plug-in's jar: a services file naming {@link AlwaysPassingReleaseReadinessGate}. */
    private Path pluginRegisteringReleaseReadiness() throws IOException {
        Path services = plugin.resolve("META-INF/services/" + Gate.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, AlwaysPassingReleaseReadinessGate.class.getName() + "\n", StandardCharsets.UTF_8);
        return plugin;
    }

    /** Lists its own resources before its parent's, as a web application's class loader does. */
    private static final class OwnFirst extends URLClassLoader {
        OwnFirst(Path classes) throws IOException {
            super(new URL[] {classes.toUri().toURL()}, RegisteredGateNamesTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> urls = Collections.list(findResources(name));
            urls.addAll(Collections.list(getParent().getResources(name)));
            return Collections.enumeration(urls);
        }
    }

    @Test
    void aPluginsGateUnderABuiltInsNameIsRefusedWhenItsJarIsListedFirst() throws IOException {
        rulebook();
        try (URLClassLoader loader = new OwnFirst(pluginRegisteringReleaseReadiness())) {
            assertThatThrownBy(() -> Planning.builder().workspace(workspace).classLoader(loader).build())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("two gates registered in META-INF/services/" + Gate.class.getName()
                            + " are named 'release_readiness'")
                    .hasMessageContaining(AlwaysPassingReleaseReadinessGate.class.getName())
                    .hasMessageContaining("dev.planning.engine.internal.seal.ReleaseReadinessGate")
                    .hasMessageContaining("Planning.builder().gate(...)");
        }
        assertThat(workspace.resolve("frameworks/planning-fe/events")).doesNotExist();
    }

    @Test
    void aPluginsGateUnderABuiltInsNameIsRefusedWhenItsJarIsListedLast() throws IOException {
        rulebook();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginRegisteringReleaseReadiness().toUri().toURL()},
                RegisteredGateNamesTest.class.getClassLoader())) {
            assertThatThrownBy(() -> Planning.builder().workspace(workspace).classLoader(loader).build())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("are named 'release_readiness'")
                    .hasMessageContaining(AlwaysPassingReleaseReadinessGate.class.getName());
        }
    }

    @Test
    void aGateGivenToTheBuilderSettlesTheNameItReplaces() throws IOException {
        rulebook();
        AlwaysPassingReleaseReadinessGate chosen = new AlwaysPassingReleaseReadinessGate();
        try (URLClassLoader loader = new OwnFirst(pluginRegisteringReleaseReadiness())) {
            PlanningWorkspace ws = Planning.builder().workspace(workspace).classLoader(loader).gate(chosen).build();

            assertThat(ws).isNotNull();
        }
    }

    @Test
    void theBuiltInsFoundThroughTwoClassLoadersAreOneGateEach() throws IOException {
        rulebook();
        // Not the engine's loader: the registry loads the built-ins through the engine's loader as well.
        try (URLClassLoader loader = new URLClassLoader(new URL[0], RegisteredGateNamesTest.class.getClassLoader())) {
            PlanningWorkspace ws = Planning.builder().workspace(workspace).classLoader(loader).build();

            assertThat(ws).isNotNull();
        }
    }
}
