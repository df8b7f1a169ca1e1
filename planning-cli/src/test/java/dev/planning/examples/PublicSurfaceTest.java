package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.cli.PlanningCommand;
import dev.planning.engine.Planning;
import dev.planning.report.HtmlReport;
import dev.planning.rules.facts.TaskFact;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.testkit.store.EventStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The declared public surface (issue #13, item 4): what an embedder may compile against carries a
 * stability marker and shows no implementation type in a signature; implementation packages are
 * marked internal.
 */
class PublicSurfaceTest {

    /** The API and entry-point packages: {@code ..} means the package and its sub-packages. */
    private static final List<String> PUBLIC_PACKAGES = List.of("dev.planning.api..", "dev.planning.engine",
            "dev.planning.rules", "dev.planning.rules.testkit", "dev.planning.rules.facts", "dev.planning.rules.impact",
            "dev.planning.report", "dev.planning.testkit..");

    /** Types that must not appear in a public signature, by package prefix. */
    private static final List<String> IMPLEMENTATION_PREFIXES = List.of("com.fasterxml.jackson.", "org.drools.",
            "org.kie.", "org.bouncycastle.", "org.eclipse.jgit.", "org.yaml.snakeyaml.", "com.networknt.",
            "org.jgrapht.", "org.commonmark.", "com.github.benmanes.caffeine.", "picocli.", "org.mvel2.");

    /**
     * Known offenders, each {@code Type#member -> offending type}, to be replaced by the public API;
     * this list only shrinks (empty since {@code RuleTestRunner.of(DroolsGovernanceEngine)} left the
     * public surface for {@code RuleTestRunner.forRulebook(Rulebook)}).
     */
    private static final Set<String> KNOWN_OFFENDERS = Set.of();

    /**
     * Justified for good: the DRL helper {@code Report.violation(drools, ...)} is called from rule
     * consequences and takes the consequence's own {@code drools} variable, a Drools
     * {@code RuleContext}; the facts package is the DRL-facing surface.
     */
    private static final Set<String> DRL_BINDINGS = Set.of(
            "dev.planning.rules.facts.Report#violation -> org.kie.api.runtime.rule.RuleContext");

    /** One class of each jar that holds API, entry-point or implementation packages. */
    private static final List<Class<?>> ANCHORS = List.of(PlanningWorkspace.class, Planning.class, TaskFact.class,
            HtmlReport.class, PlanningCommand.class, EventStoreContract.class);

    private static final List<Class<?>> PUBLIC_TYPES = publicTypes(ANCHORS, PUBLIC_PACKAGES);

    @Test
    void noImplementationTypeInAPublicSignature() {
        Set<String> offences = new TreeSet<>();
        for (Class<?> type : PUBLIC_TYPES) {
            offences.addAll(offences(type));
        }
        offences.removeAll(KNOWN_OFFENDERS);
        offences.removeAll(DRL_BINDINGS);
        assertThat(offences).as("implementation types in public signatures of the API and entry points").isEmpty();
    }

    /**
     * fold25: the PostgreSQL store's package is public too (an embedder compiles against
     * {@code PostgresStore} and {@code PostgresEventStore}), though outside the {@code @API}-marked
     * surface: its signatures, supertypes included, show no implementation type either
     * ({@code PostgresEventStore} once implemented the engine's internal {@code AllLogs}).
     */
    @Test
    void noImplementationTypeInAPublicSignatureOfThePostgresStore() {
        List<Class<?>> types = publicTypes(List.of(PostgresStore.class), List.of("dev.planning.store.postgres"));
        Set<String> offences = new TreeSet<>();
        for (Class<?> type : types) {
            offences.addAll(offences(type));
        }
        assertThat(types).extracting(Class::getSimpleName).contains("PostgresStore", "PostgresEventStore");
        assertThat(offences).as("implementation types in public signatures of the PostgreSQL store").isEmpty();
    }

    @Test
    void theKnownOffendersListNamesOnlyRealOffences() {
        Set<String> all = new HashSet<>();
        PUBLIC_TYPES.forEach(type -> all.addAll(offences(type)));
        assertThat(all).as("fixed offences must leave the allow-list").containsAll(KNOWN_OFFENDERS)
                .containsAll(DRL_BINDINGS);
    }

    @Test
    void everyPublicTypeOfTheApiAndEntryPointsDeclaresItsStatus() {
        List<String> unmarked = PUBLIC_TYPES.stream()
                .filter(type -> type.getEnclosingClass() == null)
                .filter(type -> type.getAnnotation(API.class) == null)
                .map(Class::getName)
                .toList();
        assertThat(unmarked).as("public types without @API(status = ...)").isEmpty();
        assertThat(PUBLIC_TYPES).extracting(Class::getName)
                .contains("dev.planning.api.PlanningWorkspace", "dev.planning.engine.Planning",
                        "dev.planning.report.HtmlReport", "dev.planning.api.DocumentException",
                        "dev.planning.engine.EventLines", "dev.planning.testkit.store.EventStoreContract",
                        "dev.planning.testkit.gate.GateContextFixture", "dev.planning.rules.impact.RulebookImpact");
    }

    @Test
    void noPublicTypeOfTheApiAndEntryPointsIsMarkedInternal() {
        List<String> internal = PUBLIC_TYPES.stream()
                .filter(type -> type.getAnnotation(API.class) != null
                        && type.getAnnotation(API.class).status() == API.Status.INTERNAL)
                .map(Class::getName)
                .toList();
        assertThat(internal).isEmpty();
    }

    @Test
    void everyImplementationPackageIsMarkedInternal() {
        Set<String> packages = new TreeSet<>();
        for (String name : classNames(ANCHORS)) {
            String pkg = name.substring(0, name.lastIndexOf('.'));
            if (pkg.startsWith("dev.planning.engine.internal") || pkg.startsWith("dev.planning.rules.internal")
                    || pkg.equals("dev.planning.cli") || pkg.startsWith("dev.planning.cli.")) {
                packages.add(pkg);
            }
        }
        assertThat(packages).contains("dev.planning.engine.internal.seal", "dev.planning.rules.internal.drools",
                "dev.planning.cli");
        List<String> unmarked = new ArrayList<>();
        for (String name : packages) {
            API api = packageAnnotation(name);
            if (api == null || api.status() != API.Status.INTERNAL) {
                unmarked.add(name);
            }
        }
        assertThat(unmarked).as("implementation packages without @API(status = INTERNAL) in package-info").isEmpty();
    }

    @Test
    void theCheckFindsAnImplementationTypeInASignature() {
        assertThat(offences(Offender.class)).containsExactly(
                Offender.class.getName() + "#tree -> com.fasterxml.jackson.databind.JsonNode");
    }

    /** A public type that leaks Jackson (proves the check can fail). */
    public static final class Offender {
        public List<? extends com.fasterxml.jackson.databind.JsonNode> tree() {
            return List.of();
        }
    }

    private static API packageAnnotation(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").getAnnotation(API.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The visible types of {@code packages} (as {@link #PUBLIC_PACKAGES} names them) in the anchors' jars. */
    private static List<Class<?>> publicTypes(List<Class<?>> anchors, List<String> packages) {
        List<Class<?>> types = new ArrayList<>();
        for (String name : classNames(anchors)) {
            if (!inPackages(name.substring(0, name.lastIndexOf('.')), packages)) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name, false, PublicSurfaceTest.class.getClassLoader());
                if (isVisible(type)) {
                    types.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return types;
    }

    /** The names of all classes in the anchors' jars or class directories (main code only). */
    private static Set<String> classNames(List<Class<?>> anchors) {
        Set<String> names = new TreeSet<>();
        for (Class<?> anchor : anchors) {
            try {
                Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(location)) {
                    try (Stream<Path> files = Files.walk(location)) {
                        files.map(f -> location.relativize(f).toString().replace('\\', '/'))
                                .forEach(entry -> addClassName(entry, names));
                    }
                } else {
                    try (JarFile jar = new JarFile(location.toFile())) {
                        jar.stream().forEach(entry -> addClassName(entry.getName(), names));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static void addClassName(String entry, Set<String> names) {
        if (entry.endsWith(".class") && !entry.endsWith("package-info.class") && !entry.endsWith("module-info.class")
                && !entry.startsWith("META-INF/")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static boolean inPackages(String name, List<String> packages) {
        for (String pattern : packages) {
            if (pattern.endsWith("..")) {
                String root = pattern.substring(0, pattern.length() - 2);
                if (name.equals(root) || name.startsWith(root + ".")) {
                    return true;
                }
            } else if (name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers, Class<?> owner) {
        return Modifier.isPublic(modifiers)
                || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
    }

    /** Every implementation type in the visible signature of {@code type}, as {@code Type#member -> type}. */
    private static Set<String> offences(Class<?> type) {
        Set<String> found = new TreeSet<>();
        String owner = type.getName();
        check(owner + "#extends", type.getGenericSuperclass(), found);
        for (Type i : type.getGenericInterfaces()) {
            check(owner + "#implements", i, found);
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers(), type) && !field.isSynthetic()) {
                check(owner + "#" + field.getName(), field.getGenericType(), found);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers(), type) && !constructor.isSynthetic()) {
                for (Type p : constructor.getGenericParameterTypes()) {
                    check(owner + "#<init>", p, found);
                }
                for (Type e : constructor.getGenericExceptionTypes()) {
                    check(owner + "#<init>", e, found);
                }
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers(), type) && !method.isSynthetic() && !method.isBridge()) {
                String member = owner + "#" + method.getName();
                check(member, method.getGenericReturnType(), found);
                for (Type p : method.getGenericParameterTypes()) {
                    check(member, p, found);
                }
                for (Type e : method.getGenericExceptionTypes()) {
                    check(member, e, found);
                }
            }
        }
        return found;
    }

    private static void check(String member, Type type, Set<String> found) {
        walk(type, new HashSet<>(), name -> {
            if (isImplementation(name)) {
                found.add(member + " -> " + name);
            }
        });
    }

    private static boolean isImplementation(String name) {
        if (name.startsWith("dev.planning.") && name.contains(".internal.")) {
            return true;
        }
        return IMPLEMENTATION_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static void walk(Type type, Set<Type> seen, Consumer<String> visit) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                walk(c.getComponentType(), seen, visit);
            } else {
                visit.accept(c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), seen, visit);
            walk(p.getOwnerType(), seen, visit);
            for (Type argument : p.getActualTypeArguments()) {
                walk(argument, seen, visit);
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                walk(bound, seen, visit);
            }
            for (Type bound : w.getLowerBounds()) {
                walk(bound, seen, visit);
            }
        } else if (type instanceof GenericArrayType a) {
            walk(a.getGenericComponentType(), seen, visit);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                walk(bound, seen, visit);
            }
        }
    }
}
