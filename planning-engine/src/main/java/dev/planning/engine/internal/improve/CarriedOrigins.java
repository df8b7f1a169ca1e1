package dev.planning.engine.internal.improve;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.digest.DigestPublication;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import dev.planning.engine.internal.seal.SealGuard;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a task is an improvement action {@code planning improve} carried (origin41, origin42): only such a task is
 * exempt from the parity gate's {@code parity.task-without-story} and counts as carried ({@code carried_tasks}).
 * Anyone who commits writes any {@code origin}; before, any text there exempted the task and counted it. The origin is
 * the one {@code planning improve} writes ({@link CycleImprover#origin}): {@code digest:<digest path>#<action id>},
 * where the path is the layout's digest of another cycle of the task's stream; that cycle is {@code COMPLETED} as the
 * workspace's status reads it with its trusted keys ({@link TrustedCycles}: its history past {@code PACKAGED} backed by
 * a sealed manifest that verifies), its event log records the publication of the file with its SHA-256
 * ({@link DigestPublication}), the digest's front matter lists the action, and the task's id is the action's (improve
 * writes the action as the task of its id, so one task per action). Any cycle of the stream but the task's own counts,
 * whatever its id (improve opens a next cycle of any other id): completed with signatures after publishing the digest
 * is what makes it earlier. An origin whose cycle cannot be read (a broken log, no trusted key) is that origin's
 * problem, never the whole check's; a read the system failed, an input the user may not read and an evaluation stopped
 * by its bounds are no problem of an origin, and propagate.
 */
public final class CarriedOrigins {

    /**
     * The parity evidence's key for {@link #verifiedDigests}, there whenever a task of the plan has an origin: the
     * verdict then depends on files of another cycle, which are no sealed input.
     */
    public static final String EVIDENCE = "carried_from";

    /** {@code digest:<path>#<action id>}: the path and the id are not empty, and the id holds no {@code #}. */
    private static final Pattern ORIGIN = Pattern.compile("digest:([^#]+)#([^#]+)");

    /**
     * A digest a cycle published, as read for a carried origin: its path, the SHA-256 of the bytes read (the one its
     * cycle's log records), and what it says.
     *
     * @param path    the digest's path, relative to the workspace
     * @param sha256  the SHA-256 of the bytes read, lowercase hex
     * @param summary the digest's front matter
     */
    public record Publication(String path, String sha256, DigestSummary summary) {
        /** Requires every component. */
        public Publication {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** What a digest a cycle published is read as. */
    @FunctionalInterface
    public interface Published {
        /**
         * The digest {@code cycle} published, as its event log records it.
         *
         * @throws PlanningException when the cycle is not COMPLETED with a history its signed manifest backs, published
         *                           no digest, or not the file at its path now, or its log is broken
         */
        Publication digest(CycleRef cycle);
    }

    /**
     * Another cycle as the workspace reads it with trust (origin42): its status folded from its verified log, and
     * what of a history past {@code PACKAGED} no manifest verifying with the trusted keys backs
     * ({@link PlanningWorkspace#checkHistory}).
     */
    public interface TrustedCycles {
        /**
         * The cycle's status, folded from its verified log.
         *
         * @throws dev.planning.api.EventLogCorruptedException when the cycle's chain is broken
         */
        CycleStatus status(CycleRef cycle);

        /**
         * What of the status's history past {@code PACKAGED} the cycle's sealed manifest does not back now.
         *
         * @param status the status {@link #status} returned for the cycle, checked as it is: the cycle's log is read
         *               once per origin (fold43), never a status built by hand
         * @throws InvalidInputException when the cycle is past {@code PACKAGED} and no trusted key is in hand
         */
        List<Discrepancy> checkHistory(CycleStatus status);

        /**
         * The cycles of {@code store} read with no trusted key (a rulebook's impact analysis, a test's context): the
         * status folded from the store's log; a history past {@code PACKAGED} is refused, as a workspace with no key
         * refuses it, so through them no origin whose cycle is {@code COMPLETED} counts (fail closed).
         */
        static TrustedCycles untrusted(EventStore store) {
            Objects.requireNonNull(store, "store");
            return new TrustedCycles() {
                @Override
                public CycleStatus status(CycleRef cycle) {
                    return LifecycleMachine.status(store, cycle);
                }

                @Override
                public List<Discrepancy> checkHistory(CycleStatus status) {
                    if (SealGuard.isPastPackaged(status.state())) {
                        throw new InvalidInputException("no trusted key is in hand: the history of " + status.cycle()
                                + " past PACKAGED (" + status.state() + ") cannot be checked against its signed"
                                + " manifest", SourceLocation.ofFile(store.location(status.cycle())));
                    }
                    return List.of();
                }
            };
        }

        /** The cycles of {@code workspace}, read with its trusted keys. */
        static TrustedCycles of(PlanningWorkspace workspace) {
            Objects.requireNonNull(workspace, "workspace");
            return new TrustedCycles() {
                @Override
                public CycleStatus status(CycleRef cycle) {
                    return workspace.status(cycle);
                }

                @Override
                public List<Discrepancy> checkHistory(CycleStatus status) {
                    return workspace.checkHistory(status);
                }
            };
        }
    }

    private final CycleRef into;
    private final Function<CycleRef, String> digestPath;
    private final Published published;
    /** Each digest read once: a digest, or why it does not count. */
    private final Map<CycleRef, Object> read = new HashMap<>();
    /** The digests that verified an origin, by path: what a changed verdict points at. */
    private final Map<String, String> verifiedBy = new TreeMap<>();

    /**
     * @param into       the cycle whose plan holds the tasks
     * @param digestPath a cycle's digest path, by the layout in force
     * @param published  the digests the cycles published
     */
    public CarriedOrigins(CycleRef into, Function<CycleRef, String> digestPath, Published published) {
        this.into = Objects.requireNonNull(into, "into");
        this.digestPath = Objects.requireNonNull(digestPath, "digestPath");
        this.published = Objects.requireNonNull(published, "published");
    }

    /**
     * Why the task's origin does not name an improvement action of a published digest (what was found, what was
     * expected); empty when it does, or when the task has no origin.
     */
    public Optional<String> problem(Task task) {
        if (task.origin().isEmpty()) {
            return Optional.empty();
        }
        String origin = task.origin().get();
        String quoted = "\"" + Printable.line(origin) + "\"";
        String example = digestPath.apply(new CycleRef(into.stream(), "CYCLE"));
        Matcher written = ORIGIN.matcher(origin);
        if (!written.matches()) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " is not one `planning improve`"
                    + " writes: expected digest:<digest path>#<action id>, e.g. digest:" + example + "#IA-1");
        }
        String path = written.group(1);
        String action = written.group(2);
        Optional<CycleRef> from = cycleOf(path);
        if (from.isEmpty()) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names "
                    + Printable.line(path) + ", which is not the digest of another cycle of stream " + into.stream()
                    + ": expected " + example + " with CYCLE another cycle of the stream");
        }
        Object digest = read.computeIfAbsent(from.get(), this::read);
        if (digest instanceof String refused) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names no published digest: "
                    + refused);
        }
        Publication publication = (Publication) digest;
        List<String> actions = publication.summary().improvementActions().stream().map(ImprovementAction::id)
                .toList();
        if (!actions.contains(action)) {
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names action "
                    + Printable.line(action) + ", which the digest " + path + " published by cycle " + from.get()
                    + " does not have: expected one of its improvement actions"
                    + (actions.isEmpty() ? " (it has none)" : " (" + Printable.line(String.join(", ", actions)) + ")"));
        }
        if (!task.id().equals(action)) {
            // origin42: task ids are unique, and improve writes the action as the task of its id: one task per action.
            return Optional.of("origin " + quoted + " of " + Printable.line(task.id()) + " names action "
                    + Printable.line(action) + ", which `planning improve` carries as task " + Printable.line(action)
                    + "; " + Printable.line(task.id()) + " is not that task: expected the task's id to be the action's");
        }
        verifiedBy.put(publication.path(), publication.sha256());
        return Optional.empty();
    }

    /** The ids of the plan's tasks whose origin names an improvement action of a published digest. */
    public Set<String> verified(TaskBreakdown plan) {
        Set<String> ids = new LinkedHashSet<>();
        for (Task task : plan.tasks()) {
            if (task.origin().isPresent() && problem(task).isEmpty()) {
                ids.add(task.id());
            }
        }
        return ids;
    }

    /**
     * Each digest that verified an origin so far, as {@code {path, sha256}} sorted by path (origin42): the parity
     * evidence records it, so a verdict recomputed after a digest changed points at that digest.
     */
    public List<Map<String, String>> verifiedDigests() {
        List<Map<String, String>> digests = new ArrayList<>();
        verifiedBy.forEach((path, sha256) -> {
            Map<String, String> one = new LinkedHashMap<>();
            one.put("path", path);
            one.put("sha256", sha256);
            digests.add(one);
        });
        return digests;
    }

    /** The cycle of the stream, other than {@link #into}, whose digest is at {@code path}; empty for none. */
    private Optional<CycleRef> cycleOf(String path) {
        // Where the cycle id stands in the layout's digest path: the one character two one-character ids differ at.
        String zero = digestPath.apply(new CycleRef(into.stream(), "0"));
        String one = digestPath.apply(new CycleRef(into.stream(), "1"));
        int at = 0;
        while (at < zero.length() && at < one.length() && zero.charAt(at) == one.charAt(at)) {
            at++;
        }
        if (at >= zero.length()) {
            return Optional.empty();
        }
        String prefix = zero.substring(0, at);
        String suffix = zero.substring(at + 1);
        if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String id = path.substring(prefix.length(), path.length() - suffix.length());
        CycleRef cycle;
        try {
            cycle = new CycleRef(into.stream(), id);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        return cycle.equals(into) || !digestPath.apply(cycle).equals(path) ? Optional.empty() : Optional.of(cycle);
    }

    private Object read(CycleRef cycle) {
        try {
            return published.digest(cycle);
        } catch (EvaluationLimitException | UnreadableInputException | SystemFailureException e) {
            // No finding about the plans (fold43), as a gate's run hands them on (GateRun): a read the system failed
            // (a disk error is exit 3, not one origin's finding), an input the user may not read, an evaluation
            // stopped by its bounds.
            throw e;
        } catch (PlanningException e) {
            // One origin's cycle that cannot be read (a broken log, no trusted key) is that origin's finding, on one
            // line (fix43): a message listing several mistakes (the digest's front matter) has one per line.
            return Printable.shown(e.getMessage(), "");
        }
    }

    /**
     * The digest {@code cycle} published: the cycle is {@code COMPLETED} as {@code cycles} reads it with trust (its
     * history past {@code PACKAGED} backed by a manifest that verifies with the trusted keys, origin42), and the file
     * at the layout's digest path is the one its log records the publication of, with the file's SHA-256
     * ({@link DigestPublication#require}), read as a digest of that cycle. {@code planning improve} completes a cycle
     * before it carries its actions; a cycle anyone can write (a scratch cycle that published a digest, a log written by
     * hand) is not completed with signatures.
     *
     * @throws InvalidInputException      when the cycle is not COMPLETED, its history is not backed by a verifying
     *                                    signed manifest or no trusted key is in hand, there is no such file, the log
     *                                    records no publication of it or another SHA-256, or it does not read as that
     *                                    cycle's digest
     * @throws dev.planning.api.EventLogCorruptedException when the cycle's log is broken
     * @throws PlanningException          when the cycle's sealed manifest cannot be read
     */
    public static Publication published(Path root, WorkspaceLayout layout, CycleRef cycle, TrustedCycles cycles) {
        String path = layout.digest(cycle);
        String use = "its improvement actions would count as carried into another cycle's plan";
        CycleStatus status = cycles.status(cycle);
        // A cycle with no log at all is refused below, as one that published no digest.
        if (status.state() != CycleState.COMPLETED && !status.history().isEmpty()) {
            throw new InvalidInputException("cycle " + cycle + " is " + status.state() + " (" + use + "): expected a"
                    + " COMPLETED cycle, as `planning improve` completes it before carrying its actions",
                    SourceLocation.ofFile(layout.eventLog(cycle)));
        }
        List<Discrepancy> unsigned = cycles.checkHistory(status);
        if (!unsigned.isEmpty()) {
            // On one line (fold43): a discrepancy's description is one line (fix43).
            throw new InvalidInputException("cycle " + cycle + " is COMPLETED, but "
                    + unsigned.get(0).describe() + " (" + use + ")",
                    SourceLocation.ofFile(unsigned.get(0).file()));
        }
        List<RecordedEvent> log = status.history();
        Path file = SafePaths.resolve(root, path);
        if (!DirectoryEntries.isRegularFile(root, file, "whether an improvement action was carried cannot be told")) {
            throw new InvalidInputException("cycle " + cycle + " has no digest at " + path + " (" + use
                    + "): expected the digest `planning digest` published", SourceLocation.ofFile(path));
        }
        // One read: the bytes hashed against the log are the bytes parsed (digest41).
        DigestPublication.Candidate digest = DigestPublication.read(file, path, cycle, Optional.of(log), "digest",
                "improvement actions into a plan, counted as carried");
        DigestSummary summary = digest.published(log, layout.eventLog(cycle), use);
        return new Publication(path, digest.sha256(), summary);
    }
}
