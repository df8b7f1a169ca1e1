package dev.planning.examples;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;

import dev.planning.engine.Planning;
import dev.planning.rules.testkit.GovernanceTestKit;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import dev.planning.testkit.gate.ForwardingGateContext;
import dev.planning.testkit.gate.GateContextFixture;
import dev.planning.testkit.gate.GateContract;
import dev.planning.testkit.signing.SignerContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java of docs/testing.md, docs/rules.md and docs/sealing.md, each a tagged region here,
 * compiled and run; the documents must show each region verbatim, and every Java block of README.md,
 * docs/*.md and docs/benchmarks/*.md must be a tagged region of a source of this repository, or a sketch
 * {@link ReadmeRegions} lists whole ({@link ReadmeRegions}), so a sample cannot drift from the API.
 */
class DocumentedJavaTest {

    private static final Path SOURCE = Path.of("../planning-examples-tests/src/test/java/dev/planning/examples/DocumentedJavaTest.java");  // the tests run in planning-examples

    @TempDir
    Path dir;

    @Test
    void theInMemoryPolicyOfTestingAndRulesRunsAsShown() {
        // tag::maxestimate[]
        GovernanceTestKit kit = GovernanceTestKit.fromDrl("""
                package policies;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;
                rule "max-estimate" @severity(HIGH)
                when $t : TaskFact(effort > 13)
                then insert(Report.violation(kcontext, $t, $t.id() + " is estimated above 13 points; split it"));
                end
                """);

        assertThat(kit.evaluate(Task.builder("FE-1", "Checkout").effort(21).build(),
                        Task.builder("FE-2", "Cart").effort(13).build()))
                .hasOnlyViolations(v("max-estimate", "FE-1"))
                .hasViolation("max-estimate").on("FE-1").withSeverity(ViolationSeverity.HIGH);
        // end::maxestimate[]
    }

    @Test
    void theBuildersOfTestingBuildWhatTheySay() {
        // tag::builders[]
        Task task = Task.builder("FE-12", "Checkout form")
                .owner("alice")
                .tags("criticality:0", "compliance:sox")          // or Tags.of(...), Tags.NONE.with("criticality", "0")
                .effort(8)
                .priority(Priority.P1)
                .dependsOn("FE-3", "be:PLN-BE-001")
                .controls(Controls.builder().approvals("bob", "carol").auditTrail("enhanced").build())
                .build();

        GovernanceInput input = GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2))
                .tasks(task)
                .otherStream("be", Task.builder("PLN-BE-001", "Payments API").owner("dan").build())
                .waiver(new Waiver("critical-approvals", "FE-12", "third approver on leave", "lead", LocalDate.of(2025, 9, 30)))
                .build();
        // end::builders[]

        assertThat(input.tasks().tasks()).containsExactly(task);
        assertThat(input.otherStreams()).containsOnlyKeys("be");
        assertThat(input.waivers()).hasSize(1);
    }

    @Test
    void aForwardingContextSuppliesOneInputMoreAndTheRestStillRefuse() {
        GateContext full = GateContextFixture.builder(new CycleRef("fe", "2025-09-02")).build();
        // tag::forwarding[]
        GateContext embedders = new ForwardingGateContext(ForwardingGateContext.requiredOnly(full)) {
            @Override
            public List<Contract> contracts() {
                return List.of();                   // contracts supplied; capacity() still refuses
            }
        };
        // end::forwarding[]

        assertThat(embedders.contracts()).isEmpty();
        assertThatThrownBy(embedders::capacity).isInstanceOf(PlanningException.class).hasMessageContaining("does not supply GateContext.capacity()");
    }

    @Nested
    // tag::gatecontract[]
    class P0DueDateGateContractTest extends GateContract {
        @Override
        protected Gate newGate() {
            return new P0DueDateGate();
        }

        @Override
        protected List<GateContext> contexts() {
            return List.of(GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
                    .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).build()).build());
        }
    }
    // end::gatecontract[]

    /** A stand-in for a cloud KMS: named key pairs that never leave it. */
    static final class Kms {
        private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

        PublicKey publicKey(String name) {
            return keys.computeIfAbsent(name, n -> Kms.generate()).getPublic();
        }

        byte[] asymmetricSign(String name, byte[] message) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(keys.computeIfAbsent(name, n -> Kms.generate()).getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static KeyPair generate() {
            try {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final Kms kms = new Kms();

    /** The application's signer of docs/testing.md: the key stays in {@link #kms}. */
    record KmsSigner(String role, String keyName) implements Signer {
        @Override
        public String keyId() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(kms.publicKey(keyName).getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ED25519;
        }

        @Override
        public byte[] sign(byte[] message) {
            return kms.asymmetricSign(keyName, message);
        }
    }

    static final String testKeyName = "planning-qa-test";

    @Nested
    // tag::signercontract[]
    class KmsSignerContractTest extends SignerContract {
        @Override
        protected Signer newSigner() {
            return new KmsSigner("QA", testKeyName);
        }

        @Override
        protected PublicKey publicKey(Signer signer) {
            return kms.publicKey(testKeyName);
        }
    }
    // end::signercontract[]

    @Test
    void theReleaseOwnerPolicyOfRulesRunsAsShown() {
        Task.Builder release = Task.builder("FE-12", "Task FE-12").tags("release:r1");
        GovernanceInput input = GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2))
                .tasks(release.build(), Task.builder("FE-13", "Task FE-13").tags("release:r1").build())
                .waiver(new Waiver("release-needs-owner", "FE-13", "owner named at kickoff", "pm-dana", LocalDate.of(2025, 9, 5)))
                .waiver(new Waiver("missing-owner", "FE-2", "kept from the last cycle", "pm-dana", LocalDate.of(2025, 9, 5)))
                .build();
        // tag::rulebookdir[]
        Rulebook rulebook = Planning.rulebook(Path.of("policies/release-owner"));
        GovernanceTestKit kit = GovernanceTestKit.fromRulebook(rulebook);   // compiled once per hash
        GovernanceDecision decision = kit.evaluate(input);

        assertThat(decision).hasViolation("release-needs-owner").on("FE-12")
                .withSeverity(ViolationSeverity.CRITICAL)
                .withMetadata("control", "CHG-7")
                .withMessageContaining("has no owner");
        assertThat(decision).hasOnlyViolations(v("release-needs-owner", "FE-12")).hasCriticalCount(1);
        assertThat(decision).hasWaived(v("release-needs-owner", "FE-13")).hasUnusedWaiver("missing-owner", "FE-2");

        // the YAML cases, from JUnit
        RuleTestReport report = RuleTestRunner.forRulebook(rulebook).run(RuleTestFiles.readRulebookTests(rulebook.directory()));
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.uncovered()).isEmpty();
        // end::rulebookdir[]
    }

    @Test
    void sealSignAndVerifyFromJavaRunAsSealingShows() {
        Path repo = Examples.committed(Examples.copy("fe-2025-09-02", dir.resolve("repo")));
        Path keys = dir.resolve("keys");
        for (String role : List.of("PM", "TechLead", "QA")) {
            Planning.keys().generate(role, SignatureAlgorithm.ED25519, keys);
        }
        Path trustFile = keys.resolve("trust.yaml");
        Path qaKey = keys.resolve("QA.key.pem");
        // tag::fromjava[]
        PlanningWorkspace ws = Planning.builder().workspace(repo).trustFile(trustFile).build();
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        ws.advance(cycle, CycleState.READY_FOR_HANDOFF);                      // sealing starts there: PLANNED is refused
        SealResult sealed = ws.seal(cycle, SealOptions.defaults());           // or ws.advance(cycle, PACKAGED)
        ws.sign(cycle, Planning.keys().pemSigner("QA", qaKey)); // any dev.planning.api.signing.Signer
        // a manifest sealed dirty is refused by sign unless asked: ws.sign(cycle, signer, SignOptions.defaults().withAllowDirty(true))
        VerificationReport report = ws.verify(cycle, Planning.keys().readTrustFile(trustFile));
        report.discrepancies().forEach(d -> System.out.println(d.describe()));
        // end::fromjava[]

        assertThat(sealed.sealed()).isTrue();
        assertThat(report.countedSignatures()).hasSize(1);
    }

    @Test
    void thePolicyOfRulesWritingAPolicyCompilesAndReportsWhatItSays() throws Exception {
        String rules = Files.readString(Path.of("..", "docs", "rules.md"), StandardCharsets.UTF_8);
        String section = rules.substring(rules.indexOf("\n## Writing a policy\n"));
        String drl = section.substring(section.indexOf("```drl\n") + "```drl\n".length(), section.indexOf("\n```", section.indexOf("```drl\n")));

        GovernanceDecision decision = GovernanceTestKit.fromDrl(drl)
                .evaluate(Task.builder("FE-1", "Checkout").tags("release:r1").build(),
                        Task.builder("FE-2", "Cart").tags("release:r1").owner("alice").build());

        assertThat(decision).hasOnlyViolations(v("release-needs-owner", "FE-1"));
        assertThat(decision).hasViolation("release-needs-owner").on("FE-1")
                .withSeverity(ViolationSeverity.CRITICAL)
                .withMetadata("control", "CHG-7")
                .withMessageContaining("FE-1 ships in release r1 but has no owner; name the person who answers for it");
        assertThat(decision.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.hint()).contains("Set owner to the person who answers for the release");
            assertThat(violation.facts()).containsExactly(entry("release", "r1"), entry("owner", "not set"));
        });
    }

    @Test
    void theDocumentsShowEachRegionVerbatim() throws Exception {
        ReadmeRegions.assertShownVerbatim(SOURCE, "DocumentedJavaTest", Path.of("..", "docs", "testing.md"),
                "maxestimate", "builders", "forwarding", "gatecontract", "signercontract");
        ReadmeRegions.assertShownVerbatim(SOURCE, "DocumentedJavaTest", Path.of("..", "docs", "rules.md"), "maxestimate", "rulebookdir");
        ReadmeRegions.assertShownVerbatim(SOURCE, "DocumentedJavaTest", Path.of("..", "docs", "sealing.md"), "fromjava");
        ReadmeRegions.assertShownVerbatim(Path.of("../planning-examples-tests/src/test/java/dev/planning/examples/P0DueDateGateFixtureTest.java"),
                "P0DueDateGateFixtureTest", Path.of("..", "docs", "testing.md"), "fixture");
        ReadmeRegions.assertShownVerbatim(Path.of("../planning-rules/src/test/java/dev/planning/rules/testkit/GovernanceTestKitTest.java"),
                "GovernanceTestKitTest", Path.of("..", "docs", "rules.md"), "kitinput");
    }

    @Test
    void everyJavaBlockOfTheDocumentsIsATaggedRegionOfASource() throws Exception {
        assertThat(ReadmeRegions.javaBlocksNotARegion()).isEmpty();
    }
}
