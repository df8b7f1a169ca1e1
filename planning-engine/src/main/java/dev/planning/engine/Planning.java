package dev.planning.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Gate;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.gate.GateRegistry;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.engine.internal.signing.TrustFile;
import dev.planning.engine.internal.workspace.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Builds a {@link PlanningWorkspace}: the one entry point for applications embedding the engine.
 *
 * <pre>{@code
 * PlanningWorkspace workspace = Planning.builder()
 *         .workspace(Path.of("/repo"))
 *         .rulebook(Path.of("/repo/rulebook"))   // the default
 *         .gate(new MyGate())                    // in addition to ServiceLoader-registered gates
 *         .triggeredBy("release-bot")
 *         .build();
 * }</pre>
 *
 * <p>Sealing: {@code advance} to {@code PACKAGED} and {@code seal} write the handoff manifest; the
 * {@code release_readiness} gate (always available) verifies it against the trusted keys, read from
 * {@link Builder#trustFile}, which must lie outside the workspace (anyone who can commit could add
 * a key to one inside it), or given with {@link Builder#trustedKeys}; with neither, no key is
 * trusted and every signature check fails.
 *
 * <p>Gates registered in {@code META-INF/services/dev.planning.api.gate.Gate} (such as
 * {@code schema_lint}, {@code cross_stream_consistency}, {@code parity_coverage} and, with
 * {@code planning-rules} on the class path, {@code governance}) are found automatically; a gate
 * passed to {@link Builder#gate} replaces a registered one of the same name.
 *
 * <p>{@code advance} writes each gate run's evidence as JSON under the cycle's
 * {@code evidence/{cycle}/} directory and records its path in the transition event
 * ({@code evidence.<gate>}); {@code dryRun} writes nothing.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Planning {

    /**
     * The name {@code planning keys generate} gives a trust file. A trust file is never read from the
     * workspace: it is the trust anchor, and must come from outside the repository.
     */
    public static final String DEFAULT_TRUST_FILE = "trust.yaml";

    private Planning() {
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and builds a {@link PlanningWorkspace}; not thread-safe, reusable. */
    public static final class Builder {

        private Path workspace;
        private Path rulebook;
        private WorkspaceLayout layout = WorkspaceLayout.DEFAULT;
        private final List<Gate> gates = new ArrayList<>();
        private EventStore eventStore;
        private Clock clock = Clock.systemUTC();
        private String triggeredBy = defaultActor();
        private boolean serviceLoaderGates = true;
        private Path trustFile;
        private TrustedKeys trustedKeys;

        private Builder() {
        }

        /** The workspace directory (required). */
        public Builder workspace(Path dir) {
            this.workspace = Objects.requireNonNull(dir, "workspace");
            return this;
        }

        /** The rulebook directory; default {@code <workspace>/rulebook}. */
        public Builder rulebook(Path dir) {
            this.rulebook = Objects.requireNonNull(dir, "rulebook");
            return this;
        }

        /** Where artifacts live; default {@link WorkspaceLayout#DEFAULT}. */
        public Builder layout(WorkspaceLayout value) {
            this.layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /** Adds a gate, replacing a registered gate of the same name. */
        public Builder gate(Gate gate) {
            gates.add(Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /** Whether to add the gates registered with {@link ServiceLoader}; default {@code true}. */
        public Builder serviceLoaderGates(boolean enabled) {
            this.serviceLoaderGates = enabled;
            return this;
        }

        /** The event store; default the hash-chained files under the workspace. */
        public Builder eventStore(EventStore store) {
            this.eventStore = Objects.requireNonNull(store, "eventStore");
            return this;
        }

        /** The clock events are stamped with; default UTC system time. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The trust file of signing keys, read when signatures are checked; it must lie outside the
         * workspace (an {@code InvalidInputException} when it is used otherwise). No default.
         */
        public Builder trustFile(Path file) {
            this.trustFile = Objects.requireNonNull(file, "trustFile");
            return this;
        }

        /** The keys trusted to sign manifests, instead of a trust file. */
        public Builder trustedKeys(TrustedKeys keys) {
            this.trustedKeys = Objects.requireNonNull(keys, "trustedKeys");
            return this;
        }

        /** Who is recorded as triggering events; default {@code $PLANNING_ACTOR} or the OS user. */
        public Builder triggeredBy(String actor) {
            this.triggeredBy = Objects.requireNonNull(actor, "triggeredBy");
            return this;
        }

        /**
         * Loads the rulebook and assembles the workspace.
         *
         * @throws InvalidInputException when the workspace or rulebook is missing or invalid
         */
        public PlanningWorkspace build() {
            if (workspace == null) {
                throw new IllegalStateException("workspace(Path) is required");
            }
            Path root = workspace.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new InvalidInputException("workspace directory not found: " + workspace);
            }
            if (trustFile != null) {
                // Refused before anything runs or is recorded, not when a gate first needs the keys.
                TrustFile.requireOutside(trustFile, root);
            }
            Rulebook loaded = RulebookLoader.load(rulebook != null ? rulebook : root.resolve(layout.rulebookDir()));
            EventStore store = eventStore != null ? eventStore : new FileEventStore(root, layout);
            return new FileWorkspace(root, layout, loaded, store, allGates(), clock, triggeredBy, trust(root));
        }

        /** The trusted keys, read each time they are needed so that a trust file edited meanwhile counts. */
        private Supplier<TrustedKeys> trust(Path root) {
            if (trustedKeys != null) {
                TrustedKeys keys = trustedKeys;
                return () -> keys;
            }
            if (trustFile == null) {
                // Never a file of the workspace by default: the trust anchor comes from outside.
                return () -> new TrustedKeys(List.of(), "no trust file (give one outside the workspace)");
            }
            Path file = trustFile;
            return () -> TrustFile.readOutside(file, root);
        }

        private List<Gate> allGates() {
            return (serviceLoaderGates
                    ? GateRegistry.withServiceLoader(gates, Planning.class.getClassLoader())
                    : GateRegistry.of(gates)).gates();
        }

        private static String defaultActor() {
            String actor = System.getenv("PLANNING_ACTOR");
            return actor != null && !actor.isBlank() ? actor : System.getProperty("user.name", "unknown");
        }
    }
}
