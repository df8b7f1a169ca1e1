package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** The example workspaces of this module, and fresh copies of them to advance in. */
final class Examples {

    private Examples() {
    }

    /** An example workspace in the source tree: read it, never advance it. */
    static Path workspace(String name) {
        Path dir = Path.of("workspaces", name).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("example workspace not found: " + dir);
        }
        return dir;
    }

    /** PM, TechLead and QA signers, the roles the default rulebook's signing policy requires. */
    static final List<PemSigner> SIGNERS = List.of(
            new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519)),
            new PemSigner("TechLead", Crypto.generate(SignatureAlgorithm.ED25519)),
            new PemSigner("QA", Crypto.generate(SignatureAlgorithm.ED25519)));

    /** The public keys of {@link #SIGNERS}, trusted by role. */
    static final TrustedKeys TRUST = new TrustedKeys(SIGNERS.stream()
            .map(s -> new TrustedKey(s.role(), s.keyId(), s.algorithm(), s.publicKey())).toList(), "example test keys");

    /** Signs a sealed cycle's manifest as every role of {@link #SIGNERS}. */
    static void signAll(PlanningWorkspace workspace, CycleRef cycle) {
        SIGNERS.forEach(signer -> workspace.sign(cycle, signer));
    }

    /**
     * The {@code fe-2025-09-02} example, copied to {@code target} and committed, trusting {@link #TRUST}, its cycle
     * {@code fe/2025-09-02} handed off: advanced to {@code READY_FOR_HANDOFF}, sealed, and signed by every role of
     * {@link #SIGNERS}; each step asserted to have held.
     */
    static PlanningWorkspace signedHandoff(Path target) {
        PlanningWorkspace workspace = Planning.builder().workspace(committed(copy("fe-2025-09-02", target)))
                .trustedKeys(TRUST).build();
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        assertThat(workspace.advance(cycle, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(workspace.seal(cycle, SealOptions.defaults()).sealed()).isTrue();
        signAll(workspace, cycle);
        return workspace;
    }

    /**
     * The demo's deployments file ({@code demo/outcomes/2025-09-02}), written to {@code target} with its dates moved
     * from 2025 to next year: a workspace at the real clock creates the cycle now, and a deployment dated before the
     * cycle's creation is refused (docs/metrics.md, "Recording delivery"). Its dates all lie in September, so every
     * duration stays as it was.
     */
    static Path demoDeploymentsAfterNow(Path target) {
        try {
            String year = Integer.toString(Year.now(ZoneOffset.UTC).getValue() + 1);
            Files.createDirectories(target.getParent());
            Files.writeString(target, Files.readString(Path.of("demo/outcomes/2025-09-02/deployments.yaml"),
                    StandardCharsets.UTF_8).replace("2025-", year + "-"),
                    StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything in {@code workspace} to git (creating the repository), so it can be sealed. */
    static Path committed(Path workspace) {
        try (Git git = Files.isDirectory(workspace.resolve(".git")) ? Git.open(workspace.toFile())
                : Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("plan").setAuthor(who).setCommitter(who).setSign(false).call();
            return workspace;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of an example workspace under {@code target}, for tests that record events. */
    static Path copy(String name, Path target) {
        return WorkspaceCopies.copy(workspace(name), target);
    }
}
