package dev.planning.rules.impact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.cycle.ArtifactGateContext;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.cycle.CycleLogs;
import dev.planning.engine.internal.cycle.GateEnvironment;
import dev.planning.engine.internal.cycle.SealedManifests;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.report.CommandJson;
import dev.planning.engine.internal.report.Markdown;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PlanningFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.StoreBackedWorkspace;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import dev.planning.rules.internal.drools.SettingsReaders;
import dev.planning.rules.internal.gate.GovernanceGate;
import dev.planning.rules.internal.report.ImpactReports;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The impact of a rulebook change on every cycle of a workspace: each cycle's plan evaluated by the
 * {@code governance} gate under the base and under the head rulebook, and what differs. A rulebook
 * whose gate profile for the cycle's stream runs the gate at no transition judges no rule of that
 * cycle: the cycle passes under it, with one warning {@code governance.not-run}.
 *
 * <pre>{@code
 * RulebookImpact impact = RulebookImpact.compare(workspace, baseRulebookDir, workspace.resolve("rulebook"), Clock.systemUTC());
 * boolean refuseTheChange = impact.blocksNew();   // a cycle that passes governance today would be blocked
 * // or with the base read from git: RulebookImpact.compareWithRevision(workspace, "origin/main", headDir, clock)
 * }</pre>
 *
 * <p>The cycles are found where a layout puts them: {@link WorkspaceLayout#DEFAULT} unless one is
 * given. A workspace built with another layout ({@code Planning.builder().layout(...)}) is compared
 * under its own, {@code compare(workspace.root(), workspace.layout(), base, head, clock)}: under the
 * default one its cycles would not be found, and a change that blocks them would read as blocking none.
 *
 * @param baseHash the base rulebook's hash
 * @param headHash the head rulebook's hash
 * @param cycles   every cycle of the workspace, in the workspace's order
 * @param settings every setting of {@code rulebook.yaml} that differs (the signing policy, each profile's
 *                 gates per transition, each stream's profile, thresholds, KPIs, tags), in a fixed order;
 *                 the findings above judge only the governance rules, so a change here (a signing
 *                 requirement dropped, a gate taken out of a profile) shows nowhere else
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RulebookImpact(String baseHash, String headHash, List<CycleImpact> cycles,
        List<SettingsChange> settings) {

    private static final Transition HANDOFF = Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF)
            .orElseThrow();
    private static final Comparator<ImpactFinding> ORDER = Comparator.comparing(ImpactFinding::rule)
            .thenComparing(f -> f.item().orElse("")).thenComparing(ImpactFinding::severity);

    /**
     * Validates and copies the list.
     *
     * @param baseHash the base rulebook's hash
     * @param headHash the head rulebook's hash
     * @param cycles every cycle of the workspace, in the workspace's order
     * @param settings every setting that differs between the two rulebooks
     */
    public RulebookImpact {
        Objects.requireNonNull(baseHash, "baseHash");
        Objects.requireNonNull(headHash, "headHash");
        cycles = List.copyOf(cycles);
        settings = List.copyOf(settings);
    }

    /**
     * An impact whose rulebooks differ in no setting.
     *
     * @param baseHash the base rulebook's hash
     * @param headHash the head rulebook's hash
     * @param cycles every cycle of the workspace, in the workspace's order
     */
    public RulebookImpact(String baseHash, String headHash, List<CycleImpact> cycles) {
        this(baseHash, headHash, cycles, List.of());
    }

    /**
     * Whether a setting of the head rulebook is known to govern less than the base's
     * ({@link SettingsChange#weakens()}): a signing requirement dropped, a gate taken out of a profile.
     *
     * @return whether the change weakens a setting
     * @since 0.1
     */
    public boolean weakens() {
        return settings.stream().anyMatch(SettingsChange::weakens);
    }

    /**
     * Whether the change would block a cycle that passes governance today.
     *
     * @return whether the change would block a cycle that passes governance today
     */
    public boolean blocksNew() {
        return cycles.stream().anyMatch(CycleImpact::newlyBlocked);
    }

    /**
     * The cycles the change makes a difference to.
     *
     * @return the cycles the change makes a difference to
     */
    public List<CycleImpact> changed() {
        return cycles.stream().filter(CycleImpact::changed).toList();
    }

    /**
     * The change in one line: {@code 3 cycle(s): 1 new finding(s), 0 resolved, 1 cycle(s) newly blocked},
     * followed, when a setting differs, by {@code ; 2 setting(s) changed, 1 WEAKENS governance}.
     *
     * @return the counts of cycles, new and resolved findings, newly blocked cycles, and changed settings
     * @since 0.1
     */
    public String summary() {
        long blocked = cycles.stream().filter(CycleImpact::newlyBlocked).count();
        long added = cycles.stream().mapToLong(c -> c.added().size()).sum();
        long resolved = cycles.stream().mapToLong(c -> c.resolved().size()).sum();
        String summary = cycles.size() + " cycle(s): " + added + " new finding(s), " + resolved + " resolved, "
                + blocked + " cycle(s) newly blocked";
        if (settings.isEmpty()) {
            return summary;
        }
        long weakening = settings.stream().filter(SettingsChange::weakens).count();
        return summary + "; " + settings.size() + " setting(s) changed, " + weakening + " WEAKENS governance";
    }

    /**
     * The verdict: {@code BLOCKS} when a cycle that passes today would be blocked, else {@code WEAKENS}
     * when a setting is known to govern less, else {@code CHANGES} when a finding or a setting
     * changes, else {@code NO CHANGE}.
     *
     * @return the verdict word
     * @since 0.1
     */
    public String verdict() {
        if (blocksNew()) {
            return "BLOCKS";
        }
        if (weakens()) {
            return "WEAKENS";
        }
        return changed().isEmpty() && settings.isEmpty() ? "NO CHANGE" : "CHANGES";
    }

    /**
     * The impact as Markdown, as {@code planning rules diff --format markdown} prints it for a
     * pull-request comment: a heading with the {@link #verdict() verdict} (BLOCKS, WEAKENS, CHANGES,
     * NO CHANGE), the summary, both rulebooks with their hashes, each setting that differs (base, head,
     * weakens or changed), each cycle today and after the change, and the findings the change adds and
     * resolves. Every value
     * from a plan or a rulebook (a message, a rule, a task, a directory) is escaped so that it renders as
     * exactly the text it is, on one line, never as markup, a link, a mention or a cell of its own; a
     * hash of hexadecimal digits alone is a code span. The same inputs give the same text.
     *
     * <pre>{@code
     * RulebookImpact impact = RulebookImpact.compareWithRevision(workspace, "origin/main", headDir, clock);
     * String comment = impact.markdown("origin/main", "rulebook");
     * }</pre>
     *
     * @param base how the comment names the base rulebook (a revision or a directory)
     * @param head how the comment names the head rulebook
     * @return the Markdown text
     * @since 0.1
     */
    public String markdown(String base, String head) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        StringBuilder md = new StringBuilder(Markdown.verdict("planning rules diff", verdict()));
        md.append(Markdown.escape(summary())).append("\n\n");
        md.append(Markdown.table(List.of("rulebook", "directory", "hash"), List.of(
                List.of("base", base, baseHash), List.of("head", head, headHash)), Set.of(2)));
        if (!settings.isEmpty()) {
            md.append(Markdown.table(List.of("setting", "base", "head", "change"), settings.stream()
                    .map(c -> List.of(c.setting(), c.base(), c.head(),
                            c.kind() + c.reason().map(r -> " (" + r + ")").orElse(""))).toList()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (CycleImpact cycle : cycles) {
            for (ImpactFinding f : cycle.added()) {
                rows.add(markdownRow(cycle, "new", f));
            }
            for (ImpactFinding f : cycle.resolved()) {
                rows.add(markdownRow(cycle, "resolved", f));
            }
        }
        md.append(Markdown.table(List.of("cycle", "today", "after the change"), cycles.stream()
                .map(c -> List.of(c.cycle().toString(), blockedOrPasses(c.blockedBase()), blockedOrPasses(c.blockedHead())))
                .toList()));
        if (!rows.isEmpty()) {
            md.append(Markdown.table(List.of("cycle", "change", "rule", "item", "severity", "message"), rows));
        }
        return md.toString();
    }

    /**
     * The impact as JSON, as {@code planning rules diff --format json} prints it (schema
     * {@code schemas/output/rules-diff/1.0.json} of the engine jar): each rulebook with its hash,
     * {@code blocks_new}, {@code weakens}, each setting that differs (base, head, change) and each cycle,
     * blocked under each rulebook, with the findings the change adds and resolves (rule, item,
     * severity, message, location, compared values and fix). Without a trailing line break (the
     * command line prints one after it); the same inputs give the same text.
     *
     * <pre>{@code
     * String json = impact.json("origin/main", "rulebook");
     * }</pre>
     *
     * @param base how the document names the base rulebook (a revision or a directory)
     * @param head how the document names the head rulebook
     * @return the JSON text
     * @since 0.1
     */
    public String json(String base, String head) {
        return CommandJson.write(ImpactReports.json(this, Objects.requireNonNull(base, "base"),
                Objects.requireNonNull(head, "head")));
    }

    private static List<String> markdownRow(CycleImpact cycle, String change, ImpactFinding f) {
        return List.of(cycle.cycle().toString(), change, f.rule(), f.item().orElse(""),
                f.severity().name().toLowerCase(Locale.ROOT), f.explained());
    }

    private static String blockedOrPasses(boolean blocked) {
        return blocked ? "blocked" : "passes";
    }

    /**
     * Evaluates every cycle of an open workspace under its rulebook and {@code head}: the cycles found
     * where the workspace's own {@link PlanningWorkspace#layout() layout} puts them, the base rulebook
     * its {@link PlanningWorkspace#rulebook() rulebook in force}, the event logs read from the store it
     * was built with ({@code Planning.builder().eventStore(...)}; its files by default), as its own gates
     * read them (an implementation of one's own: its files). What {@code planning rules diff} shows,
     * for a workspace built with a layout of its own.
     *
     * @param workspace the open workspace; its root, layout, rulebook directory and event store are read
     * @param head      the rulebook after the change
     * @param clock     today's date for waiver expiry
     * @return the impact on every cycle
     * @throws InvalidInputException as {@link #compare(Path, WorkspaceLayout, Path, Path, Clock)}
     * @since 0.1
     */
    public static RulebookImpact compare(PlanningWorkspace workspace, Path head, Clock clock) {
        Objects.requireNonNull(workspace, "workspace");
        return compare(workspace.root(), workspace.layout(), logsOf(workspace), workspace.rulebook().directory(), head,
                clock);
    }

    /**
     * The event store {@code workspace} was built with, when it says ({@link StoreBackedWorkspace}: every workspace
     * {@code Planning.builder().build()} returns); {@code null}, the workspace's files, when it does not.
     */
    static EventStore logsOf(PlanningWorkspace workspace) {
        return workspace instanceof StoreBackedWorkspace backed ? backed.eventStore().orElse(null) : null;
    }

    /**
     * Evaluates every cycle of {@code workspace} under both rulebooks, the cycles found where the
     * default layout ({@link WorkspaceLayout#DEFAULT}, SPEC §3) puts them: a workspace laid out otherwise
     * would show no cycle, so a change that blocks them all would read as blocking none; give its
     * layout ({@link #compare(Path, WorkspaceLayout, Path, Path, Clock)},
     * {@link #compare(PlanningWorkspace, Path, Clock)}).
     *
     * @param workspace the workspace directory
     * @param base      the rulebook before the change
     * @param head      the rulebook after the change
     * @param clock     today's date for waiver expiry
     * @return the impact on every cycle
     * @throws InvalidInputException when a rulebook is missing or invalid or does not compile
     *         (located at its file, line and column), the workspace is missing, or a planning file's name
     *         is on a dangling link, a link out of the workspace or a directory (named, as the workspace's
     *         {@code cycles()} refuses it)
     */
    public static RulebookImpact compare(Path workspace, Path base, Path head, Clock clock) {
        return compare(workspace, WorkspaceLayout.DEFAULT, base, head, clock);
    }

    /**
     * As {@link #compare(Path, Path, Path, Clock)}, the cycles found where {@code layout} puts them:
     * for a workspace built with a layout of its own, {@code compare(workspace.root(),
     * workspace.layout(), base, head, clock)}.
     *
     * @param workspace the workspace directory
     * @param layout    where the workspace's artifacts live
     * @param base      the rulebook before the change
     * @param head      the rulebook after the change
     * @param clock     today's date for waiver expiry
     * @return the impact on every cycle
     * @throws InvalidInputException as {@link #compare(Path, Path, Path, Clock)}
     * @since 0.1
     */
    public static RulebookImpact compare(Path workspace, WorkspaceLayout layout, Path base, Path head, Clock clock) {
        return compare(workspace, layout, null, base, head, clock);
    }

    /**
     * As {@link #compare(Path, WorkspaceLayout, Path, Path, Clock)}, the workspace's event logs kept in
     * {@code logs} rather than in its files: the store a workspace is built with
     * ({@code Planning.builder().eventStore(...)}, {@code planning --store}). A cycle's previous cycle is
     * judged only once its log reads intact from that store, as {@code planning gate} asks it.
     *
     * @param workspace the workspace directory
     * @param layout    where the workspace's artifacts live
     * @param logs      the store holding the workspace's event logs; {@code null} for the workspace's files
     * @param base      the rulebook before the change
     * @param head      the rulebook after the change
     * @param clock     today's date for waiver expiry
     * @return the impact on every cycle
     * @throws InvalidInputException as {@link #compare(Path, Path, Path, Clock)}
     * @since 0.1
     */
    public static RulebookImpact compare(Path workspace, WorkspaceLayout layout, EventStore logs, Path base, Path head,
            Clock clock) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(clock, "clock");
        Rulebook baseRulebook = compiled(base);
        return compare(workspace, layout, logs, baseRulebook, new RulebookFiles(baseRulebook), head, clock);
    }

    /**
     * Every cycle judged under {@code baseRulebook}, its files served by {@code baseFiles}, and under {@code head}, the
     * event logs read from {@code logs} ({@code null}: the workspace's files).
     */
    private static RulebookImpact compare(Path workspace, WorkspaceLayout layout, EventStore logs,
            Rulebook baseRulebook, RulebookFiles baseFiles, Path head, Clock clock) {
        Rulebook headRulebook = compiled(head);
        Path root = requireWorkspace(workspace);
        GovernanceGate gate = new GovernanceGate(new DroolsGovernanceEngineFactory());
        GateEnvironment underBase = environment(root, layout, logs != null ? logs : new FileEventStore(root, layout),
                baseRulebook, baseFiles, clock);
        GateEnvironment underHead = underBase.withRulebook(headRulebook);
        List<CycleImpact> cycles = new ArrayList<>();
        for (CycleRef cycle : PlanningFiles.cycles(root, layout)) {
            GateResult before = judged(gate, underBase, baseRulebook, cycle);
            GateResult after = judged(gate, underHead, headRulebook, cycle);
            Map<String, ImpactFinding> was = byKey(before);
            Map<String, ImpactFinding> now = byKey(after);
            List<ImpactFinding> added = now.entrySet().stream().filter(e -> !was.containsKey(e.getKey()))
                    .map(Map.Entry::getValue).sorted(ORDER).toList();
            List<ImpactFinding> resolved = was.entrySet().stream().filter(e -> !now.containsKey(e.getKey()))
                    .map(Map.Entry::getValue).sorted(ORDER).toList();
            cycles.add(new CycleImpact(cycle, !before.passed(), !after.passed(), added, resolved));
        }
        RulebookFiles headFiles = new RulebookFiles(headRulebook);
        return new RulebookImpact(baseRulebook.hash(), headRulebook.hash(), cycles,
                SettingsDiff.between(baseRulebook, headRulebook, () -> settingsReaders(
                        List.of(Map.entry(baseRulebook, baseFiles), Map.entry(headRulebook, headFiles))),
                        () -> SettingsReaders.runsShippedRequiredTags(ruleFiles(headRulebook, headFiles, new ArrayList<>())),
                        () -> ownRuleFiles(List.of(Map.entry(baseRulebook, baseFiles), Map.entry(headRulebook, headFiles))),
                        ruleTexts(baseRulebook, baseFiles, headRulebook, headFiles)));
    }

    /** Both rulebooks' rule files' bytes, from the bytes their hashes name, and their rule names as compiled. */
    private static SettingsDiff.RuleTexts ruleTexts(Rulebook base, RulebookFiles baseFiles, Rulebook head,
            RulebookFiles headFiles) {
        List<String> baseUnserved = new ArrayList<>();
        List<String> headUnserved = new ArrayList<>();
        Map<String, byte[]> baseRules = ruleFiles(base, baseFiles, baseUnserved);
        Map<String, byte[]> headRules = ruleFiles(head, headFiles, headUnserved);
        return new SettingsDiff.RuleTexts(baseRules, headRules, () -> ruleNames(base, baseRules, baseUnserved),
                () -> ruleNames(head, headRules, headUnserved));
    }

    /**
     * A rulebook's rules by name, compiled from its rule files' bytes, each with its severity as the engine reads it
     * ({@code DroolsGovernanceEngine.ruleSeverities}); empty when a file could not be served.
     */
    private static Optional<Map<String, String>> ruleNames(Rulebook rulebook, Map<String, byte[]> files,
            List<String> unserved) {
        if (!unserved.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Map.copyOf(new DroolsGovernanceEngineFactory().createFromFiles(rulebook, files)
                .ruleSeverities()));
    }

    /**
     * The rule files of the rulebooks that are not files the tool ships ({@link SettingsReaders#ownFiles}), the
     * base's first, each once; a file the hash names but that cannot be served counts as one of one's own.
     */
    private static List<String> ownRuleFiles(List<Map.Entry<Rulebook, RulebookFiles>> rulebooks) {
        Set<String> own = new LinkedHashSet<>();
        for (Map.Entry<Rulebook, RulebookFiles> side : rulebooks) {
            List<String> unserved = new ArrayList<>();
            Map<String, byte[]> files = ruleFiles(side.getKey(), side.getValue(), unserved);
            own.addAll(unserved);
            own.addAll(SettingsReaders.ownFiles(files));
        }
        return List.copyOf(own);
    }

    /**
     * The gate environment the cycles are judged in: the workspace's event logs, in {@code logs}, are checked as
     * the live workspace checks them ({@link CycleLogs#of}), so a previous cycle whose log is broken (or holds
     * another cycle's events) is refused, naming its log and line, never read as sound (store29; fail closed). With
     * no trusted key, no carried action's origin is verified (origin42).
     */
    static GateEnvironment environment(Path root, WorkspaceLayout layout, EventStore logs, Rulebook rulebook,
            RulebookFiles files, Clock clock) {
        return new GateEnvironment(root, layout, rulebook, new CycleArtifacts(root, layout), clock, TrustedKeys::none,
                SealedManifests.NONE, files, CycleLogs.of(logs, root, layout,
                        CarriedOrigins.TrustedCycles.untrusted(logs)));
    }

    /**
     * The rules of the rulebooks, other than the shipped ones, that may read their settings themselves
     * ({@link SettingsReaders}), each named as {@code file: rule}, the base's first; read from the bytes the
     * rulebooks' hashes name, each rulebook's files together (one rule reads what another's violations carry).
     */
    private static List<String> settingsReaders(List<Map.Entry<Rulebook, RulebookFiles>> rulebooks) {
        Set<String> readers = new LinkedHashSet<>();
        for (Map.Entry<Rulebook, RulebookFiles> side : rulebooks) {
            List<String> unserved = new ArrayList<>();
            Map<String, byte[]> files = ruleFiles(side.getKey(), side.getValue(), unserved);
            // A file the hash names but that cannot be served cannot be judged: it counts as reading.
            readers.addAll(unserved);
            readers.addAll(SettingsReaders.of(files));
        }
        return List.copyOf(readers);
    }

    /** A rulebook's rule files' bytes by name, from the bytes its hash names; a file that cannot be served is added to {@code unserved}. */
    private static Map<String, byte[]> ruleFiles(Rulebook rulebook, RulebookFiles served, List<String> unserved) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : rulebook.ruleFiles()) {
            served.read(file).ifPresentOrElse(bytes -> files.put(file, bytes), () -> unserved.add(file));
        }
        return files;
    }

    /**
     * As {@link #compare}, with the base rulebook read from git: the {@code head} directory's
     * files as they were at {@code revision} in the repository holding the workspace, read from git
     * objects (nothing is written: no temporary copy to remove, or to leave behind when the process is
     * killed). Mistakes of that rulebook are named as git names its files, {@code REVISION:PATH}
     * ({@code origin/main:rulebook/rulebook.yaml:4:7}), the path from the repository's root. The cycles
     * are found where the default layout ({@link WorkspaceLayout#DEFAULT}) puts them; a workspace laid out
     * otherwise: {@link #compareWithRevision(Path, WorkspaceLayout, String, Path, Clock)}.
     *
     * @param workspace the workspace directory
     * @param revision the git revision the base rulebook is read at
     * @param head the rulebook directory after the change
     * @param clock the clock
     * @return the impact on every cycle
     * @throws InvalidInputException also when the workspace is not in a git repository, the
     *         revision is unknown or the rulebook directory did not exist at it
     */
    public static RulebookImpact compareWithRevision(Path workspace, String revision, Path head, Clock clock) {
        return compareWithRevision(workspace, WorkspaceLayout.DEFAULT, revision, head, clock);
    }

    /**
     * As {@link #compareWithRevision(Path, String, Path, Clock)}, the cycles found where {@code layout}
     * puts them (see {@link #compare(Path, WorkspaceLayout, Path, Path, Clock)}).
     *
     * @param workspace the workspace directory
     * @param layout where the workspace's artifacts live
     * @param revision the git revision the base rulebook is read at
     * @param head the rulebook directory after the change
     * @param clock the clock
     * @return the impact on every cycle
     * @throws InvalidInputException as {@link #compareWithRevision(Path, String, Path, Clock)}
     * @since 0.1
     */
    public static RulebookImpact compareWithRevision(Path workspace, WorkspaceLayout layout, String revision, Path head,
            Clock clock) {
        return compareWithRevision(workspace, layout, null, revision, head, clock);
    }

    /**
     * As {@link #compareWithRevision(Path, WorkspaceLayout, String, Path, Clock)}, the workspace's event logs kept
     * in {@code logs} (see {@link #compare(Path, WorkspaceLayout, EventStore, Path, Path, Clock)}).
     *
     * @param workspace the workspace directory
     * @param layout where the workspace's artifacts live
     * @param logs the store holding the workspace's event logs; {@code null} for the workspace's files
     * @param revision the git revision the base rulebook is read at
     * @param head the rulebook directory after the change
     * @param clock the clock
     * @return the impact on every cycle
     * @throws InvalidInputException as {@link #compareWithRevision(Path, String, Path, Clock)}
     * @since 0.1
     */
    public static RulebookImpact compareWithRevision(Path workspace, WorkspaceLayout layout, EventStore logs,
            String revision, Path head, Clock clock) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(clock, "clock");
        requireWorkspace(workspace);
        GitRepository.CommittedDirectory committed;
        try (GitRepository git = GitRepository.find(workspace).orElseThrow(() -> new InvalidInputException(
                "--base " + Printable.line(revision) + ": " + SafePaths.shown(workspace) + " is not inside a git repository"))) {
            // As git names a file at a revision (git show REV:PATH), so that each mistake names a file one can open;
            // held to the bounds a rulebook read from disk is, in the same words.
            RulebookHasher.Sizes[] sizes = {null};
            committed = git.directoryAt(revision, head, (path, file, bytes) -> {
                if (sizes[0] == null) {
                    sizes[0] = new RulebookHasher.Sizes(Printable.line(revision) + ":" + path);
                }
                sizes[0].add(file, bytes);
            });
        }
        String shown = Printable.line(revision) + ":" + committed.path();
        RulebookHasher.Snapshot snapshot = RulebookHasher.of(committed.files());
        Rulebook base = RulebookLoader.loadSnapshot(snapshot, Path.of(shown), shown, true);
        Map<String, byte[]> ruleFiles = new LinkedHashMap<>();
        base.ruleFiles().forEach(file -> ruleFiles.put(file, snapshot.content(file).orElseThrow()));
        try {
            new DroolsGovernanceEngineFactory().createFromFiles(base, ruleFiles);
        } catch (InvalidInputException e) {
            throw e.renamed(file -> Path.of(file).isAbsolute() ? file : RulebookHasher.shownFile(shown, file),
                    "as git names them");
        }
        return compare(workspace, layout, logs, base, new RulebookFiles(base, snapshot), head, clock);
    }

    /**
     * Whether {@code base}, as given to {@code rules diff --base}, names a directory (compare with
     * {@link #compare}) rather than a git revision ({@link #compareWithRevision}): a path with nothing
     * there, or under a file, is a revision. One that cannot be examined (under a directory that may
     * not be searched) is refused, never taken for a revision: which of the two it names cannot be told.
     *
     * @param base the {@code --base} value as given
     * @return whether it names a directory
     * @throws PlanningException when the path cannot be examined, naming it as given
     */
    public static boolean namesDirectory(String base) {
        Path path;
        try {
            path = Path.of(base);
        } catch (InvalidPathException e) {
            return false; // no path: a revision, which git refuses if it is none
        }
        return DirectoryEntries.attributesShown(path, base, "whether --base names a rulebook directory or a git"
                + " revision cannot be told").map(BasicFileAttributes::isDirectory).orElse(false);
    }

    /**
     * The workspace's absolute, normalized path; refused when it is no directory, in the words the
     * other commands use ({@code workspace directory not found: ws (/home/me/ws)}).
     */
    private static Path requireWorkspace(Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        // Under a directory that may not be searched, it is there but unreadable: said so, not "not found".
        if (!DirectoryEntries.attributesShown(root, workspace.toString(), "the workspace's cycles cannot be told")
                .map(BasicFileAttributes::isDirectory).orElse(false)) {
            throw new InvalidInputException("workspace directory not found: " + SafePaths.shown(workspace));
        }
        return root;
    }

    private static Rulebook compiled(Path directory) {
        Rulebook rulebook = RulebookLoader.load(directory);
        try {
            new DroolsGovernanceEngineFactory().create(rulebook);
        } catch (InvalidInputException e) {
            throw e.location().filter(l -> !Path.of(l.file()).isAbsolute())
                    .map(l -> new InvalidInputException(e.getMessage(), new dev.planning.api.SourceLocation(
                            directory.resolve(l.file()).normalize().toString(), l.line(), l.column()), e))
                    .orElse(e);
        }
        return rulebook;
    }

    /**
     * The governance gate's result for the cycle under one rulebook, or, when that rulebook's profile
     * for the cycle's stream runs the gate at no transition, a passing result that says so: its rules
     * then block nothing, so a change that takes the gate out of the profile resolves every finding
     * and unblocks the cycle, and is shown as doing that, not as a change to nothing.
     */
    private static GateResult judged(GovernanceGate gate, GateEnvironment environment, Rulebook rulebook,
            CycleRef cycle) {
        GateProfile profile = rulebook.profileFor(cycle.stream());
        if (profile.steps().stream().noneMatch(step -> step.gates().contains(GovernanceGate.NAME))) {
            return GateResult.of(GovernanceGate.NAME, List.of(Finding.warning(GovernanceGate.NAME + ".not-run",
                    "the rulebook's gate profile " + Printable.line(profile.name()) + " for stream " + cycle.stream()
                            + " runs the governance gate at no transition: no rule is judged for this cycle")),
                    Map.of());
        }
        return gate.evaluate(new ArtifactGateContext(environment, cycle, HANDOFF));
    }

    private static Map<String, ImpactFinding> byKey(GateResult result) {
        Map<String, ImpactFinding> findings = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            String rule = f.code().startsWith(GovernanceGate.NAME + ".")
                    ? f.code().substring(GovernanceGate.NAME.length() + 1) : f.code();
            ImpactFinding impact = new ImpactFinding(rule, f.taskId(), f.severity(), f.message(), f.location(),
                    f.facts(), f.hint());
            findings.putIfAbsent(impact.key(), impact);
        }
        return findings;
    }
}
