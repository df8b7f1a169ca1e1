package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * {@link StartupWarmUp}: which commands start it, on what kind of thread, and that a step that cannot
 * run is skipped rather than failing the command.
 */
class StartupWarmUpTest {

    @Test
    void statusLintGateAndAdvanceHaveStepsInTheOrderTheirMainThreadNeedsThemOtherCommandsNone() {
        assertThat(StartupWarmUp.stepsFor(new String[] {"status", "-w", "ws"}))
                .containsExactly("json", "sha256");
        assertThat(StartupWarmUp.stepsFor(new String[] {"lint", "-w", "ws"})).containsExactly("sha256-compiled", "exit-logger");
        assertThat(StartupWarmUp.stepsFor(new String[] {"gate", "-w", "ws"}))
                .containsExactly("json", "mapper", "yaml", "sha256", "schema", "rules-entry", "exit-logger");
        assertThat(StartupWarmUp.stepsFor(new String[] {"advance", "-w", "ws"}))
                .containsExactly("json", "mapper", "yaml", "sha256", "schema", "rules-entry", "exit-logger");
        assertThat(StartupWarmUp.stepsFor(new String[] {"verify", "-w", "ws"})).isEmpty();
        assertThat(StartupWarmUp.stepsFor(new String[] {"--version"})).isEmpty();
        assertThat(StartupWarmUp.stepsFor(new String[] {"help", "status"})).isEmpty();
        assertThat(StartupWarmUp.stepsFor(new String[0])).isEmpty();
    }

    @Test
    void aCommandWithoutStepsStartsNoThread() {
        assertThat(StartupWarmUp.start(new String[] {"verify", "-w", "ws"})).isEmpty();
        assertThat(StartupWarmUp.start(new String[0])).isEmpty();
    }

    @Test
    void theWarmUpRunsOnADaemonThreadThatEnds() throws InterruptedException {
        Optional<Thread> started = StartupWarmUp.start(new String[] {"status"});

        assertThat(started).isPresent();
        Thread thread = started.orElseThrow();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("planning-warm-up");
        thread.join(Duration.ofMinutes(1).toMillis());
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void theClassItInitialisesIsOnTheCommandsClassPath() throws ClassNotFoundException {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();

        assertThat(Class.forName(StartupWarmUp.JSON_PARSER, false, loader)).isNotNull();
        assertThat(Class.forName(StartupWarmUp.MAPPER, false, loader)).isNotNull();
        assertThat(Class.forName(StartupWarmUp.YAML, false, loader)).isNotNull();
        assertThat(Class.forName(StartupWarmUp.SCHEMA, false, loader)).isNotNull();
        for (String name : StartupWarmUp.RULES_ENTRY) {
            assertThat(Class.forName(name, false, loader)).as(name).isNotNull();
        }
    }

    /**
     * The {@code rules-entry} step describes every class an entry of the compiled-rulebook cache holds
     * for the default rulebook (the example's rules are the default ones): the entry is Drools' packages
     * written as the cache writes them, and read back noting each class; a Drools that writes other
     * classes fails here until the list follows it.
     */
    @Test
    void theRulesEntryStepDescribesEveryClassOfTheDefaultRulebooksCompiledEntry() throws Exception {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader));
        Path rules = Path.of("..", "planning-examples", "workspaces", "fe-2025-09-02", "rulebook", "rules");
        try (Stream<Path> files = Files.list(rules)) {
            for (Path drl : files.filter(file -> file.toString().endsWith(".drl")).sorted().toList()) {
                builder.add(ResourceFactory.newByteArrayResource(Files.readAllBytes(drl))
                        .setSourcePath("rules/" + drl.getFileName()), ResourceType.DRL);
            }
        }
        assertThat(builder.hasErrors()).as(builder.getErrors().toString()).isFalse();
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(entry)) {
            out.writeObject(new ArrayList<>(builder.getKnowledgePackages()));
        }

        Set<String> read = new LinkedHashSet<>();
        try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(entry.toByteArray()), loader)) {
            in.setObjectInputFilter(info -> {
                if (info.serialClass() != null && !info.serialClass().isArray()) {
                    read.add(info.serialClass().getName());
                }
                return ObjectInputFilter.Status.UNDECIDED;
            });
            in.readObject();
        }

        assertThat(read).hasSizeGreaterThan(50);
        assertThat(StartupWarmUp.RULES_ENTRY).containsAll(read);
    }

    @Test
    void aStepThatCannotRunIsSkippedAndTheOthersStillRun() {
        List<String> steps = List.of("no-such-step", "json", "mapper", "yaml", "schema", "sha256",
                "sha256-compiled", "rules-entry", "exit-logger");

        assertThatCode(() -> StartupWarmUp.run(steps)).doesNotThrowAnyException();
    }
}
