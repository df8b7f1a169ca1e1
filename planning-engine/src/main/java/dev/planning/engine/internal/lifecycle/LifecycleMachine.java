package dev.planning.engine.internal.lifecycle;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.InvalidTransitionException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.evidence.EvidenceWriter;
import dev.planning.engine.internal.evidence.GateOutcomes;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Moves planning cycles through the {@link Lifecycle}, running the gates of the rulebook's profile
 * at each transition and recording every attempt in the cycle's event log.
 *
 * <pre>{@code
 * LifecycleMachine machine = LifecycleMachine.builder()
 *         .eventStore(new FileEventStore(workspace))
 *         .rulebook(rulebook)
 *         .gates(ServiceLoader.load(Gate.class))
 *         .gateContextFactory(contexts)
 *         .triggeredBy("ci")
 *         .build();
 * TransitionResult result = machine.advance(new CycleRef("fe", "2025-09-02"), CycleState.READY_FOR_HANDOFF);
 * if (!result.accepted()) { result.failedGates().forEach(...); }
 * }</pre>
 *
 * <p>An attempt goes: read the log and fold it to the current state ({@link CycleFold}); check the
 * move is allowed ({@link InvalidTransitionException} otherwise, nothing recorded); resolve every
 * gate the profile names for it (a {@link PlanningException} naming the missing ones otherwise,
 * before any gate runs); run them in profile order; record {@code STATE_TRANSITION} (or
 * {@code PLAN_UPDATED} / {@code CYCLE_COMPLETED}) when no gate failed, {@code TRANSITION_REFUSED}
 * otherwise, moving to the step's {@code onFailure} state if it has one. {@link TransitionStep}s
 * registered for the transition run around the gates ({@link TransitionStep#before} before any
 * gate, its {@link TransitionStep.Completion} once an accepted attempt is recorded): sealing is such a step.
 * The log is read once per attempt and the history is handed along to the steps. Each gate's result is
 * handed to the {@link EvidenceWriter} first, and the paths it returns are recorded in the event
 * as {@code evidence.<gate>}; {@link #dryRun} writes no evidence. The event is appended only
 * if the log's head is still the one read at the start, so of two concurrent attempts exactly one
 * is recorded and the other gets {@link ConcurrentTransitionException}. The first event of every
 * cycle is {@code CYCLE_CREATED}, written by {@link #create} or by the first event recorded.
 *
 * <p>Thread-safe, provided the gates and the context factory are.
 */
public final class LifecycleMachine {

    /** The event types {@link #record} accepts: facts that do not move the cycle. */
    private static final Set<EventType> FACTS = Collections.unmodifiableSet(EnumSet.of(EventType.GATE_EVALUATED,
            EventType.MANIFEST_SEALED, EventType.SIGNATURE_ADDED, EventType.WAIVER_GRANTED,
            EventType.OUTCOMES_IMPORTED, EventType.SUMMARIES_WRITTEN, EventType.DIGEST_PUBLISHED));

    /**
     * The detail of an attempt whose gates ran naming the instant they judged as of (ISO-8601, UTC):
     * never later than the event's own timestamp, which is stamped when the event is appended, nor
     * earlier than the event before it. The history check past {@code PACKAGED} judges the move again
     * as of it ({@link dev.planning.engine.internal.seal.RecordedMoves}).
     */
    public static final String JUDGED_AT = "judged_at";

    private final EventStore store;
    private final Rulebook rulebook;
    private final Map<String, Gate> gates;
    private final GateContextFactory contexts;
    private final EventFactory events;
    private final EvidenceWriter evidence;
    private final Clock clock;
    private final List<TransitionStep> steps;

    private LifecycleMachine(Builder builder) {
        this.store = Objects.requireNonNull(builder.store, "eventStore");
        this.rulebook = Objects.requireNonNull(builder.rulebook, "rulebook");
        this.contexts = Objects.requireNonNull(builder.contexts, "gateContextFactory");
        this.gates = Collections.unmodifiableMap(new TreeMap<>(builder.gates));
        this.events = new EventFactory(builder.clock, builder.ids, builder.triggeredBy);
        this.evidence = builder.evidence;
        this.clock = builder.clock;
        this.steps = List.copyOf(builder.steps);
    }

    /** A builder; the event store, the rulebook and the gate context factory are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cycle's state, folded from its verified log, with that log as history. */
    public CycleStatus status(CycleRef cycle) {
        return status(store, cycle);
    }

    /**
     * The cycle's state, folded from its verified log in {@code store}, with that log as history: what
     * {@link #status(CycleRef)} answers, without a machine (no rulebook, no gates), for a workspace
     * that reads statuses before its rulebook is loaded.
     */
    public static CycleStatus status(EventStore store, CycleRef cycle) {
        List<RecordedEvent> history = store.read(cycle);
        return new CycleStatus(cycle, CycleFold.fold(store.location(cycle), history), history);
    }

    /** The cycle's state folded from a history already read, with that history. */
    public CycleStatus status(CycleRef cycle, List<RecordedEvent> history) {
        return new CycleStatus(cycle, CycleFold.fold(store.location(cycle), history), history);
    }

    /** The cycle's verified log, oldest first: the one read an attempt makes. */
    public List<RecordedEvent> history(CycleRef cycle) {
        return store.read(cycle);
    }

    /** Opens the cycle by recording {@code CYCLE_CREATED}, unless its log already has events. */
    public CycleStatus create(CycleRef cycle) {
        if (store.read(cycle).isEmpty()) {
            try {
                store.append(cycle, events.created(cycle), RecordedEvent.GENESIS);
            } catch (ConcurrentTransitionException e) {
                // Someone else created it first: the outcome is the same.
            }
        }
        return status(cycle);
    }

    /**
     * Attempts to move the cycle to {@code to}, recording the attempt and its gate results.
     *
     * @return the outcome; a refusal by the gates is a result, not an exception
     * @throws InvalidTransitionException   when the lifecycle does not allow the move (nothing recorded)
     * @throws PlanningException            when the profile names a gate that is not registered
     * @throws ConcurrentTransitionException when the log changed while the gates ran (nothing recorded)
     */
    public TransitionResult advance(CycleRef cycle, CycleState to) {
        return advance(cycle, to, steps, store.read(cycle));
    }

    /**
     * Attempts to move the cycle to {@code to} from the history given (read by the caller; the
     * append still fails with {@link ConcurrentTransitionException} if the log moved since), running
     * {@code stepsToRun} instead of the registered steps: how sealing passes its options and the
     * history it read.
     *
     * @see #advance(CycleRef, CycleState)
     */
    public TransitionResult advance(CycleRef cycle, CycleState to, List<TransitionStep> stepsToRun,
            List<RecordedEvent> history) {
        Attempt attempt = prepare(cycle, to, history);
        List<TransitionStep.Completion> completions = stepsToRun.isEmpty() ? List.of() : stepsToRun.stream()
                .filter(step -> step.appliesTo(attempt.transition()))
                .map(step -> Objects.requireNonNull(step.before(cycle, attempt.transition(), history), "completion"))
                .toList();
        // One reading of the clock for the whole verdict: every gate judges as of it, and the evidence
        // and the event say it (JUDGED_AT), so that `verify`, which judges again as of the evidence's
        // time, and the history check past PACKAGED, as of the event's, judge the same day. The reading
        // is the machine's own, whatever the log says; only one no earlier than the log's last event is
        // recorded as JUDGED_AT (the history check refuses an earlier one): behind it (a clock set back,
        // or a log dated ahead), the move is judged again as of its timestamp, as before the detail. The
        // event is stamped no earlier than the reading nor than the log's last event (time40). A log without
        // events is opened with a CYCLE_CREATED stamped at the reading, which the gates take as the creation.
        Instant ranAt = clock.instant();
        Optional<GateContext> judged = attempt.gates().isEmpty() ? Optional.empty()
                : Optional.of(context(cycle, attempt, () -> ranAt));
        List<GateResult> results = judged.map(context -> GateRun.run(attempt.gates(), context, ranAt))
                .orElse(List.of());
        boolean accepted = results.stream().allMatch(GateResult::passed);
        Optional<CycleState> movedTo = accepted ? Optional.empty() : attempt.onFailure();
        Map<String, String> context = new LinkedHashMap<>();
        context.put("profile", attempt.profile());
        context.put("rulebook_hash", rulebook.hash());
        if (judged.isPresent() && !behindTheLog(ranAt, attempt.history())) {
            context.put(JUDGED_AT, ranAt.toString());
        }
        Map<String, String> evidencePaths = writeEvidence(cycle, attempt.transition(), results, judged, ranAt);
        context.putAll(evidencePaths);
        List<RecordedEvent> appended = appendAfter(cycle, attempt.history(), Optional.of(ranAt),
                () -> events.attempt(cycle, attempt.transition(), results, accepted, movedTo, context, ranAt,
                        lastEvent(attempt.history())));
        RecordedEvent recorded = appended.get(appended.size() - 1);
        CycleState after = accepted ? to : movedTo.orElse(attempt.state());
        TransitionResult result = new TransitionResult(cycle, attempt.transition(), accepted, results, after,
                recorded.event().id(), byGate(evidencePaths));
        if (accepted && !completions.isEmpty()) {
            List<RecordedEvent> now = new ArrayList<>(attempt.history());
            now.addAll(appended);
            StepRun run = new StepRun(this, result, now, ranAt);
            completions.forEach(completion -> completion.after(run));
        }
        return result;
    }

    /** Evidence paths keyed {@code evidence.<gate>}, keyed by gate name instead. */
    private static Map<String, String> byGate(Map<String, String> evidencePaths) {
        if (evidencePaths.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byGate = new LinkedHashMap<>();
        int prefix = GateOutcomes.detailKey("").length();
        evidencePaths.forEach((key, path) -> byGate.put(key.substring(prefix), path));
        return byGate;
    }

    /**
     * Writes each gate's evidence; the paths become the event's {@code evidence.<gate>} details.
     * Written before the event is appended, so that the event can name them: an attempt that then
     * loses a race leaves evidence that no event refers to, which is harmless.
     */
    private Map<String, String> writeEvidence(CycleRef cycle, Transition transition, List<GateResult> results,
            Optional<GateContext> judged, Instant ranAt) {
        if (results.isEmpty()) {
            return Map.of();
        }
        Map<String, String> paths = new LinkedHashMap<>();
        for (GateResult result : results) {
            (judged.isPresent() ? evidence.write(cycle, transition, result, ranAt, rulebook.hash(), judged.get())
                    : evidence.write(cycle, transition, result, ranAt, rulebook.hash()))
                    .ifPresent(path -> paths.put(GateOutcomes.detailKey(result.gate()), path));
        }
        return paths;
    }

    /**
     * Runs the gates {@link #advance} would run, with the same checks, and records nothing: no
     * event and no evidence file.
     *
     * @return one result per gate, in profile order
     */
    public List<GateResult> dryRun(CycleRef cycle, CycleState to) {
        return dryRun(cycle, to, store.read(cycle));
    }

    /**
     * As {@link #dryRun(CycleRef, CycleState)}, from a history already read (by the caller, who
     * needed the state first): the log is not read again.
     */
    public List<GateResult> dryRun(CycleRef cycle, CycleState to, List<RecordedEvent> history) {
        // A copy that refuses changes: the caller's, as every result of the API is.
        return List.copyOf(runGates(cycle, prepare(cycle, to, Objects.requireNonNull(history, "history"))));
    }

    /**
     * Runs the gates the profile names for {@code transition} again, whatever state the cycle is in
     * now, and records no event: to re-derive a sealed verdict ({@code verify}), and to judge the
     * handoff again when an interrupted seal is resumed. Each gate sees a context judged as of
     * {@code judgedAt} when given (see {@link dev.planning.api.gate.GateContext#judgedAt()}).
     *
     * <p>The cycle's log must hold its creation: a gate judges deployments against it, and a log without events
     * has none, so nothing is judged (time41: the gates judged such a cycle's deployments against no creation;
     * only sealing calls this, always after a move, so an empty log there was emptied meanwhile).
     *
     * @param keepEvidence whether to write each result's evidence file (as {@link #advance} does)
     * @return the results in profile order, and the evidence paths written by gate name
     * @throws PlanningException when the profile names a gate that is not registered, or the cycle's log holds no
     *                           event
     */
    public Evaluation evaluate(CycleRef cycle, Transition transition, Optional<Instant> judgedAt,
            boolean keepEvidence) {
        Objects.requireNonNull(transition, "transition");
        GateProfile profile = profileOf(cycle);
        Map<String, Gate> resolved = resolve(profile, transition, profile.step(transition.from(), transition.to())
                .map(GateStep::gates).orElse(List.of()));
        // A live run (no judgedAt) reads the clock once, as advance does; a recomputation judges as of judgedAt.
        Instant ranAt = clock.instant();
        if (resolved.isEmpty()) {
            return new Evaluation(List.of(), Map.of(), judgedAt.orElse(ranAt));
        }
        List<RecordedEvent> history = store.read(cycle);
        if (history.isEmpty()) {
            throw new PlanningException("cycle " + cycle + " has no event: the gates of " + transition.key()
                    + " judge its deployments against its creation, which its log records, so nothing was judged;"
                    + " expected the log to hold the cycle's history: restore it from version control",
                    SourceLocation.ofFile(store.location(cycle)), null);
        }
        // The history just read: the gates learn the cycle's creation from it, and do not read the log again.
        GateContext judged = contexts.create(cycle, transition, judgedAt, history);
        List<GateResult> results = judgedAt.isPresent() ? GateRun.run(resolved, judged)
                : GateRun.run(resolved, judged, ranAt);
        Map<String, String> evidencePaths = new LinkedHashMap<>();
        if (keepEvidence) {
            evidencePaths.putAll(byGate(writeEvidence(cycle, transition, results, Optional.of(judged), ranAt)));
        }
        return new Evaluation(results, evidencePaths, judgedAt.orElse(ranAt));
    }

    /**
     * Runs again, recording nothing and writing no evidence, those gates the profile names for
     * {@code transition} that {@code which} accepts, each judged as of {@code judgedAt}: how a move
     * the log records past {@code PACKAGED} is re-derived before the cycle moves on or its status is
     * shown ({@link dev.planning.engine.internal.seal.RecordedMoves}).
     *
     * @return the results in profile order; empty when the profile names no gate for it
     * @throws PlanningException when the profile names a gate that is not registered
     */
    public List<GateResult> rerun(CycleRef cycle, Transition transition, Optional<Instant> judgedAt,
            Predicate<String> which) {
        return rerun(cycle, transition, judgedAt, which, Optional.empty());
    }

    /**
     * As {@link #rerun(CycleRef, Transition, Optional, Predicate)}, over the cycle's log as the caller read it
     * ({@code history}, oldest first): the gates learn from it what they would read the log for, which is not read
     * again (scope39: each move re-derived read the whole log again to learn the cycle's creation).
     */
    public List<GateResult> rerun(CycleRef cycle, Transition transition, Optional<Instant> judgedAt,
            Predicate<String> which, List<RecordedEvent> history) {
        return rerun(cycle, transition, judgedAt, which, Optional.of(List.copyOf(history)));
    }

    private List<GateResult> rerun(CycleRef cycle, Transition transition, Optional<Instant> judgedAt,
            Predicate<String> which, Optional<List<RecordedEvent>> history) {
        Objects.requireNonNull(transition, "transition");
        GateProfile profile = profileOf(cycle);
        Map<String, Gate> resolved = resolve(profile, transition, profile.step(transition.from(), transition.to())
                .map(GateStep::gates).orElse(List.of()).stream().filter(which).toList());
        if (resolved.isEmpty()) {
            return List.of();
        }
        return GateRun.run(resolved, history.map(h -> contexts.create(cycle, transition, judgedAt, h))
                .orElseGet(() -> contexts.create(cycle, transition, judgedAt)));
    }

    /**
     * Runs the gates the profile names for {@code transition} over the given context (for example
     * one over the sealed inputs of a handoff, pinned in a directory of their own), recording
     * nothing: how {@code verify} re-derives a sealed verdict from exactly what was sealed.
     *
     * @return one result per gate that could run, in profile order, and the gates that could not
     */
    public Rerun evaluateIn(CycleRef cycle, Transition transition, GateContext context) {
        Objects.requireNonNull(context, "context");
        GateProfile profile = profileOf(cycle);
        Map<String, Gate> resolved = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (String name : profile.step(transition.from(), transition.to()).map(GateStep::gates).orElse(List.of())) {
            Gate gate = gates.get(name);
            if (gate == null) {
                unavailable.add(name);
            } else {
                resolved.put(name, gate);
            }
        }
        return new Rerun(resolved.isEmpty() ? List.of() : GateRun.run(resolved, context), unavailable);
    }

    /**
     * The outcome of {@link #evaluateIn}.
     *
     * @param results     one result per gate that could run, in profile order
     * @param unavailable the gates the profile names that are not registered here (a plug-in gate
     *                    not on this class path): their verdicts cannot be re-derived
     */
    public record Rerun(List<GateResult> results, List<String> unavailable) {

        public Rerun {
            results = List.copyOf(results);
            unavailable = List.copyOf(unavailable);
        }
    }

    /**
     * The outcome of {@link #evaluate}.
     *
     * @param results  one result per gate, in profile order
     * @param evidence the evidence file written for each gate, by gate name (empty when none was kept)
     * @param judgedAt the instant every gate judged as of: the run's one clock reading, or the
     *                 {@code judgedAt} a recomputation was given
     */
    public record Evaluation(List<GateResult> results, Map<String, String> evidence, Instant judgedAt) {

        public Evaluation {
            results = List.copyOf(results);
            evidence = Map.copyOf(evidence);
            Objects.requireNonNull(judgedAt, "judgedAt");
        }

        /** Whether every gate passed. */
        public boolean passed() {
            return results.stream().allMatch(GateResult::passed);
        }
    }

    /**
     * Records a fact that does not move the cycle (a sealed manifest, a signature, a waiver, imported
     * outcomes, a published digest), with compare-and-append like a transition.
     *
     * @param type    one of {@code GATE_EVALUATED}, {@code MANIFEST_SEALED}, {@code SIGNATURE_ADDED},
     *                {@code WAIVER_GRANTED}, {@code OUTCOMES_IMPORTED}, {@code SUMMARIES_WRITTEN},
     *                {@code DIGEST_PUBLISHED}
     * @param details string facts to record, e.g. the manifest's checksum
     * @throws IllegalArgumentException     for an event type that moves the cycle (use {@link #advance})
     * @throws InvalidTransitionException   when the cycle is {@code COMPLETED}
     */
    public RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details) {
        return record(cycle, type, details, store.read(cycle));
    }

    /**
     * Records a fact after a history already read (see {@link #record(CycleRef, EventType, Map)}):
     * the append fails with {@link ConcurrentTransitionException} if the log moved since.
     */
    public RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details,
            List<RecordedEvent> history) {
        return record(cycle, type, details, history, Optional.empty());
    }

    /**
     * Records a fact after a history already read (see {@link #record(CycleRef, EventType, Map, List)}); when the
     * history is empty, the {@code CYCLE_CREATED} written before it is stamped {@code createdAt}: the instant the
     * caller judged the fact against, so that the cycle's creation is that instant, not a later reading of the
     * clock (kpi38: {@code import} judged deployments at its clock, and the digest at the event written ms later).
     *
     * @param createdAt the cycle's creation, when this record creates it
     */
    public RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details,
            List<RecordedEvent> history, Instant createdAt) {
        return record(cycle, type, details, history, Optional.of(createdAt));
    }

    private RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details,
            List<RecordedEvent> history, Optional<Instant> createdAt) {
        if (!FACTS.contains(type)) {
            throw new IllegalArgumentException(type + " is recorded by advance()/create(); record() takes " + FACTS);
        }
        CycleState state = CycleFold.fold(store.location(cycle), history);
        if (state == CycleState.COMPLETED) {
            throw new InvalidTransitionException(state, state, "cycle " + cycle
                    + " is COMPLETED: nothing more may be recorded; open a new cycle instead");
        }
        // Never dated before the event it follows: the creation written just before it, or the log's last event
        // (scope39: a clock set back dated an import before the move it followed, and cycle_days, which spans the
        // log's first and last events, read shorter).
        Optional<Instant> notBefore = history.isEmpty() ? createdAt : lastEvent(history);
        List<RecordedEvent> appended = appendAfter(cycle, history, createdAt,
                () -> events.fact(cycle, type, state, details, notBefore));
        return appended.get(appended.size() - 1);
    }

    /** Validates the move and resolves its gates; reads the head the final append will expect. */
    private Attempt prepare(CycleRef cycle, CycleState to, List<RecordedEvent> history) {
        Objects.requireNonNull(to, "to");
        CycleState state = CycleFold.fold(store.location(cycle), history);
        if (state == CycleState.COMPLETED) {
            throw new InvalidTransitionException(state, to, "cycle " + cycle
                    + " is COMPLETED: a completed cycle accepts no transition; open a new cycle instead");
        }
        Transition transition = Lifecycle.find(state, to).orElseThrow(() -> new InvalidTransitionException(state,
                to, "cycle " + cycle + " cannot move from " + state + " to " + to + "; allowed from " + state + ": "
                        + allowedFrom(state)));
        GateProfile profile = profileOf(cycle);
        Optional<GateStep> step = profile.step(state, to);
        Map<String, Gate> resolved = resolve(profile, transition, step.map(GateStep::gates).orElse(List.of()));
        Optional<CycleState> onFailure = step.flatMap(GateStep::onFailure);
        onFailure.ifPresent(target -> requireReachable(profile, transition, target));
        return new Attempt(history, state, transition, profile.name(), resolved, onFailure);
    }

    private List<GateResult> runGates(CycleRef cycle, Attempt attempt) {
        if (attempt.gates().isEmpty()) {
            return List.of();
        }
        return GateRun.run(attempt.gates(), context(cycle, attempt, clock::instant));
    }

    /**
     * The gates' context for {@code attempt}, over the history it read; a log without events is opened by the attempt
     * with a {@code CYCLE_CREATED} stamped {@code openedAt}, which the gates learn as the cycle's creation, as a rerun
     * over the log does (time40).
     */
    private GateContext context(CycleRef cycle, Attempt attempt, Supplier<Instant> openedAt) {
        return attempt.history().isEmpty() ? contexts.createOpening(cycle, attempt.transition(), openedAt.get())
                : contexts.create(cycle, attempt.transition(), attempt.history());
    }

    /**
     * Appends {@code event} if the log still ends where {@code history} (read before any gate ran)
     * ended; a cycle without events is opened with {@code CYCLE_CREATED} in the same way. The event
     * is built after that, so that ids and times follow the order of the log.
     *
     * @param judgedAt the instant the attempt's gates judged, when it is one: a {@code CYCLE_CREATED}
     *                 written with it is stamped then, so that it comes no later than that instant
     */
    private List<RecordedEvent> appendAfter(CycleRef cycle, List<RecordedEvent> history, Optional<Instant> judgedAt,
            Supplier<PlanningEvent> event) {
        List<RecordedEvent> appended = new ArrayList<>(2);
        String head;
        if (history.isEmpty()) {
            RecordedEvent created = store.append(cycle, events.created(cycle, judgedAt), RecordedEvent.GENESIS);
            appended.add(created);
            head = created.hash();
        } else {
            head = history.get(history.size() - 1).hash();
        }
        appended.add(store.append(cycle, event.get(), head));
        return appended;
    }

    /** The timestamp of the log's last event; empty for a log without events. */
    private static Optional<Instant> lastEvent(List<RecordedEvent> history) {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).event().timestamp());
    }

    /** Whether {@code now} is earlier than the log's last event (a clock set back, or a log dated ahead). */
    private static boolean behindTheLog(Instant now, List<RecordedEvent> history) {
        return lastEvent(history).filter(last -> last.isAfter(now)).isPresent();
    }

    private GateProfile profileOf(CycleRef cycle) {
        GateProfile profile = rulebook.profileFor(cycle.stream());
        if (profile == null) {
            throw new PlanningException("stream '" + cycle.stream() + "' uses gate profile '"
                    + rulebook.streamProfiles().get(cycle.stream()) + "', which the rulebook in "
                    + rulebook.directory() + " does not define; profiles: " + rulebook.profiles().keySet());
        }
        return profile;
    }

    private Map<String, Gate> resolve(GateProfile profile, Transition transition, List<String> names) {
        Map<String, Gate> resolved = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Gate gate = gates.get(name);
            if (gate == null) {
                missing.add(name);
            } else {
                resolved.put(name, gate);
            }
        }
        if (!missing.isEmpty()) {
            throw new PlanningException("gate profile '" + profile.name() + "' names "
                    + (missing.size() == 1 ? "gate '" + missing.get(0) + "'" : "gates " + missing) + " for "
                    + transition.key() + ", but no gate of " + (missing.size() == 1 ? "that name" : "those names")
                    + " is registered; available gates: " + gates.keySet());
        }
        return resolved;
    }

    private static void requireReachable(GateProfile profile, Transition transition, CycleState target) {
        if (target != transition.from() && Lifecycle.find(transition.from(), target).isEmpty()) {
            throw new PlanningException("gate profile '" + profile.name() + "' sends a failed " + transition.key()
                    + " to " + target + ", but the lifecycle does not allow " + transition.from() + " -> " + target
                    + "; allowed from " + transition.from() + ": " + allowedFrom(transition.from()));
        }
        if (!RulebookLoader.failureTargets(transition.from()).contains(target)) {
            // A profile built in code is held to what the loader holds rulebook.yaml to (seventeenth review).
            throw new PlanningException("gate profile '" + profile.name() + "' sends a failed " + transition.key()
                    + " to " + target + ", forward as if its gates had passed; a failed transition stays in "
                    + transition.from() + " or moves back: expected " + RulebookLoader.failureTargets(transition.from()));
        }
    }

    private static String allowedFrom(CycleState state) {
        List<Transition> allowed = Lifecycle.from(state);
        if (allowed.isEmpty()) {
            return "nothing";
        }
        return allowed.stream().map(t -> t.to() + " (" + t.name() + ")").collect(Collectors.joining(", "));
    }

    /** What an attempt read and resolved before running anything. */
    private record Attempt(List<RecordedEvent> history, CycleState state, Transition transition,
            String profile, Map<String, Gate> gates, Optional<CycleState> onFailure) {
    }

    /**
     * Configures a {@link LifecycleMachine}. Defaults: no gates, the system UTC clock, event ids
     * {@code evt_<random UUID>}, events triggered by {@code system}, no evidence kept.
     */
    public static final class Builder {

        private EventStore store;
        private Rulebook rulebook;
        private final Map<String, Gate> gates = new LinkedHashMap<>();
        private GateContextFactory contexts;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> "evt_" + UUID.randomUUID();
        private String triggeredBy = "system";
        private EvidenceWriter evidence = EvidenceWriter.NONE;
        private final List<TransitionStep> steps = new ArrayList<>();

        private Builder() {
        }

        /** Adds a step run around the gates of the transitions it applies to, after those added before. */
        public Builder step(TransitionStep step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * Where the evidence of each gate run of {@link #advance} goes; default
         * {@link EvidenceWriter#NONE}.
         */
        public Builder evidenceWriter(EvidenceWriter writer) {
            this.evidence = Objects.requireNonNull(writer, "evidenceWriter");
            return this;
        }

        /** Where events are read and appended. Required. */
        public Builder eventStore(EventStore eventStore) {
            this.store = Objects.requireNonNull(eventStore, "eventStore");
            return this;
        }

        /** The rulebook whose gate profile decides which gates run. Required. */
        public Builder rulebook(Rulebook rulebook) {
            this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
            return this;
        }

        /** Registers a gate under its {@link Gate#name()}; a second gate of the same name is refused. */
        public Builder gate(Gate gate) {
            return gate(gate.name(), gate);
        }

        /** Registers gates under their names (e.g. {@code ServiceLoader.load(Gate.class)}). */
        public Builder gates(Iterable<? extends Gate> all) {
            all.forEach(this::gate);
            return this;
        }

        /** Registers gates under the names profiles use for them. */
        public Builder gates(Map<String, ? extends Gate> byName) {
            byName.forEach(this::gate);
            return this;
        }

        /** Builds the context gates see. Required. */
        public Builder gateContextFactory(GateContextFactory factory) {
            this.contexts = Objects.requireNonNull(factory, "gateContextFactory");
            return this;
        }

        /** The clock that stamps events. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Supplies a unique id for each recorded event. */
        public Builder eventIds(Supplier<String> ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** Who or what the recorded events are attributed to (a user, {@code ci}). */
        public Builder triggeredBy(String triggeredBy) {
            this.triggeredBy = Objects.requireNonNull(triggeredBy, "triggeredBy");
            return this;
        }

        /** The machine. */
        public LifecycleMachine build() {
            return new LifecycleMachine(this);
        }

        private Builder gate(String name, Gate gate) {
            Objects.requireNonNull(gate, "gate");
            Gate previous = gates.putIfAbsent(Objects.requireNonNull(name, "name"), gate);
            if (previous != null && previous != gate) {
                throw new IllegalArgumentException("two gates are named '" + name + "': "
                        + previous.getClass().getName() + " and " + gate.getClass().getName());
            }
            return this;
        }
    }
}
