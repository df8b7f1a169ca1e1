package dev.planning.cli;

import java.io.ObjectStreamClass;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work the JVM does once per process, done ahead on a second thread while the command's own thread
 * starts: a short command's main thread is its critical path, and on an idle second core it waits for
 * nothing else (docs/benchmarks/cold-start.md, "Cold start, twelfth pass"). Each step is one the command's main
 * thread would otherwise take itself, later, and that depends on nothing the command reads:
 * <ul>
 *   <li>{@code json}: jackson-core's parser classes initialised: the first parser initialises
 *       {@code ParserMinimalBase}, whose constants are {@code BigDecimal}s, and Java 25's
 *       {@code BigDecimal} computes 5<sup>65536</sup> when it is initialised (several milliseconds);</li>
 *   <li>{@code mapper}: jackson-databind's {@code ObjectMapper} class initialised (its default settings,
 *       {@code StdDateFormat}'s locale data among them), which the first YAML or JSON document read
 *       through a mapper otherwise initialises on the main thread;</li>
 *   <li>{@code yaml}: jackson-dataformat-yaml's {@code YAMLFactory} class initialised;</li>
 *   <li>{@code schema}: the JSON Schema validator's {@code SchemaRegistry} class initialised (its
 *       dialects and keyword tables), which the first schema a command validates against needs;</li>
 *   <li>{@code sha256}: the first {@code MessageDigest.getInstance("SHA-256")}, which instantiates the
 *       JDK's security providers;</li>
 *   <li>{@code sha256-compiled}: the same, then {@value #COMPILED_BYTES} bytes of zeros hashed, so that
 *       the JIT compiles SHA-256's compression function (a few hundred calls) before the command hashes
 *       its own inputs: interpreted, the first blocks of a lint's inputs took about a quarter of its main
 *       thread;</li>
 *   <li>{@code rules-entry}: Java serialization's descriptor of every class a compiled-rulebook entry of
 *       the default rulebook holds ({@link #RULES_ENTRY}; {@link ObjectStreamClass#lookupAny}: the JDK's
 *       per-class cache of its serializable fields, constructor and {@code serialVersionUID}, which reading
 *       a field of a class that declares one initialises), so that the thread that reads the entry and
 *       builds the knowledge base ahead finds them made: on two cores that thread, not the main one, was
 *       the critical path of a {@code gate} (docs/benchmarks/cold-start-14-gate.md). A class missing from
 *       the list (another rulebook, another Drools) is described by the reading thread as before;</li>
 *   <li>{@code exit-logger}: a logger named as the one {@code System.exit} asks for
 *       ({@code java.lang.Runtime}, to log the exit at debug level): the first logger of a process
 *       searches the class path for a logging back end, which {@code System.exit} otherwise does on the
 *       main thread as the command ends, when it ends by {@code System.exit} (not {@code status}'s: it
 *       ends with code 0 by returning from {@code main}, where it can, and asks for no logger; see
 *       {@link ExitGuard#mayReturn}).</li>
 * </ul>
 * Only class initialisation and look-ups the JDK caches: the JVM initialises a class once, whichever
 * thread asks first (a thread that needs it while the other is initialising it waits for it), so
 * nothing a command computes, prints or checks depends on whether, or how far, the warm-up ran. A
 * step that fails is dropped silently: the main thread meets the failure where it always did (a class
 * whose initialisation failed on the warm-up thread is reported to it by the JVM as one that could not
 * be initialised). The steps are picked by the command's name: {@code status} reads and hashes event logs,
 * {@code lint} hashes its inputs to find a kept result, {@code gate} and {@code advance} read the
 * rulebook and the cycle's YAML, hash them and validate them against schemas before the governance gate
 * (their main thread reaches the point where it asks for the knowledge base to be built ahead sooner:
 * docs/benchmarks/cold-start.md, "Cold start, thirteenth pass"); other commands start no thread.
 */
final class StartupWarmUp {

    /** The class the {@code json} step initialises (a test checks it exists). */
    static final String JSON_PARSER = "com.fasterxml.jackson.core.base.ParserMinimalBase";
    /** The classes the {@code mapper}, {@code yaml} and {@code schema} steps initialise (a test checks each exists). */
    static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
    static final String YAML = "com.fasterxml.jackson.dataformat.yaml.YAMLFactory";
    static final String SCHEMA = "com.networknt.schema.SchemaRegistry";

    /** The steps of each command that has some, in the order its main thread needs them. */
    static final Map<String, List<String>> STEPS = Map.of(
            "status", List.of("json", "sha256"),
            "lint", List.of("sha256-compiled", "exit-logger"),
            "gate", List.of("json", "mapper", "yaml", "sha256", "schema", "rules-entry", "exit-logger"),
            "advance", List.of("json", "mapper", "yaml", "sha256", "schema", "rules-entry", "exit-logger"));

    /**
     * The classes, in the order they are read, of the compiled-rulebook entry of the default rulebook
     * (Drools' serialized packages: {@code StartupWarmUpTest} checks that the list holds every class of
     * such an entry, arrays aside, so that it follows a new Drools).
     */
    static final List<String> RULES_ENTRY = List.of(
            "java.util.ArrayList",
            "org.drools.mvel.MVELKnowledgePackageImpl",
            "org.drools.base.definitions.impl.KnowledgePackageImpl",
            "org.drools.mvel.accessors.ClassFieldAccessorStore",
            "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantLock$NonfairSync",
            "java.util.concurrent.locks.ReentrantLock$Sync",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            "org.drools.base.base.AccessorKey",
            "org.drools.mvel.accessors.ClassFieldAccessorStore$FieldLookupEntry",
            "org.drools.mvel.accessors.ClassFieldReader",
            "org.drools.mvel.accessors.ClassFieldAccessorStore$ClassObjectTypeLookupEntry",
            "org.drools.base.base.ClassObjectType",
            "org.drools.base.rule.DialectRuntimeRegistry",
            "java.util.HashMap",
            "org.drools.mvel.MVELDialectRuntimeData",
            "dev.planning.rules.facts.TaskFact",
            "dev.planning.rules.facts.Report",
            "java.util.HashSet",
            "java.util.Collections$SynchronizedMap",
            "java.util.IdentityHashMap",
            "java.util.concurrent.ConcurrentHashMap$KeySetView",
            "java.util.concurrent.ConcurrentHashMap$CollectionView",
            "java.lang.Boolean",
            "org.drools.core.rule.JavaDialectRuntimeData",
            "org.drools.base.definitions.rule.impl.RuleImpl",
            "org.drools.base.base.SalienceInteger",
            "org.drools.base.rule.GroupElement",
            "org.drools.base.rule.ConditionalElement",
            "org.drools.base.rule.GroupElement$Type",
            "java.lang.Enum",
            "org.drools.base.rule.Pattern",
            "org.drools.mvel.MVELConstraint",
            "org.drools.base.rule.MutableTypeConstraint",
            "org.drools.base.rule.constraint.Constraint$ConstraintType",
            "java.util.LinkedHashSet",
            "org.drools.base.util.index.ConstraintTypeOperator",
            "org.drools.base.base.field.ObjectFieldImpl",
            "org.drools.mvel.expr.MVELCompilationUnit",
            "org.drools.mvel.MVELConstraint$EvaluationContext",
            "org.drools.mvel.field.BooleanFieldImpl",
            "org.drools.base.rule.Declaration",
            "org.drools.base.rule.accessor.PatternExtractor",
            "org.drools.base.base.extractors.BaseObjectClassFieldReader",
            "org.drools.base.base.BaseClassFieldReader",
            "org.drools.base.base.EnabledBoolean",
            "org.drools.io.ByteArrayResource",
            "org.drools.io.BaseResource",
            "org.kie.api.io.ResourceType",
            "org.drools.io.ResourceConfigurationImpl",
            "org.drools.util.PortablePath",
            "org.drools.base.rule.ConsequenceMetaData",
            "org.drools.base.rule.LineMappings",
            "org.drools.base.rule.ImportDeclaration",
            "java.util.Collections$EmptySet",
            "java.util.Collections$EmptyMap",
            "java.util.LinkedHashMap",
            "org.drools.base.definitions.ResourceTypePackageRegistry",
            "org.drools.base.rule.TypeDeclaration",
            "org.kie.api.definition.type.Role$Type",
            "org.drools.base.rule.TypeDeclaration$Format",
            "org.drools.base.rule.TypeDeclaration$Kind",
            "org.drools.base.rule.TypeDeclaration$Nature",
            "org.drools.base.factmodel.ClassDefinition",
            "org.drools.mvel.extractors.MVELNumberClassFieldReader",
            "org.drools.base.base.ValueType",
            "dev.planning.rules.facts.RulebookFacts",
            "java.util.Collections$EmptyList",
            "org.drools.mvel.field.LongFieldImpl",
            "dev.planning.rules.facts.CrossStreamRefFact",
            "org.drools.base.rule.From",
            "org.drools.mvel.dataproviders.MVELDataProvider",
            "org.drools.base.rule.EvalCondition");

    /** How much {@code sha256-compiled} hashes: 512 blocks of SHA-256. */
    static final int COMPILED_BYTES = 32 * 1024;

    private StartupWarmUp() {
    }

    /** The steps for these command-line arguments: none unless the first names a command that has some. */
    static List<String> stepsFor(String[] args) {
        return args.length == 0 ? List.of() : STEPS.getOrDefault(args[0], List.of());
    }

    /**
     * Starts the warm-up for these arguments on a daemon thread (which never keeps the JVM alive).
     *
     * @return the thread, or empty when the command has no steps
     */
    static Optional<Thread> start(String[] args) {
        List<String> steps = stepsFor(args);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        Thread thread = new Thread(() -> run(steps), "planning-warm-up");
        thread.setDaemon(true);
        thread.start();
        return Optional.of(thread);
    }

    /** Runs the steps in order; one that fails is skipped. */
    static void run(List<String> steps) {
        for (String step : steps) {
            try {
                step(step);
            } catch (ReflectiveOperationException | NoSuchAlgorithmException | RuntimeException | LinkageError e) {
                // Ahead of time only: the main thread meets the failure where it always did.
            } catch (VirtualMachineError e) {
                // Out of stack or heap ahead of time: the rest is skipped, no stack trace printed; the main
                // thread meets the limit where it always did, and ends with one line (PlanningCommand.error).
                return;
            }
        }
    }

    /**
     * Java serialization's descriptor of each class, made and cached by the JDK as reading an object of
     * it would (a class that is missing or fails is skipped, and the reading thread meets it as before).
     */
    private static void describe(List<String> classes, ClassLoader loader) {
        for (String name : classes) {
            try {
                ObjectStreamClass.lookupAny(Class.forName(name, false, loader)).getSerialVersionUID();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // Ahead of time only: the thread reading the entry meets the failure where it always did.
            }
        }
    }

    private static void step(String step) throws ReflectiveOperationException, NoSuchAlgorithmException {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        switch (step) {
            case "json" -> Class.forName(JSON_PARSER, true, loader);
            case "mapper" -> Class.forName(MAPPER, true, loader);
            case "yaml" -> Class.forName(YAML, true, loader);
            case "schema" -> Class.forName(SCHEMA, true, loader);
            case "sha256" -> MessageDigest.getInstance("SHA-256");
            case "sha256-compiled" -> MessageDigest.getInstance("SHA-256").digest(new byte[COMPILED_BYTES]);
            case "rules-entry" -> describe(RULES_ENTRY, loader);
            case "exit-logger" -> System.getLogger("java.lang.Runtime");
            default -> throw new IllegalArgumentException("no warm-up step " + step);
        }
    }
}
