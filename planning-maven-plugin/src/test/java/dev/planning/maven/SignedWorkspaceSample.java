package dev.planning.maven;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.Planning;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Prepares the workspace of the {@code planning:verify} invoker samples ({@code src/it/verify-*}),
 * from their {@code prebuild.groovy}: the frontend example sealed and signed by every role its
 * signing policy asks for, with the trust file of those keys outside the workspace; optionally with
 * a sealed artifact changed afterwards.
 */
public final class SignedWorkspaceSample {

    static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    private SignedWorkspaceSample() {
    }

    /**
     * Writes {@code <basedir>/workspace} (sealed, signed by PM, TechLead and QA) and
     * {@code <basedir>/keys} (their keys and {@code trust.yaml}).
     *
     * @param examples the example workspaces ({@code planning-examples/workspaces})
     * @param basedir  the sample project's directory
     * @param tamper   whether to change a sealed artifact (the task breakdown) after signing
     */
    public static void create(Path examples, Path basedir, boolean tamper) throws IOException {
        Path workspace = WorkspaceCopies.copy(examples.resolve("fe-2025-09-02"), basedir.resolve("workspace"));
        Path keyDir = Files.createDirectories(basedir.resolve("keys"));
        Keys keys = Planning.keys();
        List<String> roles = List.of("PM", "TechLead", "QA");
        for (String role : roles) {
            keys.generate(role, SignatureAlgorithm.ED25519, keyDir);
        }
        // The hook script's class loader holds the engine and the rules: Drools resolves facts through it.
        PlanningWorkspace ws = Planning.builder().workspace(workspace).trustFile(keyDir.resolve(Keys.TRUST_FILE))
                .classLoader(SignedWorkspaceSample.class.getClassLoader()).build();
        if (!ws.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()) {
            throw new IllegalStateException("the frontend example no longer passes its handoff gates");
        }
        // Not a git repository: sealed as dirty, which verify reports as a note, not a discrepancy, and
        // signed saying so (sign refuses a dirty seal otherwise).
        ws.seal(FE, SealOptions.defaults().withAllowDirty(true));
        SignOptions dirtyToo = SignOptions.defaults().withAllowDirty(true);
        for (String role : roles) {
            ws.sign(FE, keys.pemSigner(role, keyDir.resolve(role + ".key.pem")), dirtyToo);
        }
        if (tamper) {
            Files.writeString(workspace.resolve(PLAN), "# changed after sealing\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
    }
}
