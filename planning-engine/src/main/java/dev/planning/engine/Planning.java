package dev.planning.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InitResult;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.gate.Gate;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.eventlog.EventLogQueries;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.gate.GateCheck;
import dev.planning.engine.internal.gate.GateRegistry;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.engine.internal.scaffold.GitFiles;
import dev.planning.engine.internal.scaffold.Scaffold;
import dev.planning.engine.internal.signing.FileKeys;
import dev.planning.engine.internal.signing.TrustFile;
import dev.planning.engine.internal.workspace.OpenedWorkspaces;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Builds a {@link PlanningWorkspace}: the one entry point for applications embedding the engine.
 *
 * <pre>{@code
 * PlanningWorkspace workspace = Planning.builder()
 *         .workspace(dir)
 *         .rulebook(dir.resolve("rulebook"))     // the default
 *         .gate(new MyGate())                    // in addition to ServiceLoader-registered gates
 *         .triggeredBy("release-bot")
 *         .build();
 * }</pre>
 *
 * <p>Sealing: {@code advance} to {@code PACKAGED} and {@code seal} write the handoff manifest; the
 * {@code release_readiness} gate (registered like the other built-ins) verifies it against the trusted keys, read from
 * {@link Builder#trustFile}, which must lie outside the workspace (anyone who can commit could add
 * a key to one inside it), or given with {@link Builder#trustedKeys}; with neither, no key is
 * trusted and every signature check fails.
 *
 * <p>Gates registered in {@code META-INF/services/dev.planning.api.gate.Gate} (such as
 * {@code schema_lint}, {@code cross_stream_consistency}, {@code parity_coverage},
 * {@code release_readiness} and, with {@code planning-rules} on the class path, {@code governance})
 * are found through the builder's {@link Builder#classLoader class loader} (by default the thread's
 * context class loader, so a gate in a plug-in's or web application's loader is found); a gate
 * passed to {@link Builder#gate} replaces a registered one of the same name; two registered gates of
 * different classes under one name (a plug-in's jar registering {@code release_readiness}) are refused
 * by {@link Builder#build()}, never left to the class path's order. Every gate sees the
 * workspace through its {@link dev.planning.api.gate.GateContext}, which carries the builder's
 * layout, clock and trusted keys.
 *
 * <p>{@link Builder#build()} validates before it hands anything out: the rulebook's policies must
 * compile and every gate a profile names must be available, or it throws an
 * {@link InvalidInputException} located at the DRL error or at the profile entry, and nothing is
 * recorded. A workspace built {@link Builder#readOnly() read-only} skips the compilation, loads and
 * validates its rulebook when an operation first needs it rather than in {@code build()}, and in
 * exchange refuses every operation that runs a gate or records an event.
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

    /**
     * A new builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scaffolds a workspace for a stream and cycle ({@code planning init}): the default rulebook in
     * {@code <workspace>/rulebook} when none exists, {@code .gitignore} and {@code .gitattributes},
     * a starter task breakdown and story map, and the cycle's {@code CYCLE_CREATED} event. Never
     * replaces an existing file: the rulebook and git files are written only where absent, and a
     * cycle whose plan or story map exists is refused. Lint refuses the starter's placeholders
     * (owner {@code change-me}, description, acceptance criterion) until they are edited.
     *
     * <pre>{@code
     * InitResult init = Planning.init(dir, new CycleRef("fe", "2025-09-02"));
     * init.written().forEach(path -> System.out.println("created " + path));
     * }</pre>
     *
     * <p>The cycle's first event goes to the event log file, by the default layout
     * ({@link WorkspaceLayout#DEFAULT}; {@link #init(Path, WorkspaceLayout, CycleRef)} takes another),
     * stamped by the system clock and {@code $PLANNING_ACTOR} (or the user name): a service with a
     * store, clock or actor of its own scaffolds with {@link Builder#init(CycleRef)} instead.
     *
     * @param workspace the workspace directory, created when missing; never {@code null}
     * @param cycle     the cycle to open; never {@code null}
     * @return what was scaffolded: the files written and the cycle opened
     * @throws InvalidInputException when the cycle's plan or story map already exists ("already
     *                               exists", nothing replaced), the workspace cannot be created, or
     *                               its rulebook is invalid
     */
    public static InitResult init(Path workspace, CycleRef cycle) {
        return init(workspace, WorkspaceLayout.DEFAULT, cycle);
    }

    /**
     * As {@link #init(Path, CycleRef)}, for a workspace laid out by {@code layout}: the starter plan,
     * story map and first event where the layout puts them, and the default rulebook copied to the
     * layout's {@link WorkspaceLayout#rulebookDir() rulebook directory} when it does not exist.
     * {@link #init(Path, CycleRef)} is this with {@link WorkspaceLayout#DEFAULT} (SPEC §3); a workspace
     * built with {@code Planning.builder().layout(layout)} is scaffolded with the same layout, or its
     * cycles are not where it looks for them.
     *
     * <pre>{@code
     * WorkspaceLayout plans = new WorkspaceLayout("plans", "policy");
     * Planning.init(dir, plans, new CycleRef("fe", "2025-09-02"));      // plans/planning-fe/..., policy/
     * PlanningWorkspace workspace = Planning.builder().workspace(dir).layout(plans).build();
     * }</pre>
     *
     * @param workspace the workspace directory, created when missing; never {@code null}
     * @param layout    where the workspace's artifacts and rulebook live; never {@code null}
     * @param cycle     the cycle to open; never {@code null}
     * @return what was scaffolded: the files written and the cycle opened
     * @throws InvalidInputException as {@link #init(Path, CycleRef)}
     * @since 0.1
     */
    public static InitResult init(Path workspace, WorkspaceLayout layout, CycleRef cycle) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(cycle, "cycle");
        return builder().workspace(workspace).layout(layout).init(cycle);
    }

    /**
     * As {@link #init(Path, CycleRef)}, with the rulebook in {@code rulebook} (the default rulebook is
     * copied there when the directory does not exist), in the default layout; with a layout of one's
     * own, {@code Planning.builder().workspace(workspace).layout(layout).rulebook(rulebook).init(cycle)}.
     *
     * @param workspace the workspace directory
     * @param rulebook the rulebook directory
     * @param cycle the stream and cycle
     * @return what was scaffolded: the files written and the cycle opened
     */
    public static InitResult init(Path workspace, Path rulebook, CycleRef cycle) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(rulebook, "rulebook");
        Objects.requireNonNull(cycle, "cycle");
        return builder().workspace(workspace).rulebook(rulebook).init(cycle);
    }

    /**
     * Writes the {@code .gitignore} (event-log lock files, private keys) and {@code .gitattributes}
     * (no end-of-line conversion, so hashed files stay byte-exact) that {@link #init} writes, where
     * absent: for a workspace made some other way, e.g. copied from a template.
     *
     * @param workspace the workspace directory, where the two files are written
     * @return the names written; empty when both exist
     */
    public static List<String> writeGitFiles(Path workspace) {
        return GitFiles.write(Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize());
    }

    /**
     * Reads a handoff manifest file on its own, before its workspace is known (to learn which
     * stream and cycle it seals, for example). It checks the manifest's form, not its content:
     * {@link PlanningWorkspace#verify(Path, TrustedKeys)} does that.
     *
     * @param file the manifest file
     * @return the manifest as written
     * @throws InvalidInputException when the file cannot be read or is not a valid manifest, located
     */
    public static HandoffManifest readManifest(Path file) {
        Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        // The file system root is a neutral base: the paths the manifest names are judged when it is verified.
        return new ManifestReader(absolute.getRoot()).read(absolute, file.toString()).manifest();
    }

    /**
     * Key pairs, trust files and PEM signers ({@code planning keys generate}, {@code --trust},
     * {@code --key}).
     *
     * @return the key and trust-file operations
     */
    public static Keys keys() {
        return FileKeys.INSTANCE;
    }

    /**
     * Loads and validates a rulebook directory ({@code rulebook.yaml}, {@code rules/*.drl},
     * {@code tests/*.yaml}); its {@link Rulebook#hash()} is the rulebook hash
     * ({@code planning rules hash}). A policy-only rulebook (settings without {@code profiles}, or
     * {@code rules/*.drl} without {@code rulebook.yaml}) gives every stream the default gate
     * profile, {@code default}: the {@code fe} profile of the rulebook {@link #init} writes.
     *
     * @param directory the rulebook directory
     * @return the rulebook, validated
     * @throws InvalidInputException when the directory is missing, holds a file that is neither
     *                               {@code rulebook.yaml}, a rule file {@code rules/*.drl} nor a rule test, or
     *                               its settings are invalid (a failure action that moves a cycle forward
     *                               among them), located
     */
    public static Rulebook rulebook(Path directory) {
        return RulebookLoader.load(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * The SHA-256 rulebook hash of a directory, as {@code planning rules hash} prints it and the
     * coreutils recipe of the README recomputes it; the files need not form a valid rulebook.
     *
     * @param directory the rulebook directory
     * @return the rulebook hash, 64 lower-case hex digits
     * @throws InvalidInputException when the directory is missing, or holds a symbolic link or a file
     *                               name the recipe cannot reproduce
     */
    public static String rulebookHash(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("rulebook directory not found: " + SafePaths.shown(directory));
        }
        return RulebookHasher.hash(directory);
    }

    /**
     * Cross-cycle questions (portfolio, pending signatures, expiring waivers, recent refusals) over
     * the event log files of a workspace, the same answers the PostgreSQL store gives over its rows:
     * each question reads every {@code <stream>/events/*.events.jsonl} log, hash chain verified.
     * Without a trust file no signature counts as signed ({@link CycleQueries#pendingSignatures}):
     * use {@link #cycleQueries(Path, WorkspaceLayout, TrustedKeys)} to verify them. A workspace built
     * on another {@link EventStore} has no event log files: ask it,
     * {@link PlanningWorkspace#queries(TrustedKeys)}.
     *
     * <p>The queries know the workspace's rulebook ({@link WorkspaceLayout#rulebookDir()} under it),
     * read when a pending-signatures question is asked and only then: a role its signing policy does not
     * name is refused, and {@link CycleQueries#pendingSignatures()} judges that policy (with the trust
     * file's, here none) as {@code verify} does. A rulebook that cannot be read refuses those questions.
     *
     * @param workspace the workspace directory
     * @param layout where artifacts live in the workspace
     * @return the queries over the workspace's event logs; each question refuses with an
     *         {@link InvalidInputException} when {@code workspace} is not a directory (then, not only when
     *         the queries are made), never answering "no cycles" for a mistyped path
     * @throws NullPointerException when an argument is {@code null}
     * @since 0.1
     */
    public static CycleQueries cycleQueries(Path workspace, WorkspaceLayout layout) {
        return EventLogQueries.ofWorkspace(Objects.requireNonNull(workspace, "workspace"),
                Objects.requireNonNull(layout, "layout"), Optional.empty(), signingPolicy(workspace, layout));
    }

    /** The workspace's rulebook (its signing policy, and its hash a manifest's is compared with), read each time it is asked. */
    private static Supplier<Rulebook> signingPolicy(Path workspace, WorkspaceLayout layout) {
        Path root = workspace.toAbsolutePath().normalize();
        return () -> RulebookLoader.loadForReading(root.resolve(layout.rulebookDir()), root);
    }

    /**
     * {@link #cycleQueries(Path, WorkspaceLayout)}, with pending signatures answered from the
     * signatures that verify: in each sealed cycle's manifest file, by a key {@code trust} lists
     * for the role ({@code keys().readTrustFile(...)} reads a trust file). {@link
     * CycleQueries#pendingSignatures()} judges the rulebook's signing policy and {@code trust}'s own,
     * as {@code verify} does.
     *
     * @param workspace the workspace directory
     * @param layout where artifacts live in the workspace
     * @param trust the keys trusted to sign manifests
     * @return the queries over the workspace's event logs; each question refuses when {@code workspace}
     *         is not a directory, as {@link #cycleQueries(Path, WorkspaceLayout)}'s
     * @throws NullPointerException when an argument is {@code null}
     * @since 0.1
     */
    public static CycleQueries cycleQueries(Path workspace, WorkspaceLayout layout, TrustedKeys trust) {
        return EventLogQueries.ofWorkspace(Objects.requireNonNull(workspace, "workspace"),
                Objects.requireNonNull(layout, "layout"), Optional.of(Objects.requireNonNull(trust, "trust")),
                signingPolicy(workspace, layout));
    }

    /**
     * {@link #cycleQueries(Path, WorkspaceLayout)} with the default layout.
     *
     * @param workspace the workspace directory
     * @return the queries over the workspace's event logs
     */
    public static CycleQueries cycleQueries(Path workspace) {
        return cycleQueries(workspace, WorkspaceLayout.DEFAULT);
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
        private ClassLoader classLoader;
        private boolean readOnly;

        private Builder() {
        }

        /**
         * The workspace directory (required).
         *
         * @param dir the workspace directory (required)
         * @return this builder
         */
        public Builder workspace(Path dir) {
            this.workspace = Objects.requireNonNull(dir, "workspace");
            return this;
        }

        /**
         * The rulebook directory; default {@code <workspace>/rulebook}.
         *
         * @param dir the rulebook directory; default {@code <workspace>/rulebook}
         * @return this builder
         */
        public Builder rulebook(Path dir) {
            this.rulebook = Objects.requireNonNull(dir, "rulebook");
            return this;
        }

        /**
         * Where artifacts live; default {@link WorkspaceLayout#DEFAULT}.
         *
         * @param value where artifacts live; default {@link WorkspaceLayout#DEFAULT}
         * @return this builder
         */
        public Builder layout(WorkspaceLayout value) {
            this.layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /**
         * Adds a gate, replacing a registered gate of the same name.
         *
         * @param gate the gate
         * @return this builder
         */
        public Builder gate(Gate gate) {
            gates.add(Objects.requireNonNull(gate, "gate"));
            return this;
        }

        /**
         * Whether to add the gates registered with {@link ServiceLoader}; default {@code true}.
         *
         * @param enabled whether to add the gates registered with {@link ServiceLoader}; default {@code true}
         * @return this builder
         */
        public Builder serviceLoaderGates(boolean enabled) {
            this.serviceLoaderGates = enabled;
            return this;
        }

        /**
         * The event store; default the hash-chained files under the workspace.
         *
         * @param store the event store; default the hash-chained files under the workspace
         * @return this builder
         */
        public Builder eventStore(EventStore store) {
            this.eventStore = Objects.requireNonNull(store, "eventStore");
            return this;
        }

        /**
         * The class loader gates and the governance engine are found with; default the thread's
         * context class loader when {@link #build()} runs (the engine's own when there is none). The
         * engine's built-in gates are found as well when this loader does not see them.
         *
         * @param loader the class loader gates and the governance engine are found with; default the thread's context class loader when {@link #build()} runs (the engine's own when there is none)
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        /**
         * The clock events are stamped with and gates judge by (waivers expire against its date);
         * default UTC system time. Only its instants are used: days are UTC days whatever the clock's
         * zone, as {@code verify}, the CLI and the trusted day judge them, so a service on a local-time
         * clock seals the verdict that {@code verify} recomputes.
         *
         * @param value the clock events are stamped with and gates judge by (its zone is not used: days are UTC days)
         * @return this builder
         */
        public Builder clock(Clock value) {
            // A waiver's last day judged in Auckland at the seal and in UTC at verify would be two verdicts.
            this.clock = Objects.requireNonNull(value, "clock").withZone(ZoneOffset.UTC);
            return this;
        }

        /**
         * The trust file of signing keys, read when signatures are checked; it must lie outside the
         * workspace (an {@code InvalidInputException} when it is used otherwise). No default.
         *
         * @param file the trust file of signing keys, read when signatures are checked; it must lie outside the workspace (an {@code InvalidInputException} when it is used otherwise)
         * @return this builder
         */
        public Builder trustFile(Path file) {
            this.trustFile = Objects.requireNonNull(file, "trustFile");
            return this;
        }

        /**
         * The keys trusted to sign manifests, instead of a trust file. The workspace built holds them and answers
         * them from {@link PlanningWorkspace#trustedKeys()}, as it answers a trust file's.
         *
         * @param keys the keys trusted to sign manifests, instead of a trust file
         * @return this builder
         */
        public Builder trustedKeys(TrustedKeys keys) {
            this.trustedKeys = Objects.requireNonNull(keys, "trustedKeys");
            return this;
        }

        /**
         * Who is recorded as triggering events; default {@code $PLANNING_ACTOR} or the OS user.
         *
         * @param actor who is recorded as triggering events; default {@code $PLANNING_ACTOR} or the OS user
         * @return this builder
         */
        public Builder triggeredBy(String actor) {
            this.triggeredBy = Objects.requireNonNull(actor, "triggeredBy");
            return this;
        }

        /**
         * Builds a workspace for reading only, which starts faster. It never compiles the rulebook's
         * policies or its KPI formulas (a KPI formula is compiled and checked whenever it is
         * evaluated, which a read-only workspace never does), and {@link #build()} does not load the
         * rulebook: it checks only that the rulebook directory exists. The rulebook is loaded and
         * validated (against its schema; every gate a profile names must be available) when an
         * operation first needs it: {@link PlanningWorkspace#rulebook rulebook},
         * {@link PlanningWorkspace#manifest manifest}, both
         * {@link PlanningWorkspace#verifyChecksumsOnly(CycleRef, TrustedKeys) verifyChecksumsOnly}, and
         * {@link PlanningWorkspace#checkHistory checkHistory} of a cycle past {@code PACKAGED} (whose
         * signed manifest is checked under the rulebook's signing policy); an invalid rulebook throws
         * its {@link InvalidInputException} from that operation, before anything is judged.
         * {@link PlanningWorkspace#cycles cycles}, {@link PlanningWorkspace#status status} and the
         * {@code checkHistory} of a cycle not past {@code PACKAGED} need no rulebook and answer even
         * when it is invalid. In
         * exchange the workspace serves only what runs no gate and records nothing:
         * {@link PlanningWorkspace#root root}, {@link PlanningWorkspace#rulebook rulebook},
         * {@link PlanningWorkspace#layout layout}, {@link PlanningWorkspace#cycles cycles},
         * {@link PlanningWorkspace#status status}, {@link PlanningWorkspace#checkHistory checkHistory},
         * {@link PlanningWorkspace#manifest manifest} and both
         * {@link PlanningWorkspace#verifyChecksumsOnly(CycleRef, TrustedKeys) verifyChecksumsOnly};
         * every other operation (lint, dry runs, transitions, sealing, signing, a full verify, which
         * re-derives the sealed verdicts) throws an {@link IllegalStateException} before anything
         * runs. {@code planning status} and {@code planning verify --checksums-only} use it.
         *
         * @return this builder
         * @since 0.1
         */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * Scaffolds the workspace for a stream and cycle, as {@link Planning#init(Path, CycleRef)}
         * does, with this builder's settings: the starter plan placed by its {@link #layout layout},
         * the default rulebook copied to its {@link #rulebook rulebook} directory when that does not
         * exist, the cycle's first event recorded in its {@link #eventStore event store}, stamped by
         * its {@link #clock clock} and {@link #triggeredBy actor}; then builds the workspace, as
         * {@link #build()}, and opens the cycle in it.
         *
         * <pre>{@code
         * InitResult init = Planning.builder().workspace(dir).eventStore(store).triggeredBy("release-bot")
         *         .init(new CycleRef("fe", "2025-10-01"));
         * }</pre>
         *
         * @param cycle the cycle to open
         * @return what was scaffolded: the files written and the cycle opened
         * @throws InvalidInputException as {@link Planning#init(Path, CycleRef)}, or as {@link #build()}
         * @throws IllegalStateException when no workspace was given, or the builder is {@link #readOnly()}
         * @since 0.1
         */
        public InitResult init(CycleRef cycle) {
            Objects.requireNonNull(cycle, "cycle");
            if (workspace == null) {
                throw new IllegalStateException("workspace(Path) is required");
            }
            if (readOnly) {
                throw new IllegalStateException("a read-only workspace cannot be scaffolded");
            }
            Path root = workspace.toAbsolutePath().normalize();
            Path rulebookDir = (rulebook != null ? rulebook : root.resolve(layout.rulebookDir())).toAbsolutePath()
                    .normalize();
            // The default rulebook is a resource of planning-rules, found as the engine's own classes are.
            Scaffold.Written written = Scaffold.write(root, rulebookDir, cycle, layout, clock,
                    Planning.class.getClassLoader());
            PlanningWorkspace ws = build();
            return new InitResult(root, written.createdRulebook(), written.files(), ws.create(cycle));
        }

        /**
         * Loads the rulebook, finds the gates, validates, and assembles the workspace (see
         * {@link #readOnly()} for what a read-only workspace skips, and what it validates later).
         *
         * @return the workspace
         * @throws IllegalStateException when no {@link #workspace(Path)} was given (the caller's mistake,
         *         not the input's)
         * @throws InvalidInputException when the workspace or rulebook is missing or invalid, when the
         *         rulebook's policies do not compile (located at the rule file, line and column), or when
         *         a gate profile names a gate that is not available (located at the profile entry); read-only,
         *         when the workspace or the rulebook directory is missing (the rest is checked on first use)
         */
        public PlanningWorkspace build() {
            if (workspace == null) {
                throw new IllegalStateException("workspace(Path) is required");
            }
            Path root = workspace.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new InvalidInputException("workspace directory not found: " + SafePaths.shown(workspace));
            }
            // Before any rulebook is loaded or compiled: a cache kept across runs learns the workspace.
            OpenedWorkspaces.opened(root);
            if (trustFile != null) {
                // Refused before anything runs or is recorded, not when a gate first needs the keys.
                TrustFile.requireOutside(trustFile, root);
            }
            // Every located error of build() names its file workspace-relative when it lies in the workspace.
            Path rulebookDir = rulebook != null ? rulebook : root.resolve(layout.rulebookDir());
            EventStore store = eventStore != null ? eventStore : new FileEventStore(root, layout);
            // Captured now: the builder is reusable, and a read-only workspace opens its rulebook later.
            Opening opening = new Opening(root, rulebookDir, layout, store, loader(), List.copyOf(gates),
                    serviceLoaderGates, clock, triggeredBy, trust(root));
            if (!readOnly) {
                return new ArgumentCheckingWorkspace(opening.open(true));
            }
            // A missing directory is refused at once (a mistyped --rulebook); the rulebook's content
            // is loaded and validated when an operation first needs it (ReadOnlyWorkspace).
            RulebookLoader.requireDirectory(rulebookDir);
            return new ArgumentCheckingWorkspace(new ReadOnlyWorkspace(root, layout, store, opening.trust(),
                    () -> opening.open(false)));
        }

        /** What {@link #build()} was configured with, to open the workspace now or, read-only, later. */
        private record Opening(Path root, Path rulebookDir, WorkspaceLayout layout, EventStore store,
                ClassLoader loader, List<Gate> gates, boolean serviceLoaderGates, Clock clock, String triggeredBy,
                Optional<Supplier<TrustedKeys>> trust) {

            /**
             * Loads and validates the rulebook, finds the gates, checks that every gate a profile names
             * is available and, when {@code compile}, compiles the policies; then assembles the workspace.
             */
            PlanningWorkspace open(boolean compile) {
                // Read-only: no KPI is evaluated, so the formulas are not compiled (KpiEvaluator compiles
                // and checks each before it evaluates it).
                Rulebook loaded = compile ? RulebookLoader.load(rulebookDir, root)
                        : RulebookLoader.loadForReading(rulebookDir, root);
                List<Gate> found = withContextLoader(loader, () -> {
                    List<Gate> all = (serviceLoaderGates ? GateRegistry.withServiceLoader(gates, loader)
                            : GateRegistry.of(gates)).gates();
                    if (compile) {
                        GateCheck.compile(loaded, rulebookDir, root, loader);
                    }
                    return all;
                });
                GateCheck.requireGates(loaded, found.stream().map(Gate::name).collect(Collectors.toSet()), root);
                return new FileWorkspace(root, layout, loaded, store, found, clock, triggeredBy, trust);
            }
        }

        private ClassLoader loader() {
            if (classLoader != null) {
                return classLoader;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : Planning.class.getClassLoader();
        }

        /**
         * Runs {@code work} with the thread's context class loader set to {@code loader}, so that gates
         * that look up their own services (the governance gate its engine factory) look where the
         * builder was told to.
         */
        private static <T> T withContextLoader(ClassLoader loader, Supplier<T> work) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return work.get();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        /**
         * The trusted keys the builder was given, read each time they are needed so that a trust file edited
         * meanwhile counts; empty when it was given neither keys nor a trust file (the workspace then trusts none,
         * and answers {@link PlanningWorkspace#trustedKeys()} empty). Never a file of the workspace by default:
         * the trust anchor comes from outside.
         */
        private Optional<Supplier<TrustedKeys>> trust(Path root) {
            if (trustedKeys != null) {
                TrustedKeys keys = trustedKeys;
                return Optional.of(() -> keys);
            }
            if (trustFile == null) {
                return Optional.empty();
            }
            Path file = trustFile;
            return Optional.of(() -> TrustFile.readOutside(file, root));
        }

        private static String defaultActor() {
            String actor = System.getenv("PLANNING_ACTOR");
            return actor != null && !actor.isBlank() ? actor : System.getProperty("user.name", "unknown");
        }
    }
}
