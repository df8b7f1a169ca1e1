package dev.planning.engine.internal.seal;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.fixtures.PreparedCopies;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.engine.internal.signing.TestKeys;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the frontend example workspace in a fresh git repository, signers for PM, TechLead and
 * QA (one key of each algorithm), and a stand-in for the rules module's governance gate.
 */
final class SealFixture {

    static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    static final Instant NOW = Instant.parse("2025-09-03T12:00:00Z");
    static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    private static final Path EXAMPLE = Path.of("../planning-examples/workspaces/fe-2025-09-02");

    /** One signer per role, each with another algorithm (QA's RSA key is a fixed test key: generating one costs seconds). */
    static final PemSigner PM = new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519));
    static final KeyPair TECH_LEAD_KEYS = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    static final PemSigner TECH_LEAD = new PemSigner("TechLead", TECH_LEAD_KEYS);
    static final KeyPair QA_KEYS = TestKeys.rsa();
    static final PemSigner QA = new PemSigner("QA", QA_KEYS);
    static final TrustedKeys TRUST = trust(PM, TECH_LEAD, QA);

    private SealFixture() {
    }

    static TrustedKeys trust(PemSigner... signers) {
        return new TrustedKeys(Stream.of(signers).map(s -> new TrustedKey(s.role(), s.keyId(), s.algorithm(),
                s.publicKey())).toList(), "test trust");
    }

    /** The example workspace copied under {@code dir}, not yet committed. */
    static Path copyExample(Path dir) {
        return WorkspaceCopies.copy(EXAMPLE, dir.resolve("ws"));
    }

    /**
     * The example, committed to a new repository: a copy of one repository made once per test JVM
     * ({@link PreparedCopies}), so every test gets the same commit in its own copy.
     */
    static Path committedExample(Path dir) {
        return PreparedCopies.copy("seal-committed", template -> commitAll(copyExample(template), "initial plan"),
                dir).resolve("ws");
    }

    /**
     * {@link #committedExample} advanced to READY_FOR_HANDOFF by {@link #open}: a copy of a workspace
     * taken there once per test JVM.
     */
    static Path readyExample(Path dir) {
        return PreparedCopies.copy("seal-ready", template -> {
            Path workspace = committedExample(template);
            if (!open(workspace).advance(CYCLE, dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF).accepted()) {
                throw new IllegalStateException("the example did not reach READY_FOR_HANDOFF");
            }
        }, dir).resolve("ws");
    }

    static String commitAll(Path workspace, String message) {
        return dev.planning.engine.fixtures.GitFixture.commitAll(workspace, message);
    }

    static PlanningWorkspace open(Path workspace) {
        return open(workspace, governance(GateStatus.PASS));
    }

    static PlanningWorkspace open(Path workspace, Gate governance) {
        return open(workspace, governance, TRUST);
    }

    /** The workspace with a passing governance stand-in, trusting {@code trust}. */
    static PlanningWorkspace open(Path workspace, TrustedKeys trust) {
        return open(workspace, governance(GateStatus.PASS), trust);
    }

    private static PlanningWorkspace open(Path workspace, Gate governance, TrustedKeys trust) {
        return Planning.builder().workspace(workspace).gate(governance).trustedKeys(trust)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).triggeredBy("tester").build();
    }

    /** The {@link #readyExample ready example}, sealed (unsigned) by a workspace trusting {@code trust}. */
    static Path sealedExample(Path dir, TrustedKeys trust) {
        Path workspace = readyExample(dir);
        open(workspace, trust).seal(CYCLE, SealOptions.defaults());
        return workspace;
    }

    /** A governance gate that concludes {@code status} and reports one waiver used, as the rules module's does. */
    static Gate governance(GateStatus status) {
        return Gates.answering(new GateResult("governance", status, List.of(), Map.of("critical_violations", 0,
                "waivers_used", List.of(Map.of("rule", "missing-owner", "item", "FE-12", "reason", "contractor",
                        "approver", "pm@example.org", "expires", "2025-12-31")))));
    }

    static String read(Path workspace, String path) {
        try {
            return Files.readString(workspace.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path workspace, String path, String content) {
        try {
            Files.writeString(workspace.resolve(path), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
