package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A fresh, committed copy of the frontend example in a git repository, sealed ({@code PACKAGED}),
 * with the keys of PM (Ed25519), TechLead (ECDSA P-256) and QA (Ed25519) and their trust file
 * <em>outside</em> the workspace, as a team keeps them; and the tools of a contributor without a
 * signing key: editing and committing any file of the workspace, and rebuilding the event log's
 * hash chain.
 */
final class SignatureAttackFixture {

    static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    static final String[] ROLES = {"PM", "TechLead", "QA"};

    final Path dir;
    final Path ws;
    final Path keys;
    final Path trust;

    private SignatureAttackFixture(Path dir, Path ws, Path keys) {
        this.dir = dir;
        this.ws = ws;
        this.keys = keys;
        this.trust = keys.resolve("trust.yaml");
    }

    /** The example, committed, advanced to {@code PACKAGED} (sealed), unsigned. */
    static SignatureAttackFixture sealed(Path dir) throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = dir.resolve("keys");
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", keys.toString());
        CycleScript.ok("keys", "generate", "--role", "TechLead", "--algorithm", "ecdsa-p256", "--out", keys.toString());
        CycleScript.ok("keys", "generate", "--role", "QA", "--out", keys.toString());
        SignatureAttackFixture fixture = new SignatureAttackFixture(dir, ws, keys);
        CycleScript.ok(fixture.args("advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(fixture.args("advance", "--to", "PACKAGED"));
        fixture.commit("sealed");
        return fixture;
    }

    /** Sealed and signed by PM, TechLead and QA with the team's keys. */
    static SignatureAttackFixture signed(Path dir) throws Exception {
        SignatureAttackFixture fixture = sealed(dir);
        for (String role : ROLES) {
            CycleScript.ok(fixture.signArgs(role, fixture.keys.resolve(role + ".key.pem")));
        }
        fixture.commit("signed");
        return fixture;
    }

    /** Runs a command on the cycle ({@code -w WS --stream fe --cycle 2025-09-02} added). */
    CliRun cycle(String command, String... more) {
        return CliRun.of(args(command, more));
    }

    /** {@code verify} with the team's trust file (outside the workspace). */
    CliRun verify() {
        return cycle("verify", "--trust", trust.toString());
    }

    /** {@code sign} with the team's trust file, unless {@code more} names another. */
    CliRun sign(String role, Path key, String... more) {
        return CliRun.of(signArgs(role, key, more));
    }

    /** A key pair of the attacker's own (outside the workspace), with a trust file of its own. */
    Path attackerKey(String role, String algorithm) {
        Path attacker = dir.resolve("attacker");
        CycleScript.ok("keys", "generate", "--role", role, "--algorithm", algorithm, "--out", attacker.toString());
        return attacker.resolve(role + ".key.pem");
    }

    String read(String path) {
        try {
            return Files.readString(ws.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String path, String content) {
        try {
            Files.writeString(ws.resolve(path), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything, as the attacker may. */
    void commit(String message) throws Exception {
        try (Git git = Git.open(ws.toFile())) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Contributor", "contributor@example.org");
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    /**
     * Every file of the workspace with its SHA-256, but git's own files and lock sidecars (which a
     * command may create empty and leave): two equal snapshots show a command wrote nothing.
     */
    Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ws)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !ws.relativize(p).startsWith(".git") && !p.toString().endsWith(".lock"))
                    .forEach(p -> files.put(ws.relativize(p).toString(), Sha256.file(p).sha256()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Rewrites the event log as a contributor without keys can: {@code edit} gets the parsed lines
     * and returns the lines wanted, then every {@code prev_sha256} is recomputed so that the chain
     * holds again.
     */
    void rewriteLog(UnaryOperator<List<ObjectNode>> edit) throws IOException {
        AttackWorkspace.rewriteLog(ws.resolve(LOG), edit);
    }

    /** The arguments of a command on the cycle. */
    String[] cycleArgs(String command, String... more) {
        return CycleScript.cycle(ws, command, more);
    }

    /** The arguments of {@code sign} for a role with the team's key of that role. */
    String[] signArgsFor(String role) {
        return signArgs(role, keys.resolve(role + ".key.pem"));
    }

    /** The arguments of {@code sign} for a role with a given key. */
    String[] signArgsFor(String role, Path key, String... more) {
        return signArgs(role, key, more);
    }

    private String[] args(String command, String... more) {
        return CycleScript.cycle(ws, command, more);
    }

    private String[] signArgs(String role, Path key, String... more) {
        List<String> args = new ArrayList<>(List.of("sign", ws.resolve(MANIFEST).toString(), "--role", role, "--key",
                key.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--trust")) {
            args.addAll(List.of("--trust", trust.toString()));
        }
        return args.toArray(String[]::new);
    }

    static void assertFailsNaming(CliRun run, int exitCode, String... names) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        assertThat(run.out() + run.err()).contains(names);
        assertThat(run.printedStackTrace()).isFalse();
    }
}
