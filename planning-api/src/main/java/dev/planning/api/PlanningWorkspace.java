package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.ImproveResult;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A workspace of planning cycles, judged by one rulebook: the entry point for applications.
 *
 * <p>Obtain one from the engine's builder:
 * <pre>{@code
 * PlanningWorkspace workspace = Planning.builder()
 *         .workspace(dir)                   // rulebook defaults to <dir>/rulebook
 *         .build();
 * CycleRef cycle = new CycleRef("fe", "2025-09-02");
 * TransitionResult result = workspace.advance(cycle, CycleState.READY_FOR_HANDOFF);
 * if (!result.accepted()) {
 *     result.failedGates().forEach(gate -> gate.findings().forEach(f -> System.out.println(f.describe())));
 * }
 * }</pre>
 *
 * <p>Every method refuses a {@code null} argument with a {@link NullPointerException} naming it.
 * Bad input (an unreadable or invalid file) is an {@link InvalidInputException} with its location.
 *
 * <p>Implementations are thread-safe; concurrent advances of one cycle (from threads or
 * processes) are serialized by the event log: exactly one wins.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface PlanningWorkspace {

    /**
     * The workspace root, absolute.
     *
     * @return the workspace root, absolute
     */
    Path root();

    /**
     * The rulebook in force.
     *
     * @return the rulebook in force
     */
    Rulebook rulebook();

    /**
     * The cycles of the workspace, sorted by stream then cycle id: every cycle that {@linkplain #exists exists}
     * (a task breakdown, a story map or a decision log, or an event in the workspace's event store), and no
     * other. A cycle with events and no task breakdown (its plan removed, or never written) is
     * listed: {@link #status} shows its history, and the plan it lacks is for the caller to show (as
     * {@code planning status} does); so is a log whose hash chain is broken (a corrupt cycle exists, and
     * {@link #exists} says so), for {@link #status} to refuse naming the file and line. An
     * event log file that holds no event (an interrupted first append) does not list its cycle, and a file in an events
     * directory that is not named after a cycle is refused ({@link InvalidInputException}), never skipped; so is a
     * planning file's or an event log's name on a dangling symbolic link, on a link out of the workspace or on
     * what is no regular file, never listed as a cycle nor skipped.
     * Over an event store that does not list its cycles ({@link dev.planning.api.store.EventStore#cycles()}
     * refuses), the cycles its files name only; a store's list is taken as the
     * {@link dev.planning.api.store.EventStore#cycles()} contract promises it (each a {@link CycleRef}, whose
     * stream and cycle id are checked when it is made), and no list or a {@code null} in it is refused with a
     * {@link PlanningException}.
     *
     * @return the cycles of the workspace, sorted by stream then cycle id, as a list that refuses changes
     * @throws InvalidInputException when a file in an events directory is not named after a cycle, or a
     *                               planning file's or a log's name is on a dangling link, a link out of the
     *                               workspace or no regular file
     */
    List<CycleRef> cycles();

    /**
     * Where the workspace's artifacts live (the builder's layout, {@link WorkspaceLayout#DEFAULT} by default).
     *
     * @return where the workspace's artifacts live (the builder's layout, {@link WorkspaceLayout#DEFAULT} by
     *         default)
     */
    WorkspaceLayout layout();

    /**
     * Lints every artifact of the workspace (handoff manifests, every line of the cycles' event log
     * files, and the rulebook's taxonomy and rule names included). Unreadable files are findings, not
     * exceptions; nothing is written.
     *
     * @return the findings and the files checked
     */
    LintReport lint();

    /**
     * Lints the artifacts of one stream, as {@link #lint()}.
     *
     * @param stream a stream name such as {@code fe}; never {@code null}
     * @return the findings and the files checked
     */
    LintReport lint(String stream);

    /**
     * Lints the artifacts of one cycle of one stream, as {@link #lint()}.
     *
     * @param stream  a stream name such as {@code fe}; never {@code null}
     * @param cycleId a cycle id such as {@code 2025-09-02}; never {@code null}
     * @return the findings and the files checked
     */
    LintReport lint(String stream, String cycleId);

    /**
     * Lints the artifacts of one cycle id in every stream (a cycle id such as a date is often
     * shared by the streams), as {@link #lint()}.
     *
     * @param cycleId a cycle id such as {@code 2025-09-02}; never {@code null}
     * @return the findings and the files checked
     */
    LintReport lintCycle(String cycleId);

    /**
     * Opens a cycle: records its {@code CYCLE_CREATED} event, in {@code PLANNED}. Does nothing for
     * a cycle that already has events.
     *
     * @param cycle the cycle; never {@code null}
     * @return the cycle's status after it (or as it was, when it had events)
     */
    CycleStatus create(CycleRef cycle);

    /**
     * Runs the gates of one transition without recording anything.
     *
     * <p>From {@code PACKAGED} on, the sealed cycle is checked first exactly as {@link #advance}
     * checks it, so a dry run never judges a plan other than the sealed one.
     *
     * @param cycle the cycle; never {@code null}
     * @param to the target state
     * @return each gate's result, in the profile's order, as a list that refuses changes
     * @throws InvalidTransitionException when the lifecycle does not allow the transition
     * @throws SealingException           when the cycle is sealed and a sealed artifact changed, or its
     *                                    manifest does not verify now (as {@link #advance} refuses)
     */
    List<GateResult> dryRun(CycleRef cycle, CycleState to);

    /**
     * Runs the gates of one transition and records the attempt in the cycle's event log.
     *
     * <p>Advancing {@code READY_FOR_HANDOFF -> PACKAGED} seals the cycle, exactly as
     * {@link #seal(CycleRef, SealOptions)} with {@link SealOptions#defaults()}. From {@code PACKAGED}
     * on, an advance is refused with a {@link SealingException} when a sealed artifact changed,
     * unless the transition's gates include {@code release_readiness}, which then fails and records
     * the refusal.
     *
     * <p>A cycle that does not {@linkplain #exists exist} is refused before anything is written: no log is
     * opened and no evidence written, so a mistyped cycle id never becomes a cycle ({@link #create} opens one).
     *
     * @param cycle the cycle; never {@code null}
     * @param to the target state
     * @return the attempt, accepted or refused, with the gate results that decided it
     * @throws NoSuchCycleException          when the cycle does not exist (no planning file, no event)
     * @throws InvalidTransitionException    when the lifecycle does not allow the transition
     * @throws ConcurrentTransitionException when another writer changed the cycle meanwhile
     * @throws SealingException              when sealing is refused, or a sealed artifact changed
     */
    TransitionResult advance(CycleRef cycle, CycleState to);

    /**
     * Records a fact that does not move the cycle (imported outcomes, a published digest, a seal, a
     * signature, a waiver) in the cycle's event log. A cycle that does not {@linkplain #exists exist} is
     * refused before anything is written, as {@link #advance} refuses it.
     *
     * @param type    {@code GATE_EVALUATED}, {@code MANIFEST_SEALED}, {@code SIGNATURE_ADDED},
     *                {@code WAIVER_GRANTED}, {@code OUTCOMES_IMPORTED} or {@code DIGEST_PUBLISHED}
     * @param details string facts to record, e.g. the paths imported
     * @param cycle the cycle; never {@code null}
     * @return the recorded event
     * @throws NoSuchCycleException         when the cycle does not exist (no planning file, no event)
     * @throws IllegalArgumentException     for an event type that moves the cycle
     * @throws InvalidTransitionException   when the cycle is {@code COMPLETED}
     * @throws ConcurrentTransitionException when another writer changed the cycle meanwhile
     * @throws InvalidInputException        for a {@code WAIVER_GRANTED} whose {@code expires} detail is present
     *                                      but not an ISO date, YYYY-MM-DD, and nothing after it
     */
    RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details);

    /**
     * Seals a cycle: runs the {@code READY_FOR_HANDOFF -> PACKAGED} gates, records the transition,
     * and when it is accepted writes the handoff manifest (once; it is never overwritten) and
     * records {@code MANIFEST_SEALED} with the manifest's SHA-256. A {@code PACKAGED} cycle whose
     * sealing was interrupted before the manifest was written gets its manifest.
     *
     * @param cycle the cycle; never {@code null}
     * @param options how to seal ({@link SealOptions#defaults()} for the usual); never {@code null}
     * @return the transition attempt and, when the gates passed, the manifest
     * @throws NoSuchCycleException      when the cycle does not {@linkplain #exists exist}; nothing is written
     * @throws SealingException           when the cycle is already sealed, or an artifact has
     *                                    uncommitted changes and {@code allowDirty} is not set
     * @throws InvalidTransitionException when the cycle is not {@code READY_FOR_HANDOFF}
     * @throws InvalidInputException      when the prior manifest id names no manifest of the workspace, or one
     *                                    sealed dirty ({@code dirty: true} or {@code snapshot_rev: none}), which no
     *                                    later handoff can be signed or verified over, {@code allowDirty} or not;
     *                                    nothing is written
     */
    SealResult seal(CycleRef cycle, SealOptions options);

    /**
     * The cycle's sealed manifest, when it has one.
     *
     * @param cycle the cycle; never {@code null}
     * @return the cycle's sealed manifest, when it has one
     */
    Optional<HandoffManifest> manifest(CycleRef cycle);

    /**
     * Adds one signature to the cycle's sealed manifest, changing nothing else in the file, and
     * records {@code SIGNATURE_ADDED} — after checking, with the workspace's trusted keys, that the
     * signature is worth adding: the cycle is sealed and not {@code COMPLETED}, the signer's key is
     * trusted for its role, neither the key nor (when the policy needs no more of it) the role has
     * signed already, and the manifest verifies as {@link #verify(CycleRef, TrustedKeys)} would,
     * the signing policy aside. A manifest sealed dirty ({@code dirty: true}, or {@code snapshot_rev: none})
     * is refused: as {@link #sign(CycleRef, Signer, SignOptions)} with {@link SignOptions#defaults()}. A refusal
     * writes nothing.
     *
     * @param cycle the cycle; never {@code null}
     * @param signer who signs, with a key trusted for its role; never {@code null}
     * @return the manifest with the signature appended
     * @throws SealingException           when the cycle has no sealed manifest, the manifest was sealed dirty,
     *                                    the signature would not count, or the manifest does not verify
     * @throws InvalidTransitionException when the cycle is not sealed or is {@code COMPLETED}
     */
    default HandoffManifest sign(CycleRef cycle, Signer signer) {
        return sign(cycle, signer, SignOptions.defaults());
    }

    /**
     * As {@link #sign(CycleRef, Signer)}, with options: {@link SignOptions#allowDirty()} signs a manifest
     * sealed dirty ({@code dirty: true}, or {@code snapshot_rev: none}), whose sealed set no commit holds, so
     * that nothing checks that it holds every input the gates read; without it such a signing is refused with
     * {@link SealingException.Reason#CANNOT_SIGN}, writing nothing.
     *
     * @param cycle the cycle; never {@code null}
     * @param signer who signs, with a key trusted for its role; never {@code null}
     * @param options how to sign ({@link SignOptions#defaults()} for the usual); never {@code null}
     * @return the manifest with the signature appended
     * @throws NoSuchCycleException      when the cycle does not {@linkplain #exists exist}; nothing is written
     * @throws SealingException           when the cycle has no sealed manifest, the manifest was sealed dirty
     *                                    and {@code allowDirty} is not set, the signature would not count, or the
     *                                    manifest does not verify
     * @throws InvalidTransitionException when the cycle is not sealed or is {@code COMPLETED}
     */
    HandoffManifest sign(CycleRef cycle, Signer signer, SignOptions options);

    /**
     * Verifies the cycle's sealed manifest: every checksum, the rulebook hash, every signature
     * against {@code trust}, the rulebook's signing policy, the {@code prior_manifest_id} chain
     * (each prior against the signing policy of the rulebook it was sealed under, read from git at its
     * {@code snapshot_rev} when that is not the rulebook in hand, and its artifacts at that revision) and the
     * {@code snapshot_rev}; that the manifest and its {@code MANIFEST_SEALED} event anchor each
     * other; that each gate verdict's sealed evidence judged the sealed inputs; and it re-derives
     * every sealed verdict that is a function of sealed inputs under the sealed rulebook
     * ({@code VERDICT_CHANGED} when one disagrees), the gates run again reading {@code trust} as their
     * trusted keys ({@link dev.planning.api.gate.GateContext#trustedKeys()}), never the keys the workspace
     * was built with: one verification judges with one set of keys. A missing manifest is a discrepancy,
     * not an exception. This is the check to run before trusting or signing a handoff.
     *
     * @param cycle the cycle; never {@code null}
     * @param trust the keys trusted to sign, by role; never {@code null}
     * @return every discrepancy found (none when the manifest verifies) and the report's notes
     */
    VerificationReport verify(CycleRef cycle, TrustedKeys trust);

    /**
     * As {@link #verify(CycleRef, TrustedKeys)}, but without re-deriving the sealed verdicts
     * (cheaper: no gate runs); the report's notes say so.
     *
     * @param cycle the cycle; never {@code null}
     * @param trust the keys trusted to sign, by role; never {@code null}
     * @return the discrepancies found, without re-derived verdicts
     */
    VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust);

    /**
     * As {@link #verify(Path, TrustedKeys)}, without re-deriving the sealed verdicts.
     *
     * @param manifestFile the manifest, absolute or relative to the current directory; never {@code null}
     * @param trust the keys trusted to sign, by role; never {@code null}
     * @return the discrepancies found, without re-derived verdicts
     */
    VerificationReport verifyChecksumsOnly(Path manifestFile, TrustedKeys trust);

    /**
     * Verifies a manifest file of this workspace, as {@link #verify(CycleRef, TrustedKeys)}.
     *
     * @param manifestFile the manifest, absolute or relative to the current directory
     * @param trust the keys trusted to sign, by role; never {@code null}
     * @return every discrepancy found (none when the manifest verifies) and the report's notes
     */
    VerificationReport verify(Path manifestFile, TrustedKeys trust);

    /**
     * The cycle's state and history, folded from its event log.
     *
     * @param cycle the cycle; never {@code null}
     * @return the cycle's state and history, folded from its event log
     * @throws EventLogCorruptedException when the log's hash chain is broken
     */
    CycleStatus status(CycleRef cycle);

    /**
     * Whether the cycle exists: the workspace holds one of its planning files
     * ({@link WorkspaceLayout#planningFiles}: its task breakdown under any name
     * {@link WorkspaceLayout#taskBreakdownCandidates} accepts, its story map or its decision log) as a regular
     * file, or its log holds at least one event. This is the one definition of a cycle: {@link #cycles()} lists
     * exactly the cycles that exist (status27: a cycle with only a story map or a decision log was listed, yet did
     * not exist). Any other file named for the cycle (a manifest, a digest, a contracts file, a retrospective, an
     * evidence or outcomes directory, an empty log) does not make it one.
     *
     * <p>A cycle whose log's hash chain is broken <b>exists</b>: it is a corrupt cycle, never an absent one.
     * This answers {@code true} for it (cycles27: it threw while {@link #cycles()} listed the cycle), and every
     * method that reads the log refuses it with an {@link EventLogCorruptedException} naming the log file, the
     * first line that does not chain and what is wrong: {@link #status}, each writing job when it reads the log
     * (before anything is written; {@link #sign} refuses a missing manifest first), and {@code planning status}, which reports it {@code BROKEN} (exit 1) whether asked for all cycles
     * or for this one. A planning file's name on a symbolic link whose target does not exist, on a link out of the
     * workspace or on what is no regular file (a directory) is refused with an {@link InvalidInputException}
     * naming it, here and by {@link #cycles()} alike: such a link is no cycle's file, and is never taken for
     * none either (a link to a file inside the workspace is followed, as every reader of the file follows it).
     *
     * <p>The command line refuses a cycle that does not exist ("no such cycle", exit 2) before {@code gate},
     * {@code advance} or {@code status --stream --cycle} touch it, and it asks this. Every writing job
     * ({@link #advance}, {@link #record}, {@link #importOutcomes}, {@link #seal}, {@link #sign}, {@link #digest},
     * {@link #improve}, {@link #summarize}) refuses one too, with a {@link NoSuchCycleException} naming the files
     * looked for and the nearest existing cycles, before anything is written, so a mistyped id never becomes a
     * cycle. The reading methods do not refuse one: {@link #status} reads it as
     * {@code PLANNED} with no history and {@link #dryRun} reports its missing files; ask this first when a
     * cycle id comes from outside (a request, a form) and the answer matters.
     *
     * <p>The default answers from {@link #root()}, {@link #layout()} and {@link #status}, so a workspace
     * implemented outside the project answers it as the engine's do (a broken log: {@code true}; a planning
     * file's name on a dangling link: refused); a planning file whose existence cannot be told (a directory that
     * may not be searched) counts as none there.
     *
     * @param cycle the cycle; never {@code null}
     * @return whether the cycle has a planning file or a recorded event (a broken log counts as one)
     * @throws InvalidInputException when one of its planning files is a dangling symbolic link (the engine's
     *                               workspaces also: a link out of the workspace, or no regular file)
     * @since 0.1
     */
    default boolean exists(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        Path root = root();
        boolean found = false;
        for (String path : layout().planningFiles(cycle)) {
            Path file = root.resolve(path);
            if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                throw new InvalidInputException("planning file " + Printable.line(path) + " is a symbolic link"
                        + " whose target does not exist: a dangling link is no cycle's file, and the workspace's"
                        + " cycles cannot be told while it is there; remove the link or restore its target",
                        SourceLocation.ofFile(path));
            }
            found |= Files.exists(file);
        }
        if (found) {
            return true;
        }
        try {
            return !status(cycle).history().isEmpty();
        } catch (EventLogCorruptedException broken) {
            return true;
        }
    }

    /**
     * Checks that a history past {@code PACKAGED} is backed by signatures: for a cycle whose log
     * says it is {@code EXECUTED} or later, its sealed manifest must verify now against the
     * workspace's trusted keys (checksums, rulebook hash, signatures and the signing policy;
     * re-deriving gate verdicts stays with {@link #verify(CycleRef, TrustedKeys)}). The event log's
     * hash chain cannot show this: anyone who can write the log can rebuild the chain.
     *
     * <p>Of {@code status}, only {@link CycleStatus#cycle()} is read: the state and history judged
     * are the cycle's event log's as it is now, folded again, so a stale status or one built by hand
     * with an earlier state cannot skip the check.
     *
     * @param status names the cycle; usually what {@link #status} returned
     * @return an {@code UNSIGNED_HISTORY} discrepancy naming the event that moved the cycle past
     *         {@code PACKAGED} and every discrepancy of the manifest; empty when the cycle is not
     *         past {@code PACKAGED} or its manifest verifies
     */
    List<Discrepancy> checkHistory(CycleStatus status);

    /**
     * The keys this workspace was built to trust, by role, as its builder was given them: the keys
     * given in code, or the trust file read now (so an edit made meanwhile counts); empty when it was
     * given neither (then no signature counts where the workspace checks one), and from an
     * implementation that does not override it. For a caller that checks signatures with the same
     * keys ({@link #verify(CycleRef, TrustedKeys)}, {@link #queries(TrustedKeys)}, the HTML report)
     * without holding them again. Public keys only: a trust file holds nothing secret.
     *
     * <p>The default answers empty, which fails closed: with no keys no signature counts, so a caller
     * that checks with them finds every required role missing and every signature unverified, never a
     * handoff signed. Empty never means "nothing to check".
     *
     * @return the keys the workspace trusts, or empty when it was given none
     * @throws dev.planning.api.InvalidInputException when the trust file cannot be read or is invalid
     *         (never an empty answer in its place)
     * @since 0.1
     */
    default Optional<TrustedKeys> trustedKeys() {
        return Optional.empty();
    }

    /**
     * Cross-cycle questions (portfolio, pending signatures, expiring waivers, recent refusals) over
     * this workspace's event store, with its layout: the answers {@code Planning.cycleQueries(Path)}
     * gives over a workspace's event log files, here also for a workspace built on another
     * {@link dev.planning.api.store.EventStore} (an in-memory store, a store of one's own). The
     * cycles asked are those the store lists ({@link dev.planning.api.store.EventStore#cycles()}),
     * whether or not the workspace has a plan or an event log file for them; each question reads their
     * logs again, hash chains verified. Over a store that does not list its cycles (one that does not
     * implement {@code cycles()}) every question is refused with {@link UnsupportedOperationException},
     * never answered with no cycles. {@link CycleQueries#pendingSignatures(java.util.Set)} refuses a
     * role the rulebook's signing policy does not name (a read-only workspace loads its rulebook for
     * that question only), and {@link CycleQueries#pendingSignatures()} judges the rulebook's signing
     * policy with {@code trust}'s own ({@link TrustedKeys#signing()}), as {@code verify} does.
     *
     * <p>The default refuses with {@link UnsupportedOperationException} (never queries that answer
     * "nothing pending"): an implementation written before this method still compiles.
     *
     * @param trust the keys trusted to sign, by role: a signature counts in
     *              {@link CycleQueries#pendingSignatures} only when it verifies against them
     *              ({@link TrustedKeys#none()}: none counts); never {@code null}
     * @return the queries; each call of theirs reads the logs as they are then
     * @throws UnsupportedOperationException from an implementation that does not override it (the
     *                                       engine's workspaces all do)
     * @since 0.1
     */
    default CycleQueries queries(TrustedKeys trust) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement queries(TrustedKeys)");
    }

    /**
     * Imports execution outcomes into the cycle's {@code outcomes/{cycle}/}: JUnit XML, JaCoCo XML,
     * LCOV, axe-core JSON and deployments YAML, each recognised by its content and stored under its
     * SHA-256, and records {@code OUTCOMES_IMPORTED}. All files are checked before any is stored:
     * one bad file and nothing is written. Importing the same bytes again changes nothing.
     *
     * <pre>{@code
     * ImportReport imported = workspace.importOutcomes(cycle, List.of(surefireReports.resolve("TEST-x.xml")));
     * }</pre>
     *
     * @param files the report files, at least one; never {@code null}
     * @param cycle the cycle; never {@code null}
     * @return the files stored (and those already there) under the cycle's outcomes directory
     * @throws NoSuchCycleException  when the cycle does not {@linkplain #exists exist}, before any file is stored
     * @throws InvalidInputException when a file cannot be read or recognised, naming it
     */
    ImportReport importOutcomes(CycleRef cycle, List<Path> files);

    /**
     * Publishes the cycle's digest, {@code digests/{cycle}-digest.md}, with the shipped template:
     * KPIs (with deltas against earlier digests), gate outcomes, the manifest excerpt, decisions,
     * improvement actions; records {@code DIGEST_PUBLISHED}. The same inputs give the same bytes; an
     * unchanged digest is not rewritten.
     *
     * @param cycle the cycle; never {@code null}
     * @return the digest's path, and whether it was written or found unchanged
     * @throws NoSuchCycleException  when the cycle does not {@linkplain #exists exist}; nothing is written
     * @throws InvalidInputException when the cycle has no event log, or is {@code COMPLETED} (its
     *                               digest is final)
     */
    DigestResult digest(CycleRef cycle);

    /**
     * The KPIs {@link #digest(CycleRef)} would publish now, by name in the rulebook's order, each as the
     * digest's front matter holds it (4 decimals; {@link KpiValue#meetsTarget()} judges it), without
     * publishing: nothing is written and no event is recorded. The digest is rendered in memory from
     * the same inputs, so it costs what a digest costs.
     *
     * @param cycle the cycle; never {@code null}
     * @return the KPIs by name, unmodifiable, never {@code null}
     * @throws InvalidInputException as {@link #digest(CycleRef)}: when the cycle has no event log or no
     *                               readable plan, is {@code COMPLETED} (read its published digest), or an
     *                               input file is invalid
     * @throws UnsupportedOperationException from an implementation that does not override it (the
     *                                       engine's workspaces all do): the default refuses, never
     *                                       answers with no KPIs
     * @since 0.1
     */
    default Map<String, KpiValue> kpis(CycleRef cycle) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement kpis(CycleRef)");
    }

    /**
     * As {@link #digest(CycleRef)}, with a Mustache template of one's own for the digest's body.
     *
     * @param template the template file; never {@code null}
     * @param cycle the cycle; never {@code null}
     * @return the digest's path, and whether it was written or found unchanged
     * @throws NoSuchCycleException when the cycle does not {@linkplain #exists exist}; nothing is written
     */
    DigestResult digest(CycleRef cycle, Path template);

    /**
     * Completes a cycle in {@code IMPROVE} (its gates decide, as for {@link #advance}) and opens the
     * next one in {@code PLANNED}, carrying the retrospective's improvement actions into its task
     * breakdown. A refused completion is a result with {@code completed() == false}, not an
     * exception; a re-run carries only what is missing.
     *
     * @param nextCycleId the next cycle's id, e.g. {@code 2025-09-16}; never {@code null}
     * @param cycle the cycle; never {@code null}
     * @return whether the cycle was completed, the next cycle and the improvement actions carried into it
     * @throws NoSuchCycleException  when the cycle does not {@linkplain #exists exist}; nothing is written
     * @throws InvalidInputException when the cycle is neither in {@code IMPROVE} nor completed (publish
     *                               its {@link #digest digest}, then {@link #advance advance} it to
     *                               {@code IMPROVE}), has no digest, its history past {@code PACKAGED}
     *                               is not backed by a manifest that verifies, {@code nextCycleId} is
     *                               the cycle's own or names a cycle already past {@code PLANNED}, or
     *                               the next plan already has a task of an action's id
     */
    ImproveResult improve(CycleRef cycle, String nextCycleId);

    /**
     * The cycle's sealed manifest as an in-toto Statement v1 (one subject per artifact) in a DSSE
     * envelope signed by each signer. Refused with a {@link SealingException} when the manifest
     * is missing, invalid, or fails any check of verification that needs no trusted key (an
     * artifact changed or unsealed, another rulebook, a gate verdict the sealed inputs do not
     * re-derive, evidence that does not match, a manifest its seal event does not anchor);
     * signatures and the signing policy are not required. The statement's {@code approvals} name
     * only the manifest signatures that verify against the workspace's trusted keys (trust file),
     * with {@code approvals_verified: true}; with no trusted key it names none and says
     * {@code approvals_verified: false}: nothing in it suggests a signature was checked when none was.
     *
     * @param signers who signs the envelope, at least one; never {@code null}
     * @param cycle the cycle; never {@code null}
     * @return the cycle's sealed manifest as an in-toto Statement v1 (one subject per artifact) in a DSSE
     *         envelope signed by each signer
     */
    Attestation attest(CycleRef cycle, List<Signer> signers);

    /**
     * Writes the verification summaries of a cycle that reached {@code VALIDATED}, next to its
     * evidence ({@code evidence/{cycle}/test-result.intoto.json} and
     * {@code evidence/{cycle}/verification-summary.intoto.json}): an in-toto Statement v1 with the Test
     * Result predicate, from the JUnit reports the cycle's move into {@code VALIDATED} judged (as its
     * {@code parity_coverage} evidence records them), and a SLSA Verification Summary Attestation
     * v1, whose policy digest is the rulebook hash and whose input attestations are the sealed manifest
     * and its signatures; each in a DSSE envelope signed by every signer. Both subjects are the sealed
     * manifest and its artifacts. The files are written once, atomically, and never overwritten, then
     * {@code SUMMARIES_WRITTEN} records both files' SHA-256 (a run that stopped before the event is
     * completed by the next); {@link #verify(CycleRef, TrustedKeys)} checks them whenever the event or a
     * file is present, a missing one included.
     *
     * <pre>{@code
     * workspace.importOutcomes(cycle, List.of(surefireReports.resolve("TEST-CartTest.xml")));
     * workspace.advance(cycle, CycleState.VALIDATED);
     * VerificationSummaries written = workspace.summarize(cycle, List.of(qaSigner));
     * }</pre>
     *
     * @param signers who signs both envelopes, at least one, each with a key of the workspace's
     *                trusted keys (any role); never {@code null}
     * @param cycle the cycle; never {@code null}
     * @return what was written
     * @throws NoSuchCycleException       when the cycle does not {@linkplain #exists exist}; nothing is written
     * @throws SealingException           when the summaries were written already, the manifest does not
     *                                    verify, or no signer's key is trusted; nothing is written
     * @throws InvalidInputException      when the move into {@code VALIDATED} judged no JUnit report, or
     *                                    a judged report changed, is gone or was joined by another since
     *                                    (located at the file); nothing is written
     * @throws InvalidTransitionException when the cycle never moved into {@code VALIDATED}
     */
    VerificationSummaries summarize(CycleRef cycle, List<Signer> signers);

    /**
     * As {@link #summarize(CycleRef, List)}, with the link to the test run (a CI run page) recorded
     * as the Test Result predicate's {@code url}.
     *
     * @param testRun an absolute URI such as {@code https://github.com/org/repo/actions/runs/42}; never
     *                {@code null}
     * @param cycle the cycle; never {@code null}
     * @param signers who signs the envelope, at least one; never {@code null}
     * @return what was written
     * @throws NoSuchCycleException when the cycle does not {@linkplain #exists exist}; nothing is written
     */
    VerificationSummaries summarize(CycleRef cycle, List<Signer> signers, URI testRun);
}
