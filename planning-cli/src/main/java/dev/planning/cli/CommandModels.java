package dev.planning.cli;

import dev.planning.api.lifecycle.CycleState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's command model of the top-level command and of the commands run most often
 * ({@code status}, {@code lint}, {@code gate}, {@code advance}, {@code verify}), built in code.
 * picocli builds a model from the annotations by reflection: it reads every annotation through a
 * proxy class the JDK generates at run time (which no start-up cache holds) and runs its reflection
 * code once, interpreted, which cost a short command more CPU than the command line's parsing
 * itself (measured in docs/benchmarks/cold-start.md). The annotations stay on the classes and stay the source
 * of truth: {@code CommandModelsTest} checks that each model built here equals, attribute by
 * attribute, the one picocli reflects from them, and that the help of every command reads the same.
 * The other commands are built by picocli from their annotations, as before.
 */
final class CommandModels {

    /** The commands whose model is built here; any other is reflected from its annotations. */
    static final List<String> BUILT = List.of("status", "lint", "gate", "advance", "verify");

    private static final String PLANNING_DESCRIPTION = "Planning cycles as files: lint plans, run quality gates,"
            + " advance the lifecycle, seal, sign and verify handoffs.";

    private CommandModels() {
    }

    /** The model of the top-level {@code planning} command, bound to {@code command}. */
    static CommandSpec planning(PlanningCommand command) {
        CommandSpec spec = command("planning", command, PLANNING_DESCRIPTION);
        spec.versionProvider(new VersionProvider());
        command.spec = spec;
        return withStandardHelp(spec);
    }

    /** The model of subcommand {@code name} built in code, or empty for a command picocli reflects. */
    static Optional<CommandSpec> subcommand(String name) {
        switch (name) {
            case "status": return Optional.of(status(new StatusCommand()));
            case "lint": return Optional.of(lint(new LintCommand()));
            case "gate": return Optional.of(gate(new GateCommand()));
            case "advance": return Optional.of(advance(new AdvanceCommand()));
            case "verify": return Optional.of(verify(new VerifyCommand()));
            default: return Optional.empty();
        }
    }

    /** {@link StatusCommand}'s model, bound to {@code c} (its mixins created and its spec set). */
    static CommandSpec status(StatusCommand c) {
        CommandSpec spec = command("status", c, "Show the state and history of cycles, verifying each event log's"
                + " hash chain, and, for every cycle past PACKAGED, that its sealed manifest verifies now against the"
                + " trust file (checksums, rulebook, signatures meeting the signing policy). Exit 1 when either does"
                + " not hold.");
        c.workspace = new WorkspaceOptions();
        c.format = new FormatOption();
        c.trust = new TrustOption();
        spec.addMixin("workspace", workspace(c.workspace));
        spec.addMixin("format", format(c.format));
        spec.addMixin("trust", trust(c.trust));
        c.filter = new CycleOptions.Filter();
        spec.addMixin("filter", filter(c.filter));
        c.spec = spec;
        return withStandardHelp(spec);
    }

    /** {@link LintCommand}'s model, bound to {@code c} (its mixins created and its spec set). */
    static CommandSpec lint(LintCommand c) {
        CommandSpec spec = command("lint", c,
                "Validate the workspace's artifacts against their schemas and check ids and references.");
        c.workspace = new WorkspaceOptions();
        c.format = new FormatOption.Every();
        spec.addMixin("workspace", workspace(c.workspace));
        spec.addMixin("format", format(c.format));
        c.filter = new CycleOptions.Filter();
        spec.addMixin("filter", filter(c.filter));
        c.spec = spec;
        return withStandardHelp(spec);
    }

    /** {@link GateCommand}'s model, bound to {@code c} (its mixins created and its spec set). */
    static CommandSpec gate(GateCommand c) {
        CommandSpec spec = command("gate", c, "Run the gates of one transition without recording anything (a dry run).");
        c.workspace = new WorkspaceOptions();
        c.cycle = new CycleOptions();
        c.format = new FormatOption.Every();
        c.trust = new TrustOption();
        spec.addMixin("workspace", workspace(c.workspace));
        spec.addMixin("cycle", cycle(c.cycle));
        spec.addMixin("format", format(c.format));
        spec.addMixin("trust", trust(c.trust));
        spec.addOption(to(() -> c.to, v -> c.to = v));
        c.spec = spec;
        return withStandardHelp(spec);
    }

    /** {@link AdvanceCommand}'s model, bound to {@code c} (its mixins created and its spec set). */
    static CommandSpec advance(AdvanceCommand c) {
        CommandSpec spec = command("advance", c,
                "Run the gates of one transition and record it in the cycle's event log.");
        c.workspace = new WorkspaceOptions();
        c.cycle = new CycleOptions();
        c.format = new FormatOption.Every();
        c.trust = new TrustOption();
        spec.addMixin("workspace", workspace(c.workspace));
        spec.addMixin("cycle", cycle(c.cycle));
        spec.addMixin("format", format(c.format));
        spec.addMixin("trust", trust(c.trust));
        spec.addOption(to(() -> c.to, v -> c.to = v));
        spec.addOption(option(boolean.class, () -> c.allowDirty, v -> c.allowDirty = v, "--allow-dirty")
                .initialValue(c.allowDirty).paramLabel("<allowDirty>")
                .description("With --to PACKAGED: seal even when artifacts have uncommitted changes (or no git"
                        + " repository); the manifest records dirty: true.").build());
        spec.addOption(option(List.class, () -> c.summaryKeys, v -> c.summaryKeys = v, "--summary-key")
                .auxiliaryTypes(Path.class).initialValue(c.summaryKeys).paramLabel("FILE")
                .description("With --to VALIDATED: once the move is accepted, write the cycle's verification"
                        + " summaries (in-toto Test Result, SLSA VSA) signed with this PEM key, as `attest --summaries`"
                        + " does; repeat for several signatures.").build());
        c.spec = spec;
        return withStandardHelp(spec);
    }

    /** {@link VerifyCommand}'s model, bound to {@code c} (its mixins created and its spec set). */
    static CommandSpec verify(VerifyCommand c) {
        CommandSpec spec = command("verify", c, "Verify a sealed manifest: every checksum, the rulebook hash, every"
                + " signature against the trust file, the signing policy, the prior_manifest_id chain and snapshot_rev,"
                + " the manifest against its MANIFEST_SEALED event, and the sealed gate verdicts recomputed from the"
                + " sealed inputs. Exit 0: verified; 1: any discrepancy, an invalid manifest included; 2: could not"
                + " verify (bad options, no trust file).");
        spec.addPositional(PositionalParamSpec.builder().type(Path.class)
                .getter(new Binding<Path>(() -> c.manifest, v -> c.manifest = v))
                .setter(new Binding<Path>(() -> c.manifest, v -> c.manifest = v))
                .paramLabel("MANIFEST").arity("0..1").prompt("").descriptionKey("")
                .description("A manifest file (instead of --stream/--cycle).").build());
        spec.addOption(option(String.class, () -> c.stream, v -> c.stream = v, "--stream").paramLabel("S")
                .description("Stream of the cycle to verify.").build());
        spec.addOption(option(String.class, () -> c.cycle, v -> c.cycle = v, "--cycle").paramLabel("C")
                .description("Cycle id to verify.").build());
        spec.addOption(option(Path.class, () -> c.workspace, v -> c.workspace = v, "-w", "--workspace")
                .paramLabel("DIR")
                .description("Workspace (default: inferred from MANIFEST's place, else the current directory).")
                .build());
        spec.addOption(option(Path.class, () -> c.rulebook, v -> c.rulebook = v, "--rulebook").paramLabel("DIR")
                .description("Rulebook directory (default: <workspace>/rulebook).").build());
        c.trust = new TrustOption();
        spec.addMixin("trust", trust(c.trust));
        spec.addOption(option(boolean.class, () -> c.checksumsOnly, v -> c.checksumsOnly = v, "--checksums-only")
                .initialValue(c.checksumsOnly).paramLabel("<checksumsOnly>")
                .description("Skip re-deriving the sealed gate verdicts from the sealed inputs (no gate runs; the"
                        + " output says the verdicts were not recomputed).").build());
        c.format = new FormatOption.WithMarkdown();
        spec.addMixin("format", format(c.format));
        c.spec = spec;
        return withStandardHelp(spec);
    }

    /** {@link WorkspaceOptions}: {@code -w/--workspace}, {@code --rulebook}, {@code --store}. */
    static CommandSpec workspace(WorkspaceOptions o) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(o);
        mixin.addOption(option(Path.class, () -> o.workspace, v -> o.workspace = v, "-w", "--workspace")
                .paramLabel("DIR").defaultValue(".")
                .description("Workspace directory (default: the current directory).").build());
        mixin.addOption(option(Path.class, () -> o.rulebook, v -> o.rulebook = v, "--rulebook").paramLabel("DIR")
                .description("Rulebook directory (default: <workspace>/rulebook).").build());
        mixin.addOption(option(Path.class, () -> o.store, v -> o.store = v, "--store").paramLabel("FILE")
                .description("Keep event logs in the PostgreSQL store this configuration file names (url, user,"
                        + " password, repository, kafka.*); default: $PLANNING_STORE_CONFIG or $PLANNING_STORE_URL,"
                        + " else the workspace's files. Never a URL or password here.").build());
        return mixin;
    }

    /** {@link FormatOption}: {@code --format}, text or JSON. */
    static CommandSpec format(FormatOption o) {
        return format(o, () -> o.format, v -> o.format = v, new FormatOption.TextOrJson(), FormatOption.DESCRIPTION);
    }

    /** {@link FormatOption.WithMarkdown}: {@code --format}, text, JSON or Markdown. */
    static CommandSpec format(FormatOption.WithMarkdown o) {
        return format(o, () -> o.format, v -> o.format = v, new FormatOption.OrMarkdown(),
                FormatOption.WithMarkdown.DESCRIPTION);
    }

    /** {@link FormatOption.Every}: {@code --format}, every format. */
    static CommandSpec format(FormatOption.Every o) {
        return format(o, () -> o.format, v -> o.format = v, new FormatOption.Any(), FormatOption.Every.DESCRIPTION);
    }

    private static CommandSpec format(Object o, Supplier<OutputFormat> getter, Consumer<OutputFormat> setter,
            ITypeConverter<OutputFormat> converter, String description) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(o);
        mixin.addOption(option(OutputFormat.class, getter, setter, "--format")
                .paramLabel("FORMAT").defaultValue("text").converters(converter)
                .description(description).build());
        return mixin;
    }

    /** {@link TrustOption}: {@code --trust}. */
    static CommandSpec trust(TrustOption o) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(o);
        mixin.addOption(option(Path.class, () -> o.trust, v -> o.trust = v, "--trust").paramLabel("FILE")
                .description("Trust file of signing keys by role, kept outside the workspace (anyone who can commit"
                        + " could add a key to one inside it); `planning keys generate` writes one.").build());
        return mixin;
    }

    /** {@link CycleOptions}: the required {@code --stream} and {@code --cycle}. */
    static CommandSpec cycle(CycleOptions o) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(o);
        mixin.addOption(option(String.class, () -> o.stream, v -> o.stream = v, "--stream").paramLabel("S")
                .required(true).description("Stream, e.g. fe, be, design.").build());
        mixin.addOption(option(String.class, () -> o.cycle, v -> o.cycle = v, "--cycle").paramLabel("C")
                .required(true).description("Cycle id, e.g. 2025-09-02.").build());
        return mixin;
    }

    /** {@link CycleOptions.Filter}: the optional {@code --stream} and {@code --cycle}. */
    static CommandSpec filter(CycleOptions.Filter o) {
        CommandSpec mixin = CommandSpec.wrapWithoutInspection(o);
        mixin.addOption(option(String.class, () -> o.stream, v -> o.stream = v, "--stream").paramLabel("S")
                .description("Only this stream.").build());
        mixin.addOption(option(String.class, () -> o.cycle, v -> o.cycle = v, "--cycle").paramLabel("C")
                .description("Only this cycle.").build());
        return mixin;
    }

    /** The required {@code --to STATE} of {@code gate} and {@code advance}. */
    private static OptionSpec to(Supplier<CycleState> get, Consumer<CycleState> set) {
        return option(CycleState.class, get, set, "--to").paramLabel("STATE").required(true)
                .converters(new StateConverter()).description("Target state, e.g. READY_FOR_HANDOFF.").build();
    }

    /** A command with its name and description. */
    private static CommandSpec command(String name, Object userObject, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.usageMessage().description(description);
        return spec;
    }

    /**
     * picocli's standard help options ({@code mixinStandardHelpOptions = true}), as picocli builds them
     * but without reflecting over its own annotated mixin class; added last, as picocli adds them.
     */
    private static CommandSpec withStandardHelp(CommandSpec spec) {
        CommandSpec help = CommandSpec.wrapWithoutInspection(null);
        help.addOption(OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                .type(boolean.class).initialValue(false).paramLabel("<helpRequested>").prompt("").usageHelp(true)
                .descriptionKey("mixinStandardHelpOptions.help")
                .description("Show this help message and exit.").build());
        help.addOption(OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
                .type(boolean.class).initialValue(false).paramLabel("<versionRequested>").prompt("").versionHelp(true)
                .descriptionKey("mixinStandardHelpOptions.version")
                .description("Print version information and exit.").build());
        spec.addMixin("mixinStandardHelpOptions", help);
        return spec;
    }

    /** An option bound to a field through {@code get} and {@code set}. */
    private static <V> OptionSpec.Builder option(Class<?> type, Supplier<V> get, Consumer<V> set, String... names) {
        Binding<V> binding = new Binding<>(get, set);
        return OptionSpec.builder(names).type(type).prompt("").descriptionKey("").getter(binding).setter(binding);
    }

    /**
     * Reads and writes one field of a command or mixin object (picocli's getter and setter are
     * generic methods, which a lambda cannot implement).
     */
    private static final class Binding<V> implements IGetter, ISetter {
        private final Supplier<V> get;
        private final Consumer<V> set;

        Binding(Supplier<V> get, Consumer<V> set) {
            this.get = get;
            this.set = set;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) get.get();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = (T) get.get();
            set.accept((V) value);
            return previous;
        }
    }
}
