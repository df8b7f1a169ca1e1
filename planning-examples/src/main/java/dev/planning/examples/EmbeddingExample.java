package dev.planning.examples;

import dev.planning.api.InitResult;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.digest.DigestResult;
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
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.OutputFile;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Embedding the engine: every job of the command line, through the public API only
 * ({@code dev.planning.api.*}, {@code dev.planning.engine.Planning} and the rule test kit). The
 * README shows the tagged regions ({@code tag::NAME[]}) verbatim, and a test runs them.
 *
 * <p>Run: {@code java -cp ... dev.planning.examples.EmbeddingExample planning-examples/workspaces/fe-2025-09-02}
 * (it records a transition in that workspace's event log; use a copy).
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /** Lints the workspace and advances {@code fe/2025-09-02}; returns whether the transition was accepted. */
    public static boolean run(Path workspaceDir) {
        // tag::embed[]
        PlanningWorkspace workspace = Planning.builder()
                .workspace(workspaceDir)              // rulebook defaults to <workspace>/rulebook
                .triggeredBy("release-bot")
                .build();

        LintReport lint = workspace.lint();
        lint.findings().forEach(finding -> System.out.println(finding.describe()));

        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        TransitionResult result = workspace.advance(cycle, CycleState.READY_FOR_HANDOFF);
        if (!result.accepted()) {
            result.failedGates().forEach(gate -> gate.findings().forEach(f -> System.out.println(f.describe())));
        }
        System.out.println(cycle + " is now " + workspace.status(cycle).state());
        // end::embed[]
        return result.accepted();
    }

    /**
     * What {@link #everyJob} did, for the caller (and its test) to check.
     *
     * @param init         the scaffolded workspace
     * @param rulebookHash the example rulebook's hash
     * @param ruleTests    the example rulebook's rule tests
     * @param keys         the key pairs generated, one per role
     * @param dryRun       the handoff gates, run without recording
     * @param transitions  every transition attempted, in order
     * @param seal         the seal
     * @param verification the manifest's verification after every role signed
     * @param attestation  the attestation written
     * @param imported     the outcomes imported
     * @param digest       the digest published
     * @param improve      the cycle completed and the next one opened
     * @param status       the cycle's final status
     * @param unsigned     what {@code checkHistory} found (empty: the history past PACKAGED is signed)
     */
    public record Tour(InitResult init, String rulebookHash, RuleTestReport ruleTests, List<GeneratedKey> keys,
            List<GateResult> dryRun, List<TransitionResult> transitions, SealResult seal,
            VerificationReport verification, Path attestation, ImportReport imported, DigestResult digest,
            ImproveResult improve, CycleStatus status, List<Discrepancy> unsigned) {
    }

    /**
     * Every job of {@code planning}, one cycle end to end: init, rules hash and rule tests, keys and
     * trust file, lint, gate (dry run), advance, seal, sign, verify, attest, import, digest, improve,
     * status.
     *
     * @param workspaceDir a copy of the {@code fe-2025-09-02} example workspace (it is changed)
     * @param inputs       the demo's inputs ({@code planning-examples/demo}: outcomes, retrospective)
     * @param scratch      an empty directory for the rest: a new workspace, the keys (outside the
     *                     workspace), the attestation
     */
    public static Tour everyJob(Path workspaceDir, Path inputs, Path scratch) {
        Path newWorkspace = scratch.resolve("new-workspace");
        Path keyDir = scratch.resolve("keys");
        Path attestationFile = scratch.resolve("attestation.json");
        Path rulebookDir = workspaceDir.resolve("rulebook");
        Path outcomesDir = inputs.resolve("outcomes/2025-09-02");
        List<TransitionResult> transitions = new ArrayList<>();

        // tag::init[]
        InitResult init = Planning.init(newWorkspace, new CycleRef("fe", "2025-10-01"));
        init.written().forEach(path -> System.out.println("created " + path));
        // end::init[]

        // tag::rules[]
        String hash = Planning.rulebookHash(rulebookDir);        // as `planning rules hash`
        Rulebook rulebook = Planning.rulebook(rulebookDir);
        RuleTestReport ruleTests = RuleTestRunner.forRulebook(rulebook)
                .run(RuleTestFiles.readRulebookTests(rulebook.directory()));
        System.out.print(ruleTests.summary());
        // end::rules[]

        // tag::keys[]
        Keys keys = Planning.keys();                             // keep keys outside the workspace
        List<GeneratedKey> generated = new ArrayList<>();
        for (String role : List.of("PM", "TechLead", "QA")) {
            generated.add(keys.generate(role, SignatureAlgorithm.ED25519, keyDir));
        }
        TrustedKeys trust = keys.readTrustFile(keyDir.resolve(Keys.TRUST_FILE));
        // end::keys[]

        // tag::open[]
        PlanningWorkspace workspace = Planning.builder()
                .workspace(workspaceDir)
                .trustFile(keyDir.resolve(Keys.TRUST_FILE))      // refused inside the workspace
                .triggeredBy("release-bot")
                .build();
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        // end::open[]

        // tag::gate[]
        List<GateResult> dryRun = workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF);   // records nothing
        boolean wouldPass = dryRun.stream().allMatch(GateResult::passed);
        // end::gate[]
        if (!wouldPass) {
            throw new IllegalStateException("the example's handoff gates should pass: " + dryRun);
        }
        transitions.add(workspace.advance(cycle, CycleState.READY_FOR_HANDOFF));

        // tag::seal[]
        SealResult seal = workspace.seal(cycle, SealOptions.defaults().withAllowDirty(true)); // no git here
        seal.transition().ifPresent(transitions::add);
        SignOptions dirtyToo = SignOptions.defaults().withAllowDirty(true); // so the dirty seal is signed knowingly
        for (String role : List.of("PM", "TechLead", "QA")) {
            HandoffManifest signed = workspace.sign(cycle, keys.pemSigner(role, keyDir.resolve(role + ".key.pem")), dirtyToo);
            System.out.println(role + " signed " + signed.manifestId());
        }
        VerificationReport verification = workspace.verify(cycle, trust);
        verification.discrepancies().forEach(d -> System.out.println(d.describe()));
        // end::seal[]

        // tag::attest[]
        Attestation attestation = workspace.attest(cycle, List.of(keys.pemSigner("QA", keyDir.resolve("QA.key.pem"))));
        OutputFile.write(attestationFile, attestation.envelope().getBytes(StandardCharsets.UTF_8)); // whole or not at all
        // end::attest[]

        transitions.add(workspace.advance(cycle, CycleState.EXECUTED));
        // tag::import[]
        ImportReport imported = workspace.importOutcomes(cycle, filesIn(outcomesDir)); // JUnit, LCOV, axe, deployments
        // end::import[]
        transitions.add(workspace.advance(cycle, CycleState.VALIDATED));
        copy(inputs.resolve("retro/2025-09-02-retrospective.yaml"),
                workspaceDir.resolve(workspace.layout().retrospective(cycle)));

        // tag::digest[]
        DigestResult digest = workspace.digest(cycle);
        System.out.println((digest.written() ? "wrote " : "unchanged ") + digest.path());
        // end::digest[]

        transitions.add(workspace.advance(cycle, CycleState.IMPROVE));
        // tag::improve[]
        ImproveResult improve = workspace.improve(cycle, "2025-09-16");
        System.out.println(improve.completed() ? "opened " + improve.next() + " with " + improve.carried() : "refused");
        // end::improve[]

        // tag::status[]
        CycleStatus status = workspace.status(cycle);            // EventLogCorruptedException on a broken chain
        List<Discrepancy> unsigned = workspace.checkHistory(status);   // past PACKAGED: is it signed?
        System.out.println(cycle + ": " + status.state() + (unsigned.isEmpty() ? "" : ", UNSIGNED")
                + (status.sealInterrupted() ? ", seal interrupted: seal it again" : ""));
        // end::status[]

        return new Tour(init, hash, ruleTests, List.copyOf(generated), dryRun, List.copyOf(transitions), seal,
                verification, attestationFile, imported, digest, improve, status, unsigned);
    }

    private static List<Path> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entry point: {@code EmbeddingExample WORKSPACE}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: EmbeddingExample WORKSPACE");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])) ? 0 : 1);
    }
}
