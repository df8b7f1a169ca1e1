package dev.planning.engine.internal.gate;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.gate.Gate;
import java.security.CodeSource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Gates by name, as gate profiles refer to them. Built from gates passed explicitly, optionally
 * completed by those registered in {@code META-INF/services/dev.planning.api.gate.Gate}; an explicit
 * gate replaces a discovered one of the same name, so an application can override a built-in. Two
 * registered gates of different classes under one name are refused, unless an explicit gate settles it.
 *
 * <pre>{@code
 * GateRegistry gates = GateRegistry.withServiceLoader(List.of(new OwnersPresentGate()), getClass().getClassLoader());
 * Gate lint = gates.get("schema_lint");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GateRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final Map<String, Gate> gates;

    private GateRegistry(Map<String, Gate> gates) {
        this.gates = Collections.unmodifiableMap(gates);
    }

    /**
     * A registry of exactly these gates.
     *
     * @throws InvalidInputException when two gates share a name or a name is not {@code [a-z][a-z0-9_]*}
     */
    public static GateRegistry of(List<? extends Gate> explicit) {
        Map<String, Gate> byName = new TreeMap<>();
        for (Gate gate : explicit) {
            String name = checkedName(gate);
            if (byName.putIfAbsent(name, gate) != null) {
                throw new InvalidInputException("two gates are named '" + name + "': "
                        + byName.get(name).getClass().getName() + " and " + gate.getClass().getName());
            }
        }
        return new GateRegistry(byName);
    }

    /**
     * These gates plus the ones {@link ServiceLoader} finds through a class loader.
     *
     * @throws PlanningException when a registered gate cannot be instantiated
     * @throws InvalidInputException when two registered gates of different classes share a name no explicit gate has
     */
    public static GateRegistry withServiceLoader(List<? extends Gate> explicit, ClassLoader loader) {
        Map<String, Gate> byName = new TreeMap<>(of(explicit).gates);
        Map<String, Gate> registered = new TreeMap<>();
        try {
            for (Gate discovered : ServiceLoader.load(Gate.class, loader)) {
                register(registered, discovered, byName.keySet());
            }
            if (loader != GateRegistry.class.getClassLoader()) {
                // A loader that does not delegate to the engine's (a plug-in host's) still gets the built-ins.
                for (Gate builtIn : ServiceLoader.load(Gate.class, GateRegistry.class.getClassLoader())) {
                    register(registered, builtIn, byName.keySet());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new PlanningException("a gate registered in META-INF/services/" + Gate.class.getName()
                    + " cannot be loaded: " + e.getMessage(), null, e);
        }
        registered.forEach(byName::putIfAbsent);
        return new GateRegistry(byName);
    }

    /**
     * Adds a gate {@link ServiceLoader} found. The same class found again (the built-ins through two loaders) is
     * one gate; two classes under one name are refused (attack26): keeping the first found let the class path's
     * order decide which one judges, so a plug-in's jar listed first replaced a built-in (its
     * {@code release_readiness}, which checks the seal's signatures) without a word. A name the caller gave a
     * gate of its own is settled by that gate.
     *
     * @throws InvalidInputException naming both classes and where each was loaded from
     */
    private static void register(Map<String, Gate> registered, Gate gate, Set<String> explicit) {
        String name = checkedName(gate);
        Gate other = registered.putIfAbsent(name, gate);
        if (other != null && other.getClass() != gate.getClass() && !explicit.contains(name)) {
            throw new InvalidInputException("two gates registered in META-INF/services/" + Gate.class.getName()
                    + " are named '" + name + "': " + origin(other.getClass()) + " and " + origin(gate.getClass())
                    + "; which one judged would depend on the class path's order: remove the one not meant, or give the"
                    + " one meant to Planning.builder().gate(...), which replaces a registered gate of its name");
        }
    }

    /** A class's name and the jar or directory it was loaded from, where the runtime tells. */
    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null || source.getLocation() == null ? ""
                : " (from " + source.getLocation() + ")");
    }

    /** The gates on this class's class path: the built-ins and any registered by other jars. */
    public static GateRegistry discovered() {
        return withServiceLoader(List.of(), GateRegistry.class.getClassLoader());
    }

    /**
     * The gate with this name.
     *
     * @throws InvalidInputException when there is none, listing the gates that exist
     */
    public Gate get(String name) {
        Gate gate = gates.get(name);
        if (gate == null) {
            throw new InvalidInputException("unknown gate '" + name + "'; available gates: "
                    + (gates.isEmpty() ? "none" : String.join(", ", gates.keySet())));
        }
        return gate;
    }

    /** The gate with this name, if registered. */
    public Optional<Gate> find(String name) {
        return Optional.ofNullable(gates.get(name));
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return List.copyOf(gates.keySet());
    }

    /** The registered gates, sorted by name. */
    public List<Gate> gates() {
        return List.copyOf(gates.values());
    }

    private static String checkedName(Gate gate) {
        String name = gate.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("gate " + gate.getClass().getName() + " has an invalid name '" + name
                    + "': expected lower-case letters, digits and '_', starting with a letter");
        }
        return name;
    }
}
