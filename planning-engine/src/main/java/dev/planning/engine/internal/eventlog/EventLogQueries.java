package dev.planning.engine.internal.eventlog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.seal.SignedRoles;
import dev.planning.engine.internal.seal.SigningThreshold;
import dev.planning.engine.internal.seal.WaiverFacts;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.Shown;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * {@link CycleQueries} over any {@link EventStore}, given the cycles that have a log (for a workspace's
 * own store, those the store lists): each question
 * reads every log (hash chain verified) and answers from its events, as the PostgreSQL store does
 * from its rows. For the workspace's files, {@link #ofWorkspace} lists the event log files.
 * Thread-safe when the store is.
 */
@API(status = INTERNAL)
public final class EventLogQueries implements CycleQueries {

    private static final String LOG_SUFFIX = ".events.jsonl";

    /** What a lock file's name adds to its log's ({@link dev.planning.engine.internal.workspace.PathLock#sidecar}). */
    private static final String LOCK_SUFFIX = ".lock";

    /** The directory of a stream's event logs. */
    private static final String EVENTS = "events";

    /** Every cycle's events (chains verified), read anew for each question; a cycle without events is skipped. */
    private final Supplier<Map<CycleRef, List<RecordedEvent>>> read;
    /** How errors name a cycle's log ({@link EventStore#location}). */
    private final Function<CycleRef, String> location;
    private final Optional<SignedRoles> signatures;
    private final Optional<Supplier<Rulebook>> rulebook;
    private final TrustedKeys trust;

    /**
     * @param read       every cycle's events, chains verified, read anew for each question
     * @param location   how errors name a cycle's log
     * @param signatures checks which roles' signatures verify; without it no role counts as signed
     * @param rulebook   the rulebook in hand (asked only when a pending-signatures question is): a required
     *                   role must be one its signing policy names, and a handoff sealed under it is judged
     *                   by its policy and {@code trust}'s ({@link SigningThreshold#effective}), one sealed
     *                   under another by that one's; without it a role is checked for its form only, and
     *                   the workspace's policy is not known
     * @param trust      the keys trusted, whose own signing policy {@code verify} also applies
     */
    private EventLogQueries(Supplier<Map<CycleRef, List<RecordedEvent>>> read, Function<CycleRef, String> location,
            Optional<SignedRoles> signatures, Optional<Supplier<Rulebook>> rulebook, TrustedKeys trust) {
        this.read = Objects.requireNonNull(read, "read");
        this.location = Objects.requireNonNull(location, "location");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * The queries over a workspace's event log files ({@code <streams>/<stream>/events/*.events.jsonl});
     * signatures are checked on the workspace's manifests against {@code trust} (without it, none counts),
     * and the rulebook's signing policy ({@code policy}, asked only when a pending-signatures question is)
     * names the roles that may be asked and, with {@code trust}'s, is the workspace's policy.
     */
    public static EventLogQueries ofWorkspace(Path workspace, WorkspaceLayout layout, Optional<TrustedKeys> trust,
            Supplier<Rulebook> policy) {
        Path root = workspace.toAbsolutePath().normalize();
        FileEventStore store = new FileEventStore(root, layout);
        return new EventLogQueries(eachRead(store, () -> logs(root, layout)), store::location, trust.map(keys -> new SignedRoles(root, layout, keys)), Optional.of(policy),
                trust.orElse(TrustedKeys.none()));
    }

    /**
     * The queries over a workspace's own event store (which may be another store than its files): the
     * cycles asked are those the store lists ({@link EventStore#cycles()}; a store that cannot list them
     * refuses every question, never answers "no cycles"); signatures are checked on the workspace's
     * manifests against {@code trust}, and a required role must be one {@code policy} names (asked
     * only then, so that a read-only workspace loads its rulebook only for that question). A store that
     * reads every log at once ({@link AllLogs}) is read so ({@link #ofAllLogs}).
     */
    public static EventLogQueries ofStore(Path workspace, WorkspaceLayout layout, EventStore store, TrustedKeys trust,
            Supplier<Rulebook> policy) {
        Path root = workspace.toAbsolutePath().normalize();
        Objects.requireNonNull(store, "store");
        if (store instanceof AllLogs all) {
            // pg24: a store that reads every log at once (PostgreSQL: one statement) is asked so, as
            // PostgresStore.queries(workspace, trust) asks it, not once per cycle.
            return ofAllLogs(root, layout, all::readAll, store::location, trust, policy);
        }
        // The file store's cycles() reads each log to tell an empty one, and the queries read each
        // anyway (skipping an empty one): its log files are listed instead, so each log is read once.
        Supplier<List<CycleRef>> cycles = store instanceof FileEventStore files ? files::logFiles : store::cycles;
        return new EventLogQueries(eachRead(store, cycles), store::location, Optional.of(new SignedRoles(root, layout,
                trust)), Optional.of(policy), trust);
    }

    /**
     * As {@link #ofStore}, over a store that reads every cycle's log at once ({@code readAll}: each
     * cycle's events, hash chain verified as {@link EventStore#read} verifies it, refusing as it
     * refuses), such as the PostgreSQL store, which reads them in one statement instead of one per cycle.
     *
     * @param location how errors name a cycle's log ({@link EventStore#location})
     */
    public static EventLogQueries ofAllLogs(Path workspace, WorkspaceLayout layout,
            Supplier<Map<CycleRef, List<RecordedEvent>>> readAll, Function<CycleRef, String> location,
            TrustedKeys trust, Supplier<Rulebook> policy) {
        Path root = workspace.toAbsolutePath().normalize();
        return new EventLogQueries(readAll, location, Optional.of(new SignedRoles(root, layout, trust)),
                Optional.of(policy), trust);
    }

    /** Each cycle {@code cycles} lists read on its own, in order. */
    private static Supplier<Map<CycleRef, List<RecordedEvent>>> eachRead(EventStore store,
            Supplier<List<CycleRef>> cycles) {
        Objects.requireNonNull(store, "store");
        return () -> {
            Map<CycleRef, List<RecordedEvent>> logs = new LinkedHashMap<>();
            for (CycleRef cycle : cycles.get().stream().sorted(ORDER).toList()) {
                logs.put(cycle, store.read(cycle));
            }
            return logs;
        };
    }

    /**
     * The roles a pending-signatures question asks about, checked: at least one, each a role name
     * ({@link Roles#require}); shared with the PostgreSQL store's queries.
     *
     * @throws IllegalArgumentException for no role
     * @throws InvalidInputException for a malformed one
     */
    public static Set<String> requiredRoles(Set<String> requiredRoles) {
        Objects.requireNonNull(requiredRoles, "requiredRoles");
        if (requiredRoles.isEmpty()) {
            // Asking about no role always answers "nothing pending": refused rather than answered.
            throw new IllegalArgumentException("requiredRoles is empty: name at least one role that must sign"
                    + " (the rulebook's signing policy names them)");
        }
        Set<String> roles = new TreeSet<>();
        for (String role : requiredRoles) {
            roles.add(Roles.require(role));
        }
        return roles;
    }

    /**
     * Refuses a role {@code policy} does not name: it could only ever be reported missing, or not be
     * asked (shared with the PostgreSQL store's queries).
     *
     * @throws UnknownRoleException for the first role {@code policy} does not name
     */
    public static void requireNamedBy(SigningPolicy policy, Set<String> roles) {
        Set<String> named = rolesOf(policy);
        for (String role : roles) {
            if (!named.contains(role)) {
                throw new UnknownRoleException(role, "unknown role '" + role + "': "
                        + (named.isEmpty() ? "the rulebook's signing policy requires no signature"
                                : "the rulebook's signing policy names " + String.join(", ", named)
                                        + " (role names are case-sensitive)"));
            }
        }
    }

    /** What cannot be done without an entry the scan of the event logs cannot examine. */
    private static final String WITHOUT = "the cycles with an event log cannot be told without it";

    /** The cycles with an event log file, sorted by stream then cycle id; the first entry that cannot be told refused. */
    static List<CycleRef> logs(Path root, WorkspaceLayout layout) {
        return logs(root, layout, Optional.empty(), Optional.empty(), refused -> {
            throw refused;
        }, lockAlone -> { });
    }

    /**
     * The cycles with an event log file of the selected stream and cycle (every one when empty), sorted by stream then
     * cycle id. Each entry that cannot be told (a directory that cannot be listed, a stream's directory or a log's
     * name on no directory or file, a log not named after a cycle) is handed to {@code refused}, one error each, and
     * the others are listed still: lint reports each and reads the rest (lint35), the store refuses the first. With a
     * stream selected only its directory is read, with a cycle only the entries named after it. An {@code events}
     * entry that is no directory (a file, a dangling link) is refused: the logs it would hold cannot be told, and
     * taking it for none would tell every cycle of the stream as one without history. A log not named after a cycle
     * is a {@link MisnamedLog}. Each cycle whose log's lock file ({@code <log>.lock}) is there without the log is
     * handed to {@code lockAlone}: the store reads and appends through that lock all the same.
     *
     * @throws dev.planning.api.SystemFailureException when the system failed to read a directory (never handed on)
     */
    static List<CycleRef> logs(Path root, WorkspaceLayout layout, Optional<String> stream, Optional<String> cycleId,
            Consumer<PlanningException> refused, Consumer<CycleRef> lockAlone) {
        // A workspace that is not there holds no cycle to tell of: refused, never answered with none
        // (a mistyped path would read as "nothing pending").
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("workspace directory not found: " + Shown.path(root)
                    + "; the cycles' event logs are read from it");
        }
        List<CycleRef> found = new ArrayList<>();
        List<Path> dirs;
        try {
            dirs = stream.isPresent() ? selected(root, layout, stream.get())
                    : children(root, root.resolve(layout.streamsRoot()));
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            refused.accept(e);
            return List.of();
        }
        for (Path dir : dirs) {
            String name = layout.streamOfDirectory(dir.getFileName().toString());
            if (name != null) {
                tried(refused, () -> streamLogs(root, layout, dir, name, cycleId, found, refused, lockAlone));
            }
        }
        found.sort(ORDER);
        return found;
    }

    /** The selected stream's directory, when something is there (a dangling link included: refused as no directory). */
    private static List<Path> selected(Path root, WorkspaceLayout layout, String stream) {
        Path dir = root.resolve(layout.streamDir(stream));
        return DirectoryEntries.attributes(root, dir, WITHOUT, LinkOption.NOFOLLOW_LINKS).isPresent() ? List.of(dir)
                : List.of();
    }

    /** Runs {@code body}, handing a refusal of the input to {@code refused}; the system's failure is thrown. */
    private static void tried(Consumer<PlanningException> refused, Runnable body) {
        try {
            body.run();
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            refused.accept(e);
        }
    }

    /** Adds the cycles of one stream directory's logs to {@code found}, each log's refusal handed to {@code refused}. */
    private static void streamLogs(Path root, WorkspaceLayout layout, Path dir, String stream, Optional<String> cycleId,
            List<CycleRef> found, Consumer<PlanningException> refused, Consumer<CycleRef> lockAlone) {
        // Links followed, as the store reads its logs (which refuses one that leads out of the workspace):
        // a stream's directory or a log the store reads through a link is listed, never skipped. An entry
        // that cannot be examined (a directory that may be read, not searched) is refused, never skipped:
        // its cycles would drop out of every query and portfolio KPI.
        Optional<BasicFileAttributes> streamDir = DirectoryEntries.attributes(root, dir, WITHOUT);
        if (streamDir.isPresent() && streamDir.get().isRegularFile()) {
            return;
        }
        if (streamDir.isEmpty() || !streamDir.get().isDirectory()) {
            throw notALog(root, dir, "stream directory", "no directory (a dangling link?)");
        }
        Path events = dir.resolve(EVENTS);
        if (!DirectoryEntries.attributes(root, events, WITHOUT).map(BasicFileAttributes::isDirectory).orElse(false)
                && DirectoryEntries.attributes(root, events, WITHOUT, LinkOption.NOFOLLOW_LINKS).isPresent()) {
            // lint36: a file (or a dangling link) named events was listed as no logs, and status told the stream's
            // cycles as without history, until an append failed.
            throw eventsNoDirectory(root, events, "the workspace's cycles cannot be listed without telling what it"
                    + " holds");
        }
        List<Path> entries = children(root, events);
        Set<String> names = new TreeSet<>();
        entries.forEach(e -> names.add(e.getFileName().toString()));
        for (Path log : entries) {
            String name = log.getFileName().toString();
            if (name.endsWith(LOG_SUFFIX)
                    && cycleId.map(id -> name.equals(id + LOG_SUFFIX)).orElse(true)) {
                tried(refused, () -> log(root, layout, stream, log, name).ifPresent(found::add));
            } else if (name.endsWith(LOG_SUFFIX + LOCK_SUFFIX)
                    && !names.contains(name.substring(0, name.length() - LOCK_SUFFIX.length()))
                    && cycleId.map(id -> name.equals(id + LOG_SUFFIX + LOCK_SUFFIX)).orElse(true)) {
                lockOf(root, layout, stream, log, name).ifPresent(lockAlone);
            }
        }
    }

    /** The cycle whose log's lock file {@code lock} is, if its name is that of a cycle's log and a lock. */
    private static Optional<CycleRef> lockOf(Path root, WorkspaceLayout layout, String stream, Path lock, String name) {
        String cycleId = name.substring(0, name.length() - LOG_SUFFIX.length() - LOCK_SUFFIX.length());
        try {
            CycleRef cycle = new CycleRef(stream, cycleId);
            return root.resolve(layout.eventLog(cycle) + LOCK_SUFFIX).normalize().equals(lock.normalize())
                    ? Optional.of(cycle) : Optional.empty();
        } catch (IllegalArgumentException | InvalidInputException e) {
            return Optional.empty(); // the lock of no cycle's log: no read or append of the store takes it
        }
    }

    /** The cycle of one log file of a stream, if it is the file the layout names for it. */
    private static Optional<CycleRef> log(Path root, WorkspaceLayout layout, String stream, Path log, String name) {
        if (!DirectoryEntries.attributes(root, log, WITHOUT).map(BasicFileAttributes::isRegularFile).orElse(false)) {
            // Fail closed: a log's name on what is no file (a directory, a dangling link) hides nothing.
            throw notALog(root, log, "event log", "no file (a directory, a dangling link?)");
        }
        String cycleId = name.substring(0, name.length() - LOG_SUFFIX.length());
        try {
            CycleRef cycle = new CycleRef(stream, cycleId);
            return root.resolve(layout.eventLog(cycle)).normalize().equals(log.normalize()) ? Optional.of(cycle)
                    : Optional.empty();
        } catch (IllegalArgumentException | InvalidInputException e) {
            // Fail closed: a log file the queries cannot attribute to a cycle is refused, not skipped.
            // (CycleRef refuses a malformed id with an InvalidInputException that names no file.)
            throw new MisnamedLog("event log " + Shown.path(root.relativize(log))
                    + " is not named after a cycle: " + Shown.why(e) + "; a log is named <cycle-id>" + LOG_SUFFIX
                    + ": rename it for its cycle, or remove it", SourceLocation.ofFile(root.relativize(log).toString()));
        }
    }

    /** A log file whose name stands for no cycle ({@code planning lint}: {@code file.misnamed}). */
    static final class MisnamedLog extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        MisnamedLog(String message, SourceLocation location) {
            super(message, location);
        }
    }

    private static InvalidInputException notALog(Path root, Path path, String kind, String what) {
        String shown = root.relativize(path).toString();
        return new InvalidInputException(kind + " " + Shown.path(root.relativize(path)) + " is " + what
                + ": the workspace's cycles cannot be listed without telling what it holds",
                SourceLocation.ofFile(shown));
    }

    /**
     * A stream's {@code events} path that is no directory (a file, a dangling link), where its logs are kept: refused,
     * never taken for a stream without history (lint36).
     *
     * @param without what cannot be done without it
     */
    static InvalidInputException eventsNoDirectory(Path root, Path events, String without) {
        String shown = root.relativize(events).toString();
        return new InvalidInputException("events directory " + Shown.path(shown) + " is no directory (a file, a"
                + " dangling link?), where the stream's event logs are kept: " + without + "; restore the directory"
                + " from version control, or remove it", SourceLocation.ofFile(shown));
    }

    private static final Comparator<CycleRef> ORDER = Comparator.comparing(CycleRef::stream)
            .thenComparing(CycleRef::cycleId);

    private static List<Path> children(Path root, Path dir) {
        return DirectoryEntries.sorted(root, dir, "the workspace's event logs cannot be told without it");
    }

    private List<Log> logs() {
        List<Log> logs = new ArrayList<>();
        Map<CycleRef, List<RecordedEvent>> all = read.get();
        for (CycleRef cycle : all.keySet().stream().sorted(ORDER).toList()) {
            List<RecordedEvent> events = all.get(cycle);
            if (!events.isEmpty()) {
                logs.add(new Log(cycle, events, CycleFold.fold(location.apply(cycle), events)));
            }
        }
        return logs;
    }

    @Override
    public List<CycleSummary> portfolio() {
        return logs().stream().map(log -> new CycleSummary(log.cycle, log.state, log.events.size(),
                log.events.get(log.events.size() - 1).event().timestamp())).toList();
    }

    @Override
    public List<PendingSignatures> pendingSignatures(Set<String> requiredRoles) {
        Set<String> required = requiredRoles(requiredRoles);
        rulebook.ifPresent(p -> requireNamedBy(p.get().signing(), required));
        return pending(eachOnce(required), false);
    }

    @Override
    public List<PendingSignatures> pendingSignatures(SigningPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (policy.required().isEmpty()) {
            return List.of();
        }
        this.rulebook.ifPresent(p -> requireNamedBy(p.get().signing(), rolesOf(policy)));
        return pending(policy, false);
    }

    /**
     * Judged against the signing policy of the rulebook each handoff was sealed under and the trust file's, as
     * {@code verify} judges: every sealed cycle, completed ones included (a policy raised since makes {@code verify}
     * refuse a completed handoff, and every later one whose {@code prior_manifest_id} chain names it). SPEC §8: the
     * manifest records the rulebook that judged it ({@code rulebook_hash}), and its signing policy says which roles
     * must sign; a rulebook changed since does not change who must sign that handoff (keys27: the rulebook in hand's
     * roles were asked). A handoff sealed under a rulebook that cannot be established ({@link SignedRoles.Sealed})
     * is listed with why, nothing counted, and only the requirements that hold whatever the rulebook (the trust
     * file's, or the floor of one trusted signature): its rulebook's roles are not guessed.
     */
    @Override
    public List<PendingSignatures> pendingSignatures() {
        Rulebook inHand = rulebook.orElseThrow(() -> new UnsupportedOperationException(
                "these queries know no rulebook: ask pendingSignatures(SigningPolicy)")).get();
        SigningPolicy inHandPolicy = SigningThreshold.effective(inHand.signing(), trust);
        if (signatures.isEmpty()) {
            // No trust file: no manifest is read and nothing counts; every role of the rulebook in hand is missing.
            return pending(inHandPolicy, true);
        }
        SignedRoles.UnderSealedRulebooks counts = signatures.get().underSealedRulebooks(inHand);
        List<PendingSignatures> pending = new ArrayList<>();
        for (Log log : logs()) {
            Optional<PlanningEvent> sealed = log.ofType(EventType.MANIFEST_SEALED).reduce((first, last) -> last);
            if (sealed.isEmpty()) {
                continue;
            }
            SignedRoles.Sealed judged = counts.count(log.cycle, sealed.get().details());
            SigningPolicy required;
            SignedRoles.Count count = judged.count();
            if (judged.policy().isPresent()) {
                required = SigningThreshold.effective(judged.policy().get(), trust);
            } else if (judged.policyUnknown().isPresent()) {
                required = SigningThreshold.effective(SigningPolicy.NONE, trust);
                count = new SignedRoles.Count(List.of(), judged.policyUnknown());
            } else {
                required = inHandPolicy;
            }
            of(log.cycle, log.state, required, claimed(log), count).ifPresent(pending::add);
        }
        return List.copyOf(pending);
    }

    private static Set<String> claimed(Log log) {
        Set<String> claimed = new TreeSet<>();
        log.ofType(EventType.SIGNATURE_ADDED).map(e -> e.details().get("role")).filter(Objects::nonNull)
                .forEach(claimed::add);
        return claimed;
    }

    /** @param completedToo whether a completed cycle is judged too (else skipped) */
    private List<PendingSignatures> pending(SigningPolicy required, boolean completedToo) {
        List<PendingSignatures> pending = new ArrayList<>();
        for (Log log : logs()) {
            Optional<PlanningEvent> sealed = log.ofType(EventType.MANIFEST_SEALED).reduce((first, last) -> last);
            if ((log.state == CycleState.COMPLETED && !completedToo) || sealed.isEmpty()) {
                continue;
            }
            of(log.cycle, log.state, required, claimed(log), signatures.map(s -> s.count(log.cycle,
                    sealed.get().details())).orElse(SignedRoles.Count.NONE)).ifPresent(pending::add);
        }
        return List.copyOf(pending);
    }

    /**
     * The roles a pending-signatures question asks about, as a policy: each the requirement
     * {@code 1 of [role]} (shared with the PostgreSQL store's queries).
     */
    public static SigningPolicy eachOnce(Set<String> roles) {
        return new SigningPolicy(roles.stream().map(role -> new SigningRequirement(List.of(role), 1)).toList());
    }

    /** Every role {@code policy} names, sorted. */
    public static Set<String> rolesOf(SigningPolicy policy) {
        Set<String> roles = new TreeSet<>();
        policy.required().forEach(requirement -> roles.addAll(requirement.roles()));
        return roles;
    }

    /**
     * A cycle's pending signatures from what its events claim and the signatures that count, judged
     * against {@code required} as {@code verify} judges a signing policy ({@link SigningThreshold});
     * shared with the PostgreSQL store's queries, so both answer alike. Empty when the policy is met. A
     * manifest file that is not the sealed one is named in the entry ({@link PendingSignatures#manifestRefused()}),
     * as {@code verify} refuses it for the manifest.
     *
     * @param count the role of each signature that counts, one per distinct key, and why none can
     *              ({@link SignedRoles#count})
     */
    public static Optional<PendingSignatures> of(CycleRef cycle, CycleState state, SigningPolicy required,
            Set<String> claimed, SignedRoles.Count count) {
        List<String> counted = count.roles();
        List<UnmetRequirement> unmet = SigningThreshold.unmet(required, counted);
        if (unmet.isEmpty()) {
            return Optional.empty();
        }
        Set<String> verified = new TreeSet<>(counted);
        Set<String> missing = new TreeSet<>();
        unmet.forEach(u -> missing.addAll(u.requirement().roles()));
        Set<String> unverified = new TreeSet<>(claimed);
        unverified.removeAll(verified);
        return Optional.of(new PendingSignatures(cycle, state, List.copyOf(verified), List.copyOf(unverified),
                List.copyOf(missing), unmet, count.refused()));
    }

    @Override
    public List<WaiverExpiry> expiringWaivers(LocalDate until) {
        Objects.requireNonNull(until, "until");
        List<WaiverExpiry> waivers = new ArrayList<>();
        for (Log log : logs()) {
            for (RecordedEvent recorded : log.events) {
                PlanningEvent e = recorded.event();
                waivers.addAll(WaiverFacts.of(log.cycle, e.id(), e.type(), e.details()));
            }
        }
        return WaiverFacts.expiringBy(waivers, until);
    }

    @Override
    public List<Refusal> recentRefusals(Instant since, int limit) {
        Objects.requireNonNull(since, "since");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        record Found(CycleRef cycle, int line, PlanningEvent event) {
        }
        List<Found> found = new ArrayList<>();
        for (Log log : logs()) {
            for (RecordedEvent recorded : log.events) {
                PlanningEvent e = recorded.event();
                if (e.type() == EventType.TRANSITION_REFUSED && !e.timestamp().isBefore(since)) {
                    found.add(new Found(log.cycle, recorded.line(), e));
                }
            }
        }
        found.sort(Comparator.comparing((Found f) -> f.event.timestamp()).reversed()
                .thenComparing(f -> f.cycle, ORDER).thenComparing(Comparator.comparingInt((Found f) -> f.line).reversed()));
        return found.stream().limit(limit).map(f -> new Refusal(f.cycle, f.event.id(), f.event.timestamp(),
                f.event.fromState(), f.event.toState(), f.event.gateResults())).toList();
    }

    private record Log(CycleRef cycle, List<RecordedEvent> events, CycleState state) {
        Stream<PlanningEvent> ofType(EventType type) {
            return events.stream().map(RecordedEvent::event).filter(e -> e.type() == type);
        }
    }
}
