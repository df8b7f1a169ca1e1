package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.CapacityModel;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.WorkspaceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything a gate may look at for one cycle and one transition. Supplied by the engine;
 * read-only.
 *
 * <p>A gate sees the workspace only through its context: parsed plans, the files of the workspace
 * through the configured layout ({@link #files()}), the cycle's lint ({@link #lint()}), waivers,
 * contracts and the capacity model, the outcomes imported after execution ({@link #outcomes()},
 * {@link #previousCoverage()}), today's date by the engine's clock ({@link #clock()}), the trusted
 * keys and the sealed manifest. A gate therefore keeps no layout, clock or path of its own and needs
 * no file system: it can rely on these methods alone, and should be stateless (no fields but
 * constants). The engine builds one instance (through {@link java.util.ServiceLoader} or its builder)
 * and hands it a new context for every run; what is worth keeping between runs (parsed files, lint
 * results) the engine's contexts keep, keyed by the files' content.
 *
 * <pre>{@code
 * public GateResult evaluate(GateContext context) {
 *     List<Finding> findings = new ArrayList<>();
 *     for (Waiver waiver : context.waivers()) {          // the cycle's decision log, parsed
 *         if (!waiver.activeOn(context.today())) {       // the engine's clock, not the system's
 *             findings.add(Finding.error("waiver.expired", waiver.rule() + " on " + waiver.item(),
 *                     SourceLocation.ofFile(context.files().path(context.cycle(), ArtifactKind.DECISION_LOG))));
 *         }
 *     }
 *     return GateResult.of(name(), findings, Map.of());
 * }
 * }</pre>
 *
 * <p>Parsed artifacts are present only when their files exist and could be read; a gate that
 * needs a missing artifact should report a finding rather than throw. The methods that parse a file
 * on demand ({@link #waivers()}, {@link #contracts()}, {@link #capacity()}, {@link #manifest()})
 * throw a located {@link dev.planning.api.InvalidInputException} when the file exists but is
 * malformed; a gate that does not catch it fails with the message as a {@code gate.error} finding.
 *
 * <p>Fail closed: the {@code default} methods that give the cycle's inputs ({@link #waivers()},
 * {@link #contracts()}, {@link #capacity()}, {@link #lint()}, {@link #outcomes()},
 * {@link #previousCoverage()}, {@link #manifest()} and {@link #verifyManifest()}, and the
 * rulebook's files, {@link #rulebookFile(String)}) refuse with a {@link PlanningException} naming
 * the method, because "this context does not supply it" is not "the cycle has none": a gate that needs contracts must never pass against a
 * context that simply leaves them out. A context that has none says so by overriding the method
 * (an empty list, {@link Optional#empty()}). {@link #trustedKeys()} defaults to no trusted key,
 * under which no signature counts. The engine's contexts and the test kit's
 * {@code GateContextFixture} supply all of them; a gate run by the engine that meets a refusal
 * fails with it as a {@code gate.error} finding.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface GateContext {

    /**
     * The cycle being checked.
     *
     * @return the cycle being checked
     */
    CycleRef cycle();

    /**
     * The transition the gates run for (also in a dry run).
     *
     * @return the transition the gates run for (also in a dry run)
     */
    Transition transition();

    /**
     * The workspace root, absolute: only for a gate that must hand a directory to an external tool.
     * Gates read files through {@link #files()}, which follows the configured layout; the engine's
     * built-in gates never use this path (a test checks it), the {@code governance} gate only to name
     * a rule file that does not compile relative to it, and a fixture's may not exist. The test kit's
     * {@code GateContract} fails a gate that calls it, unless the gate says it hands it to a tool.
     *
     * @return the workspace root, absolute: only for a gate that must hand a directory to an external tool
     */
    Path workspace();

    /**
     * The rulebook in force.
     *
     * @return the rulebook in force
     */
    Rulebook rulebook();

    /**
     * The cycle's task breakdown, when it exists and could be read.
     *
     * @return the cycle's task breakdown, when it exists and could be read
     */
    Optional<TaskBreakdown> tasks();

    /**
     * The cycle's story map, when it exists and could be read.
     *
     * @return the cycle's story map, when it exists and could be read
     */
    Optional<StoryMap> storyMap();

    /**
     * The bytes of one of the rulebook's files: the {@code governance} gate compiles the rule files
     * ({@link Rulebook#ruleFiles()}) from here, never from {@link Rulebook#directory()}, so a context
     * that serves its rulebook from memory, a database or a checkout of its own decides the rules a
     * gate judges by, with no rulebook on disk. A context must serve the bytes {@link Rulebook#hash()}
     * names: that hash is what the verdict, the log and a seal record as the rules judged by. The
     * engine's contexts read the rulebook directory once and serve it only while it hashes to the
     * rulebook's hash ("the rulebook changed since it was loaded" otherwise). A file the context
     * cannot serve fails the gate that needs it; it is never a rule skipped.
     *
     * <pre>{@code
     * public Optional<byte[]> rulebookFile(String file) {
     *     return Optional.ofNullable(rulesFromMyStore.get(file)).map(byte[]::clone);
     * }
     * }</pre>
     *
     * @param file relative to the rulebook directory with {@code /} separators, as
     *             {@link Rulebook#ruleFiles()} names it, e.g. {@code rules/critical.drl}
     * @return the file's bytes (a copy the gate may keep); empty when the rulebook has no such file
     * @throws dev.planning.api.InvalidInputException when the rulebook cannot be read, or no longer holds
     *         the bytes its hash names, located at it
     * @throws PlanningException by default: a context that does not serve its rulebook must not let a gate
     *                           judge by rules read from elsewhere
     * @since 0.1
     */
    default Optional<byte[]> rulebookFile(String file) {
        throw notSupplied("rulebookFile(String)");
    }

    /**
     * The task breakdowns of the other streams of the workspace, by stream name. The engine's context (and the
     * testkit's) serves one map to every gate of a run, as a map that refuses changes: a gate that would sort or trim
     * it copies it first.
     *
     * @return the task breakdowns of the other streams of the workspace, by stream name
     */
    Map<String, TaskBreakdown> otherStreams();

    /**
     * The cycle's artifact files, as workspace-relative paths with {@code /} separators. The engine's context (and
     * the testkit's) serves one list to every gate of a run, as a list that refuses changes.
     *
     * @return the cycle's artifact files, as workspace-relative paths with {@code /} separators
     */
    List<String> artifactPaths();

    /**
     * The workspace's files, located by the layout the engine was built with.
     *
     * @return never {@code null}
     */
    WorkspaceFiles files();

    /**
     * The results of the gates that already ran in this transition, in the order they ran (for
     * example {@code schema_lint} before {@code governance}), so that a gate can take them into
     * account. Empty for the first gate, and by default for contexts that do not track them.
     *
     * @return an unmodifiable list, never {@code null}
     */
    default List<GateResult> priorResults() {
        return List.of();
    }

    /**
     * The moment the verdict is judged at, when it is not now: set when a sealed verdict is
     * recomputed, so that a gate that depends on the day (for example waivers that expire) judges
     * as it did when the verdict was sealed. Empty for a live run. {@link #clock()} already
     * accounts for it: gates should read the time from there.
     *
     * @return never {@code null}
     */
    default Optional<Instant> judgedAt() {
        return Optional.empty();
    }

    /**
     * The clock the verdict is judged by: the engine builder's clock in a live run, and a clock
     * fixed at {@link #judgedAt()} when a sealed verdict is recomputed. By default, that fixed clock
     * when {@code judgedAt} is set, otherwise UTC system time.
     *
     * @return never {@code null}
     */
    default Clock clock() {
        return judgedAt().map(at -> Clock.fixed(at, ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
    }

    /**
     * Today's date by {@link #clock()}, in the clock's time zone; what waivers expire against.
     *
     * @return today's date by {@link #clock()}
     */
    default LocalDate today() {
        return LocalDate.now(clock());
    }

    /**
     * The waivers of the cycle's decision log, in file order; empty when the cycle has none.
     *
     * @return the waivers of the cycle's decision log, in file order; empty when the cycle has none
     * @throws dev.planning.api.InvalidInputException when the decision log is malformed, located in it
     * @throws PlanningException by default: a context that does not supply waivers must not let a gate pass
     */
    default List<Waiver> waivers() {
        throw notSupplied("waivers()");
    }

    /**
     * The cross-stream contracts the cycle's stream declares; empty when it declares none.
     *
     * @return the cross-stream contracts the cycle's stream declares; empty when it declares none
     * @throws dev.planning.api.InvalidInputException when the contracts file is malformed, located in it
     * @throws PlanningException by default: a context that does not supply contracts must not let a gate pass
     */
    default List<Contract> contracts() {
        throw notSupplied("contracts()");
    }

    /**
     * The workspace's capacity model, when it has one.
     *
     * @return the workspace's capacity model, when it has one
     * @throws dev.planning.api.InvalidInputException when the capacity model is malformed, located in it
     * @throws PlanningException by default: a context that does not supply the capacity model must not let a
     *                           gate pass
     */
    default Optional<CapacityModel> capacity() {
        throw notSupplied("capacity()");
    }

    /**
     * The cycle's planning files checked as {@code planning lint} checks one cycle: the task
     * breakdown (required), story map, decision log, retrospective and contracts file (when present)
     * against their schemas, unique ids, references that resolve, tag values against the rulebook's
     * taxonomy and waivers against its rule names (waiver expiry is left to the governance gate). A
     * file that cannot be read or parsed is a finding, never an exception. The engine lints through
     * its layout and reuses a cycle's report while the files' bytes and the rulebook are the same.
     *
     * @return the files checked and every finding, sorted by file, line and column; never {@code null}
     * @throws PlanningException by default: a context that does not lint must not let a gate pass
     */
    default LintReport lint() {
        throw notSupplied("lint()");
    }

    /**
     * What was imported into the cycle's outcomes ({@code planning import}): the JUnit reports'
     * totals, the coverage reports of its outcomes directory and the tasks its successful
     * deployments list, each file with its workspace path and SHA-256; {@link
     * CycleOutcomes#none} when nothing was imported. Coverage reports that cannot be read are
     * listed as {@link CoverageOutcomes#problems()}, not thrown.
     *
     * @return never {@code null}
     * @throws dev.planning.api.InvalidInputException when a stored test, accessibility or deployments
     *         file no longer parses, located in it
     * @throws PlanningException by default: a context that does not supply outcomes must not let a gate pass
     */
    default CycleOutcomes outcomes() {
        throw notSupplied("outcomes()");
    }

    /**
     * The coverage reports of the stream's previous cycle: the cycle just before this one in
     * cycle-id order among those with planning files, so that a gate can judge a regression. The cycles are
     * found as {@link dev.planning.api.PlanningWorkspace#cycles()} finds them: a planning file's name on a dangling
     * symbolic link, a link out of the workspace or a directory is refused, naming it, and so is a previous
     * cycle whose event log is broken (the engine's context), never skipped for the cycle before it.
     *
     * @return empty when the stream has no earlier cycle; never {@code null}
     * @throws dev.planning.api.InvalidInputException when a planning file of the stream's cycles is such a name
     * @throws dev.planning.api.EventLogCorruptedException when the previous cycle's event log is broken, located
     *         at its line
     * @throws PlanningException by default: a context that does not supply it must not let a gate pass
     */
    default Optional<CoverageOutcomes> previousCoverage() {
        throw notSupplied("previousCoverage()");
    }

    /**
     * The keys trusted to sign manifests, as the engine was given them (a trust file outside the
     * workspace, or keys passed to its builder). By default no key is trusted.
     *
     * @return never {@code null}
     */
    default TrustedKeys trustedKeys() {
        return TrustedKeys.none();
    }

    /**
     * The cycle's sealed handoff manifest, when the cycle was sealed.
     *
     * @return the cycle's sealed handoff manifest, when the cycle was sealed
     * @throws dev.planning.api.InvalidInputException when the manifest file exists but cannot be read
     * @throws PlanningException by default: a context that does not supply the manifest must not let a gate
     *                           pass
     */
    default Optional<HandoffManifest> manifest() {
        throw notSupplied("manifest()");
    }

    /**
     * Verifies the cycle's sealed manifest as {@code planning verify} does, against
     * {@link #trustedKeys()}: checksums, rulebook hash, seal event, recomputed verdicts,
     * signatures and the signing policy.
     *
     * @return the report, never {@code null}
     * @throws PlanningException by default: a context that cannot verify must not let a gate pass
     */
    default VerificationReport verifyManifest() {
        throw new PlanningException("this gate context cannot verify manifests (it is not the engine's):"
                + " GateContext.verifyManifest() is not supplied, so a gate that needs it cannot pass");
    }

    private static PlanningException notSupplied(String method) {
        return new PlanningException("this gate context does not supply GateContext." + method + ", so a gate that"
                + " needs it cannot pass (the engine's contexts and GateContextFixture supply it; a context of"
                + " your own must override it, with an empty value when there is none)");
    }
}
