package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.fixtures.PreparedCopies;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The attack suite's fixture: a fresh copy of the frontend example in its own git repository,
 * taken to a sealed and (optionally) signed handoff by the team, with the signing keys kept
 * OUTSIDE the workspace. A test then plays the contributor who can edit and commit any file of the
 * repository but holds no key ({@link #edit}, {@link #commit}), runs a command ({@link #run}) and
 * checks that it refuses, naming the discrepancy, and that nothing was written
 * ({@link #snapshot}, {@link Snapshot#changes}).
 *
 * <pre>{@code
 * AttackWorkspace ws = AttackWorkspace.signed(dir);
 * ws.edit(AttackWorkspace.TASKS, s -> s.replace("criticality: 0", "criticality: 3"));
 * ws.commit("attacker");
 * CliRun verify = ws.verify();
 * }</pre>
 */
public final class AttackWorkspace {

    /** The stream and cycle of the example. */
    public static final String STREAM = "fe";
    public static final String CYCLE = "2025-09-02";
    /** Workspace-relative paths of the example's files. */
    public static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    public static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    public static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
    public static final String DECISION_LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
    public static final String CONTRACTS = "frameworks/planning-fe/contracts/2025-09-02-contracts.yaml";
    public static final String CAPACITY = "frameworks/capacity.yaml";
    /** The team's next cycle, chained to {@link #CYCLE} ({@link #laterCycleExecuted}). */
    public static final String LATER = "2025-09-16";
    /** A capacity model that puts carol over: FE-12 (8 points) is hers, and she has one point ({@link #capacity}). */
    public static final String OVER_CAPACITY = capacity(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path keys;

    private AttackWorkspace(Path root, Path keys) {
        this.root = root;
        this.keys = keys;
    }

    /** The example committed in {@code dir/ws}, keys in {@code dir/keys}; cycle still PLANNED. */
    public static AttackWorkspace planned(Path dir) throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = CycleScript.keys(dir);
        return new AttackWorkspace(ws, keys);
    }

    /** {@link #planned}, with {@link #OVER_CAPACITY} at {@link #CAPACITY} committed: the gates fail for carol. */
    public static AttackWorkspace plannedOverCapacity(Path dir) throws Exception {
        AttackWorkspace ws = planned(dir);
        ws.write(CAPACITY, OVER_CAPACITY);
        ws.commit("capacity");
        return ws;
    }

    /** The text of a capacity model giving alice and bob 40 points each and carol {@code carolPoints}. */
    public static String capacity(int carolPoints) {
        return """
                version: "1.0.0"
                owners:
                  alice: 40
                  bob: 40
                  carol: %d
                """.formatted(carolPoints);
    }

    /**
     * {@link #planned}, advanced to READY_FOR_HANDOFF and sealed: a copy of a workspace and keys
     * taken there once per test JVM ({@link PreparedCopies}).
     */
    public static AttackWorkspace sealed(Path dir) throws Exception {
        PreparedCopies.copy("attack-sealed", template -> prepared(template).sealNow(), dir);
        return new AttackWorkspace(dir.resolve("ws"), dir.resolve("keys"));
    }

    private static AttackWorkspace prepared(Path template) {
        try {
            return planned(template);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The team's handoff of the workspace as it is: commit, advance to READY_FOR_HANDOFF, seal, commit. */
    public void sealNow(String... sealOptions) {
        commit("plan");
        ok(cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ok(cycleArgs("seal", sealOptions));
        commit("sealed");
    }

    /** The team signs as PM, TechLead and QA, with {@code signOptions} ({@code --allow-dirty}), and commits. */
    public void signAll(String... signOptions) {
        for (String role : CycleScript.ROLES) {
            CliRun sign = sign(role, signOptions);
            assertThat(sign.exitCode()).as(sign.out() + sign.err()).isZero();
        }
        commit("signed");
    }

    /** {@code sign} of the manifest as {@code role}, with its key and the trust file outside the workspace. */
    public CliRun sign(String role, String... signOptions) {
        List<String> args = new ArrayList<>(List.of("sign", path(MANIFEST).toString(), "--role", role, "--key",
                keys.resolve(role + ".key.pem").toString(), "--trust", trust()));
        args.addAll(List.of(signOptions));
        return run(args.toArray(String[]::new));
    }

    /**
     * {@link #sealed}, signed by PM, TechLead and QA (the example's signing policy), committed: a
     * copy of a workspace and keys taken there once per test JVM ({@link PreparedCopies}).
     */
    public static AttackWorkspace signed(Path dir) throws Exception {
        PreparedCopies.copy("attack-signed", template -> {
            AttackWorkspace ws = prepared(template);
            ws.sealNow();
            ws.signAll();
        }, dir);
        return new AttackWorkspace(dir.resolve("ws"), dir.resolve("keys"));
    }

    /** The workspace root. */
    public Path root() {
        return root;
    }

    /** The directory with the private keys and trust.yaml, outside the workspace. */
    public Path keys() {
        return keys;
    }

    /** The trust file, outside the workspace. */
    public String trust() {
        return keys.resolve("trust.yaml").toString();
    }

    /** A file of the workspace. */
    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** The UTF-8 text of a workspace file. */
    public String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a workspace file (the contributor's edit). */
    public void write(String relative, String content) {
        try {
            Files.createDirectories(path(relative).getParent());
            Files.writeString(path(relative), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a contributor without keys does to make a manifest it rewrote the sealed one: writes {@code manifest}, makes
     * the seal event name its SHA-256, and recomputes the log's chain (each line's {@code prev_sha256}) over the edit.
     */
    public void writeSealedManifest(String manifest) {
        write(MANIFEST, manifest);
        String manifestSha = Sha256.hex(manifest.getBytes(StandardCharsets.UTF_8));
        List<String> log;
        try {
            log = new ArrayList<>(Files.readAllLines(path(LOG), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("\"MANIFEST_SEALED\"")) {
                log.set(i, log.get(i).replaceAll("\"manifest_sha256\":\"[0-9a-f]+\"",
                        "\"manifest_sha256\":\"" + manifestSha + "\""));
            }
            if (i > 0) {
                String previous = Sha256.hex(log.get(i - 1).getBytes(StandardCharsets.UTF_8));
                log.set(i, log.get(i).replaceAll("\"prev_sha256\":\"[0-9a-f]{64}\"",
                        "\"prev_sha256\":\"" + previous + "\""));
            }
        }
        write(LOG, String.join("\n", log) + "\n");
    }

    /** The handoff manifest of the cycle as it is now. */
    public HandoffManifest manifest() {
        return new ManifestReader(root).read(path(MANIFEST), MANIFEST).manifest();
    }

    /**
     * What a contributor without keys does to pass off an edited manifest as the sealed one: the manifest at
     * {@link #MANIFEST}, unsigned, with its artifacts and governance summary edited, written canonically; the
     * events that named the sealed manifest's SHA-256 made to name the rewritten one, and the log's chain rebuilt
     * ({@link #rewriteLog}). Commits with {@code message}.
     */
    public void rewriteSealedManifest(UnaryOperator<List<ArtifactChecksum>> artifacts,
            UnaryOperator<GovernanceSummary> governance, String message) {
        HandoffManifest sealed = manifest();
        HandoffManifest rewritten = new HandoffManifest(sealed.version(), sealed.manifestId(), sealed.cycleId(),
                sealed.stream(), sealed.sealed(), sealed.createdAt(), sealed.createdBy(), sealed.sealedAt(),
                sealed.snapshotRev(), sealed.dirty(), sealed.rulebookHash(), sealed.eventLogHead(),
                artifacts.apply(sealed.artifacts()), sealed.gateResults(), governance.apply(sealed.governance()),
                sealed.priorManifestId(), sealed.notes(), List.of());
        String before = Sha256.hex(ManifestWriter.render(sealed));
        String after = Sha256.hex(ManifestWriter.render(rewritten));
        try {
            Files.write(path(MANIFEST), ManifestWriter.render(rewritten));
            rewriteLog(path(LOG), lines -> {
                lines.stream().map(line -> line.findParent("manifest_sha256"))
                        .filter(details -> details != null && details.path("manifest_sha256").asText().equals(before))
                        .forEach(details -> details.put("manifest_sha256", after));
                return lines;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commit(message);
    }

    /** Rewrites a workspace file; fails the test when the edit changes nothing. */
    public void edit(String relative, UnaryOperator<String> change) {
        String before = read(relative);
        String after = change.apply(before);
        assertThat(after).as("the attack's edit of " + relative + " changes it").isNotEqualTo(before);
        write(relative, after);
    }

    /**
     * Appends task FE-99 to the plan at {@link #TASKS}, a contributor's hostile text in each of its free-text
     * fields: every argument is written between double quotes as it is, so the YAML escapes in it stand for what
     * they name.
     */
    public void addTask(String parent, String title, String owner, String criticality, String storyMapNode) {
        edit(TASKS, plan -> plan + """

                  - id: FE-99
                    kind: task
                    parent: "%s"
                    title: "%s"
                    owner: "%s"
                    tags: {criticality: "%s", compliance: none}
                    priority: P2
                    linked_story_map_nodes: ["%s"]
                """.formatted(parent, title, owner, criticality, storyMapNode));
    }

    /**
     * Renames the gate {@code parity_coverage} of the sealed manifest at {@link #MANIFEST} to {@code quotedName}, a
     * YAML double-quoted key as it is written (its escapes stand for what they name).
     */
    public void renameManifestGate(String quotedName) {
        edit(MANIFEST, m -> m.replaceFirst("\n  parity_coverage:\n",
                Matcher.quoteReplacement("\n  \"" + quotedName + "\":\n")));
    }

    /** Deletes a workspace file. */
    public void delete(String relative) {
        try {
            Files.delete(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything (added, changed, removed), as the contributor; returns the commit id. */
    public String commit(String message) {
        try (Git git = Git.open(root.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().setUpdate(true).addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Contributor", "contributor@example.org");
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
                    .setAllowEmpty(true).call().getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the CLI in-process. */
    public CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Runs the CLI and asserts exit code 0. */
    public CliRun ok(String... args) {
        return CycleScript.ok(args);
    }

    /** {@code <command> -w <ws> --stream fe --cycle 2025-09-02 <more>}. */
    public String[] cycleArgs(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", root.toString(), "--stream", STREAM, "--cycle",
                CYCLE));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** {@code <command> -w <ws> --stream fe --cycle 2025-09-16 <more>}: the {@link #LATER} cycle. */
    public String[] laterArgs(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "-w", root.toString(), "--stream", STREAM, "--cycle",
                LATER));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * The team's next cycle, {@link #LATER}: this cycle's plan and story map for that date, committed,
     * moved to {@code READY_FOR_HANDOFF}, sealed with {@code --prior prior}, signed by PM, TechLead and
     * QA, committed, and moved to {@code EXECUTED} (not committed: the caller imports or commits).
     */
    public void laterCycleExecuted(String prior) {
        write("frameworks/planning-fe/tasks/" + LATER + "-fe_task_breakdown.yaml", read(TASKS).replace(CYCLE, LATER));
        write("frameworks/planning-fe/storymaps/" + LATER + "-story_map.md",
                read("frameworks/planning-fe/storymaps/" + CYCLE + "-story_map.md").replace(CYCLE, LATER));
        commit("next cycle");
        ok(laterArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ok(laterArgs("seal", "--prior", prior));
        commit("sealed");
        String manifest = path("frameworks/planning-fe/manifests/" + LATER + "-handoff_manifest.yaml").toString();
        for (String role : CycleScript.ROLES) {
            ok("sign", manifest, "--role", role, "--key", keys.resolve(role + ".key.pem").toString(), "--trust", trust());
        }
        commit("signed");
        ok(laterArgs("advance", "--to", "EXECUTED", "--trust", trust()));
    }

    /** {@code verify} of the cycle against the trust file outside the workspace. */
    public CliRun verify(String... more) {
        List<String> args = new ArrayList<>(List.of(cycleArgs("verify", "--trust", trust())));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code advance --to <state>} with the trust file outside the workspace. */
    public CliRun advance(String state) {
        return run(cycleArgs("advance", "--to", state, "--trust", trust()));
    }

    /**
     * The team's every move on a handoff a contributor rewrote, each of which must refuse it: {@code sign} as PM,
     * TechLead and QA (the result committed), {@code verify}, {@code verify --checksums-only} and {@code advance
     * --to EXECUTED}. Asserts what every such refusal shares: each sign refused and nothing signed, both
     * verifications failed (exit 1), the cycle not moved past PACKAGED. Returns the runs, for what the attack
     * says each of them names.
     */
    public Refused refusedEverywhere() {
        String rewritten = read(MANIFEST);
        List<CliRun> signs = new ArrayList<>();
        for (String role : CycleScript.ROLES) {
            signs.add(sign(role));
        }
        commit("signed");
        Refused refused = new Refused(signs, verify(), verify("--checksums-only"), advance("EXECUTED"));

        for (CliRun sign : refused.signs()) {
            assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
        }
        assertThat(read(MANIFEST)).as("nothing signed").isEqualTo(rewritten);
        for (CliRun verify : List.of(refused.verify(), refused.checksumsOnly())) {
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
            assertThat(verify.out()).contains("verification FAILED");
        }
        assertThat(refused.advance().exitCode()).as(refused.advance().out() + refused.advance().err()).isNotZero();
        assertThat(read(LOG)).doesNotContain("\"STATE_TRANSITION\",\"payload\":{\"from_state\":\"PACKAGED\"");
        return refused;
    }

    /** The runs of {@link #refusedEverywhere}: each role's {@code sign}, both {@code verify}s, {@code advance}. */
    public record Refused(List<CliRun> signs, CliRun verify, CliRun checksumsOnly, CliRun advance) {
    }

    /**
     * A copy of {@code last} (an event line of the log) made into a state transition a contributor
     * forged: its own {@code id}, {@code from} to {@code to}, one gate recorded as passed, no details.
     */
    static ObjectNode forgedTransition(ObjectNode last, String id, String from, String to, String passedGate) {
        ObjectNode forged = last.deepCopy();
        ObjectNode event = (ObjectNode) forged.get("event");
        event.put("id", id);
        event.put("type", "STATE_TRANSITION");
        ObjectNode payload = (ObjectNode) event.get("payload");
        payload.put("from_state", from);
        payload.put("to_state", to);
        ObjectNode metadata = (ObjectNode) payload.get("metadata");
        metadata.putObject("gate_results").put(passedGate, "PASS");
        metadata.putObject("details");
        return forged;
    }

    /**
     * Rewrites an event log as a contributor without keys can: {@code edit} gets the parsed lines and
     * returns the lines wanted, then every {@code prev_sha256} is recomputed so that the chain holds again.
     */
    public static void rewriteLog(Path log, UnaryOperator<List<ObjectNode>> edit) throws IOException {
        List<ObjectNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            lines.add((ObjectNode) JSON.readTree(line));
        }
        StringBuilder text = new StringBuilder();
        String previous = "0".repeat(64);
        for (ObjectNode line : edit.apply(lines)) {
            line.put("prev_sha256", previous);
            String written = JSON.writeValueAsString(line);
            previous = Sha256.hex(written.getBytes(StandardCharsets.UTF_8));
            text.append(written).append('\n');
        }
        Files.writeString(log, text.toString(), StandardCharsets.UTF_8);
    }

    /** Every file of the workspace (outside {@code .git}) with its SHA-256, to show a refusal wrote nothing. */
    public Snapshot snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (name.equals(".git") || name.startsWith(".git/")) {
                    continue;
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !name.endsWith(".lock")) {
                    files.put(name, sha256(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Snapshot(Map.copyOf(files));
    }

    /** The files of a workspace at one moment. */
    public record Snapshot(Map<String, String> files) {

        /** The paths added, removed or changed since this snapshot, in the workspace now. */
        public SortedSet<String> changes(Snapshot after) {
            SortedSet<String> changed = new TreeSet<>();
            files.forEach((name, hash) -> {
                if (!hash.equals(after.files.get(name))) {
                    changed.add(name);
                }
            });
            after.files.keySet().stream().filter(name -> !files.containsKey(name)).forEach(changed::add);
            return changed;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(in.readAllBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
