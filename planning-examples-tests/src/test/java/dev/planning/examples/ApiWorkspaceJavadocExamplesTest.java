package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.planning.api.DocumentException;
import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.outcome.ImportedFile;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.OutputFile;
import dev.planning.engine.Planning;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javadoc28: the Java examples of planning-api's Javadoc that need a workspace, keys or the engine
 * ({@code PlanningWorkspace}, {@code DocumentException}, {@code NoSuchCycleException}, {@code Keys},
 * {@code CycleQueries}, {@code SignOptions}), each a tagged region here, run on a copy of the {@code fe-2025-09-02}
 * example ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class ApiWorkspaceJavadocExamplesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path temp;

    private int status;
    private String body;

    @Test
    void theWorkspacesExampleAdvancesTheCycleToHandoff() {
        Path dir = Examples.copy("fe-2025-09-02", temp.resolve("ws"));

        // tag::workspacejavadoc[]
        PlanningWorkspace workspace = Planning.builder()
                .workspace(dir)                   // rulebook defaults to <dir>/rulebook
                .build();
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        TransitionResult result = workspace.advance(cycle, CycleState.READY_FOR_HANDOFF);
        if (!result.accepted()) {
            result.failedGates().forEach(gate -> gate.findings().forEach(f -> System.out.println(f.describe())));
        }
        // end::workspacejavadoc[]

        assertThat(result.accepted()).as(result.failedGates().toString()).isTrue();
        assertThat(workspace.status(cycle).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
    }

    @Test
    void aJUnitReportIsImportedIntoTheCyclesOutcomes() throws IOException {
        PlanningWorkspace workspace = Planning.builder().workspace(Examples.copy("fe-2025-09-02", temp.resolve("ws")))
                .build();
        CycleRef cycle = CYCLE;
        Path surefireReports = Files.createDirectories(temp.resolve("surefire-reports"));
        Files.copy(Path.of("demo/outcomes/2025-09-02/TEST-dev.shop.CheckoutTest.xml"), surefireReports.resolve("TEST-x.xml"));

        // tag::importjavadoc[]
        ImportReport imported = workspace.importOutcomes(cycle, List.of(surefireReports.resolve("TEST-x.xml")));
        // end::importjavadoc[]

        assertThat(imported.changed()).isTrue();
        assertThat(imported.files()).extracting(ImportedFile::kind).containsExactly(OutcomeKind.JUNIT);
    }

    @Test
    void aManifestThatIsNoDocumentIsReportedAtItsFileWithItsCode() throws IOException {
        Path file = Files.writeString(temp.resolve("manifest.yaml"), "no front matter: [\n", StandardCharsets.UTF_8);

        String printed = errorOutputOf(() -> {
            // tag::documentexceptionjavadoc[]
            try {
                Planning.readManifest(file);
            } catch (DocumentException e) {
                System.err.println(e.location().orElseThrow() + ": " + e.code() + ": " + e.getMessage());
            }
            // end::documentexceptionjavadoc[]
        });

        assertThat(printed).startsWith(file + ":2:1: " + DocumentException.YAML_SYNTAX + ": malformed YAML");
    }

    @Test
    void aMistypedCycleIsAnsweredNotFoundAndNeverBecomesACycle() {
        Path ws = Examples.copy("fe-2025-09-02", temp.resolve("ws"));
        PlanningWorkspace workspace = Planning.builder().workspace(ws).build();
        String requestedId = "2025-09-03";

        // tag::nosuchcyclejavadoc[]
        try {
            workspace.advance(new CycleRef("fe", requestedId), CycleState.READY_FOR_HANDOFF);
        } catch (NoSuchCycleException e) {
            respond(404, e.getMessage());     // names the cycle
        }
        // end::nosuchcyclejavadoc[]

        assertThat(status).isEqualTo(404);
        assertThat(body).contains("fe/2025-09-03");
        assertThat(workspace.exists(new CycleRef("fe", requestedId))).isFalse();
    }

    @Test
    void generatedKeysAreReadBackAsTrustAndAsASigner() {
        Path keyDir = temp.resolve("keys");

        // tag::keysjavadoc[]
        Keys keys = Planning.keys();
        GeneratedKey qa = keys.generate("QA", SignatureAlgorithm.ED25519, keyDir);   // a directory outside the workspace
        TrustedKeys trust = keys.readTrustFile(qa.trustFile());
        Signer signer = keys.pemSigner("QA", qa.privateKey());
        TrustedKey inCode = keys.readPublicKey("QA", qa.publicKey());   // for a trust set built in code
        // end::keysjavadoc[]

        assertThat(trust.find(qa.keyId(), "QA")).contains(inCode);
        assertThat(signer.keyId()).isEqualTo(qa.keyId());
        assertThat(inCode.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
    }

    @Test
    void aPublicKeyFileIsTrustedInCodeForItsRole() {
        Keys keys = Planning.keys();
        Path keyDir = temp.resolve("keys");

        // tag::readpublickeyjavadoc[]
        GeneratedKey qa = keys.generate("QA", SignatureAlgorithm.ED25519, keyDir);
        TrustedKeys trust = new TrustedKeys(List.of(keys.readPublicKey("QA", qa.publicKey())), "trusted in code");
        // end::readpublickeyjavadoc[]

        assertThat(trust.keys()).extracting(TrustedKey::role, TrustedKey::keyId).containsExactly(
                tuple("QA", qa.keyId()));
    }

    @Test
    void aSealedCycleIsListedWithTheRolesThatHaveNotSigned() {
        Sealed sealed = sealed();
        PlanningWorkspace workspace = sealed.workspace();
        CycleQueries queries = workspace.queries(sealed.trust());

        // tag::cyclequeriesjavadoc[]
        List<String> states = new ArrayList<>();
        for (CycleQueries.CycleSummary c : queries.portfolio()) {
            states.add(c.cycle() + " " + c.state());
        }
        List<CycleQueries.PendingSignatures> unsigned = queries.pendingSignatures(workspace.rulebook().signing());   // or Set.of("PM", "TechLead", "QA")
        // end::cyclequeriesjavadoc[]

        assertThat(states).contains(CYCLE + " " + CycleState.PACKAGED);
        assertThat(unsigned).singleElement().satisfies(p -> {
            assertThat(p.cycle()).isEqualTo(CYCLE);
            assertThat(p.missingRoles()).containsExactlyInAnyOrder("PM", "TechLead", "QA");
        });
    }

    @Test
    void theSigningPolicyOfTheRulebookAndOfTheTrustFileAreBothJudged() {
        Sealed sealed = sealed();
        PlanningWorkspace workspace = sealed.workspace();
        TrustedKeys trust = sealed.trust();

        // tag::pendingpolicyjavadoc[]
        List<CycleQueries.PendingSignatures> pending = workspace.queries(trust)
                .pendingSignatures(workspace.rulebook().signing());
        // end::pendingpolicyjavadoc[]
        List<CycleQueries.PendingSignatures> both = pending(workspace, trust);

        assertThat(pending).extracting(CycleQueries.PendingSignatures::cycle).containsExactly(CYCLE);
        assertThat(both).extracting(CycleQueries.PendingSignatures::cycle).containsExactly(CYCLE);
    }

    @Test
    void aSignatureOnADirtySealCountsWhenAllowed() {
        Sealed sealed = sealed();
        PlanningWorkspace workspace = sealed.workspace();
        CycleRef cycle = CYCLE;
        Signer signer = Planning.keys().pemSigner("QA", sealed.keyDir().resolve("QA.key.pem"));

        // tag::signoptionsjavadoc[]
        workspace.sign(cycle, signer, SignOptions.defaults().withAllowDirty(true)); // a manifest sealed dirty, on purpose
        // end::signoptionsjavadoc[]

        assertThat(workspace.queries(sealed.trust()).pendingSignatures()).singleElement()
                .satisfies(p -> assertThat(p.signedRoles()).containsExactly("QA"));
    }

    @Test
    void aValidatedCycleGetsItsAttestationAndVerificationSummariesWritten() throws IOException {
        PlanningWorkspace workspace = Examples.signedHandoff(temp.resolve("ws"));
        CycleRef cycle = CYCLE;
        List<Signer> signers = List.copyOf(Examples.SIGNERS);
        Path outDir = Files.createDirectories(temp.resolve("out"));

        // tag::outputfilejavadoc[]
        Attestation attestation = workspace.attest(cycle, signers);
        OutputFile.write(outDir.resolve("attestation.json"), attestation.envelope().getBytes(StandardCharsets.UTF_8));
        // end::outputfilejavadoc[]

        assertThat(Files.readString(outDir.resolve("attestation.json"), StandardCharsets.UTF_8))
                .isEqualTo(attestation.envelope());
        assertThat(workspace.advance(cycle, CycleState.EXECUTED).accepted()).isTrue();
        Path demo = Path.of("demo/outcomes/2025-09-02");
        workspace.importOutcomes(cycle, List.of(demo.resolve("lcov.info"), demo.resolve("axe-checkout.json"),
                Examples.demoDeploymentsAfterNow(temp.resolve("deployments.yaml"))));
        Path surefireReports = Files.createDirectories(temp.resolve("surefire-reports"));
        Files.copy(demo.resolve("TEST-dev.shop.CheckoutTest.xml"), surefireReports.resolve("TEST-CartTest.xml"));
        Signer qaSigner = Examples.SIGNERS.get(2);

        // tag::summarizejavadoc[]
        workspace.importOutcomes(cycle, List.of(surefireReports.resolve("TEST-CartTest.xml")));
        workspace.advance(cycle, CycleState.VALIDATED);
        VerificationSummaries written = workspace.summarize(cycle, List.of(qaSigner));
        // end::summarizejavadoc[]

        assertThat(workspace.status(cycle).state()).isEqualTo(CycleState.VALIDATED);
        assertThat(workspace.root().resolve(written.testResultPath())).isRegularFile();
        assertThat(workspace.verify(cycle, Examples.TRUST).passed()).isTrue();
    }

    private static List<CycleQueries.PendingSignatures> pending(PlanningWorkspace workspace, TrustedKeys trust) {
        // tag::pendingjavadoc[]
        List<CycleQueries.PendingSignatures> pending = workspace.queries(trust).pendingSignatures();
        // end::pendingjavadoc[]
        return pending;
    }

    /** A copy of the example, its keys (PM, TechLead, QA) outside it, moved to handoff and sealed dirty. */
    private Sealed sealed() {
        Path keyDir = temp.resolve("keys");
        Keys keys = Planning.keys();
        for (String role : List.of("PM", "TechLead", "QA")) {
            keys.generate(role, SignatureAlgorithm.ED25519, keyDir);
        }
        PlanningWorkspace workspace = Planning.builder().workspace(Examples.copy("fe-2025-09-02", temp.resolve("ws")))
                .trustFile(keyDir.resolve(Keys.TRUST_FILE)).build();
        assertThat(workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(workspace.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).sealed()).isTrue();
        return new Sealed(workspace, keys.readTrustFile(keyDir.resolve(Keys.TRUST_FILE)), keyDir);
    }

    private record Sealed(PlanningWorkspace workspace, TrustedKeys trust, Path keyDir) {
    }

    private void respond(int code, String message) {
        this.status = code;
        this.body = message;
    }

    private static String errorOutputOf(Runnable action) {
        PrintStream before = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
