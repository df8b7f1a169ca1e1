package dev.planning.cli;

import dev.planning.examples.OwnRepositories;
import dev.planning.rules.CompiledRulebooks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * The training runs {@code bin/planning} records its start-up caches from (a JVM's class-data or
 * ahead-of-time cache holds the classes one process loaded): the commands of one family, in one
 * process, on a copy of an example workspace in a temporary directory (the example itself is never
 * written). Java 25's ahead-of-time cache loads every class it holds when the JVM starts, so one
 * cache trained on every command would make each command pay for the classes of all the others:
 * the launcher keeps one cache per family and picks it from the command it runs.
 * <ul>
 *   <li>{@code light}: {@code --version}, {@code rules hash};</li>
 *   <li>{@code read}: {@code keys generate}, {@code verify --checksums-only}, on a workspace
 *       {@code prepare} advanced, sealed and signed (in another process, so that the rule engine's
 *       classes, which those steps load, stay out of this family's cache), the rulebook's validated
 *       settings read from the cache that process kept them in, as the command line reads them;</li>
 *   <li>{@code status}: {@code status} alone, on such a workspace (it loads about 800 classes
 *       fewer than the {@code read} family holds, measured in docs/benchmarks/cold-start.md);</li>
 *   <li>{@code lint}: {@code lint} twice on a compiled-rulebook cache hit ({@code prepare-rules}): the
 *       first lints and keeps its result, the second prints the kept result ({@link LintResultCache}),
 *       so that a lint of an unchanged workspace maps a cache without the gates', sealing's and
 *       signing's classes;</li>
 *   <li>{@code lintkept}: {@code lint} printing a kept result alone, the result kept by another
 *       process ({@code prepare-lint}): the cache the launcher maps when the same {@code lint} kept or
 *       printed a result last time and nothing in its workspace changed since ({@link LintHint}),
 *       without the YAML, schema and linting classes the {@code lint} family holds (docs/benchmarks/cold-start.md,
 *       eleventh pass); a run that finds no kept result to print fails, so no cache is recorded;</li>
 *   <li>{@code gate}: a {@code gate} dry run and an {@code advance}, both to {@code READY_FOR_HANDOFF}, on a
 *       compiled-rulebook cache hit ({@code prepare-rules}): the two commands run most often, without
 *       the classes of lint's result cache, sealing, signing, JGit and BouncyCastle that the
 *       {@code rules} family holds (about 1,050 classes gate loaded for nothing, measured in
 *       docs/benchmarks/cold-start.md, tenth pass);</li>
 *   <li>{@code rules}: {@code lint}, a {@code gate} dry run, {@code advance}, {@code seal},
 *       {@code sign} and a full {@code verify} (which recomputes the sealed gate verdicts), on a
 *       compiled-rulebook cache {@code prepare-repository} filled in another process: the family trains
 *       on a cache hit, as a user's commands run after the first, so its cache holds the classes
 *       that path loads and not the DRL and Java compilers' (a command on a cache miss then loads
 *       those from the jar: slower, measured in docs/benchmarks/cold-start.md); and in the git repository that
 *       process committed the workspace to, as a user's workspace lies in one, so that its cache holds
 *       the classes of the repository's status ({@code seal}) and of the commit's look-up
 *       ({@code verify});</li>
 *   <li>{@code all}: every step of the three (the single archive of Java 17 to 24, which the JVM
 *       maps lazily).</li>
 * </ul>
 * Their output is discarded; the exit code is 0 only when every step reached the verdict it
 * should, so a recording that trained on failures is thrown away by the launcher.
 *
 * <p>Not a user command: {@code java -cp planning.jar dev.planning.cli.StartupTraining EXAMPLE
 * [FAMILY]}, {@code ... StartupTraining --prepare EXAMPLE DIR} for the workspace of {@code read}
 * and {@code status}, {@code ... StartupTraining --prepare-rules EXAMPLE DIR} for the rulebook
 * cache of {@code lint} and {@code gate}, {@code ... StartupTraining --prepare-repository EXAMPLE DIR}
 * for that cache and the committed workspace of {@code rules}, and
 * {@code ... StartupTraining --prepare-lint EXAMPLE DIR} for the kept
 * lint result of {@code lintkept} ({@code DIR} is created; the family is then given
 * {@code --prepared DIR} before the example).
 */
final class StartupTraining {

    /** The families of commands, each trained, recorded and mapped on its own (see the class comment). */
    static final List<String> FAMILIES = List.of("light", "read", "status", "lint", "lintkept", "gate", "rules", "all");

    private static final String STREAM = "fe";
    private static final String CYCLE = "2025-09-02";

    private StartupTraining() {
    }

    /**
     * Runs the training of a family over a copy of the example workspace, or prepares the sealed
     * workspace of the {@code read} and {@code status} families.
     *
     * @param args {@code EXAMPLE [FAMILY]}, {@code --prepared DIR EXAMPLE read|status|rules},
     *     {@code --prepare EXAMPLE DIR}, {@code --prepare-rules EXAMPLE DIR},
     *     {@code --prepare-repository EXAMPLE DIR} or {@code --prepare-lint EXAMPLE DIR}
     */
    public static void main(String[] args) throws IOException {
        List<String> list = List.of(args);
        if (list.size() == 3 && (list.get(0).equals("--prepare") || list.get(0).equals("--prepare-rules")
                || list.get(0).equals("--prepare-lint") || list.get(0).equals("--prepare-repository"))) {
            Path dir = Path.of(list.get(2));
            Files.createDirectories(dir);
            Path example = Path.of(list.get(1));
            int failed = switch (list.get(0)) {
                case "--prepare" -> prepare(example, dir);
                case "--prepare-rules" -> prepareRules(example, dir);
                case "--prepare-repository" -> prepareRepository(example, dir);
                default -> prepareLint(example, dir);
            };
            System.exit(failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED);
        }
        Path prepared = null;
        if (list.size() >= 2 && list.get(0).equals("--prepared")) {
            prepared = Path.of(list.get(1));
            list = list.subList(2, list.size());
        }
        if (list.isEmpty() || list.size() > 2 || list.size() == 2 && !FAMILIES.contains(list.get(1))) {
            System.err.println("usage: StartupTraining [--prepared DIR] EXAMPLE_WORKSPACE [" + String.join("|", FAMILIES)
                    + "] | StartupTraining --prepare|--prepare-rules|--prepare-repository|--prepare-lint EXAMPLE_WORKSPACE DIR");
            System.exit(ExitCodes.BAD_INPUT);
        }
        String family = list.size() == 2 ? list.get(1) : "all";
        Path scratch = Files.createTempDirectory("planning-training");
        int failed;
        try {
            failed = run(Path.of(list.get(0)), scratch, family, prepared);
        } finally {
            delete(scratch);
        }
        System.exit(failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED);
    }

    /** Runs every step of all families; returns how many did not end with the expected exit code. */
    static int run(Path example, Path scratch) throws IOException {
        return run(example, scratch, "all", null);
    }

    /**
     * Runs every step of a family; returns how many did not end with the expected exit code. The
     * {@code read} and {@code status} families work on {@code prepared} (a workspace {@link #prepare}
     * advanced and sealed) when given, else prepare their own in this process; the {@code rules}
     * family uses the rulebook cache in {@code prepared} ({@link #prepareRules}) when given, so that
     * every step finds its rulebook compiled, else fills its own with its first step, and works on
     * the repository {@link #prepareRepository} committed there, if it did, else on a copy.
     */
    static int run(Path example, Path scratch, String family, Path prepared) throws IOException {
        Path ws = family.equals("rules") && prepared != null && Files.isDirectory(prepared.resolve("ws/.git"))
                ? prepared.resolve("ws") // a repository prepareRepository committed: the rules family works on it
                : scratch.resolve("ws");
        if (family.equals("lint")) {
            // lint alone, as a user runs it: on a compiled-rulebook cache hit (prepared), first linting
            // (its result not yet kept), then printing the kept result of the unchanged workspace.
            Path cache = (prepared != null ? prepared : scratch).resolve("rulebook-cache");
            Map<String, String> environment = cacheIn(cache);
            LintResultCache.acrossRuns(CompiledRulebooks.directory(environment), environment,
                    () -> CompiledRulebooks.cacheAcrossRuns(environment));
            copy(example, ws);
            String[] lint = {"lint", "-w", ws.toString()};
            try {
                return execute(List.of(lint, lint));
            } finally {
                LintResultCache.noCacheAcrossRuns();
            }
        }
        if (family.equals("lintkept")) {
            // A kept result printed, and nothing else: the result kept by prepareLint in another process
            // (for the same workspace path and working directory). No kept result: a failed step.
            if (prepared == null) {
                return 1;
            }
            Path cache = prepared.resolve("rulebook-cache");
            Map<String, String> environment = cacheIn(cache);
            LintResultCache.acrossRuns(CompiledRulebooks.directory(environment), environment, () -> { });
            int served = LintResultCache.served();
            try {
                int failed = execute(List.<String[]>of(new String[] {"lint", "-w", prepared.resolve("ws").toString()}));
                return failed + (LintResultCache.served() > served ? 0 : 1);
            } finally {
                LintResultCache.noCacheAcrossRuns();
            }
        }
        if (family.equals("gate")) {
            // gate and advance alone, as a user runs them: on a compiled-rulebook cache hit (prepared).
            Path cache = (prepared != null ? prepared : scratch).resolve("rulebook-cache");
            CompiledRulebooks.cacheAcrossRuns(cacheIn(cache));
            copy(example, ws);
            List<String[]> steps = new ArrayList<>(rulesSteps(ws).subList(1, 3));
            return execute(steps);
        }
        if (family.equals("rules") || family.equals("all")) {
            // The compiled-rulebook cache, as the command line uses it (private to this run: the
            // user's own cache is left alone): stored by the first compilation (or prepared), read
            // by the later ones. Not for the other families, whose commands compile nothing and
            // never turn it on.
            Path cache = family.equals("rules") && prepared != null ? prepared : scratch;
            CompiledRulebooks.cacheAcrossRuns(cacheIn(cache.resolve("rulebook-cache")));
        }
        List<String[]> steps = new ArrayList<>();
        int failed = 0;
        if (family.equals("light") || family.equals("all")) {
            steps.add(new String[] {"--version"});
            steps.add(new String[] {"rules", "hash", example.resolve("rulebook").toString()});
        }
        if (family.equals("rules") || family.equals("all")) {
            if (!Files.exists(ws)) {
                copy(example, ws);
            }
            steps.addAll(rulesSteps(ws));
        }
        Path keys = scratch.resolve("keys");
        if (family.equals("read") || family.equals("status") || family.equals("all")) {
            if (family.equals("all")) {
                steps.addAll(signSteps(ws, keys));
                steps.addAll(readSteps(ws, keys, scratch.resolve("more-keys")));
                steps.add(statusStep(ws, keys));
            } else {
                Path work = prepared;
                if (work == null) {
                    work = scratch.resolve("prepared");
                    failed += prepare(example, work);
                }
                if (family.equals("read")) {
                    // verify --checksums-only as the command line runs it: the rulebook's validated settings
                    // kept by the preparing process (which advanced and sealed with them), read from there.
                    CompiledRulebooks.keepValidatedSettings(cacheIn(work.resolve("rulebook-cache")));
                    steps.addAll(readSteps(work.resolve("ws"), work.resolve("keys"), keys));
                } else {
                    steps.add(statusStep(work.resolve("ws"), work.resolve("keys")));
                }
            }
        }
        if (family.equals("rules") || family.equals("all")) {
            if (family.equals("rules")) {
                steps.addAll(signSteps(ws, keys));
            }
            steps.add(new String[] {"verify", "-w", ws.toString(), "--stream", STREAM, "--cycle", CYCLE, "--trust",
                keys.resolve("trust.yaml").toString()});
        }
        try {
            failed += execute(steps, !family.equals("status"));
        } finally {
            if (family.equals("read")) {
                CompiledRulebooks.noCacheAcrossRuns(); // the process goes on in tests: keep nothing more
            }
        }
        return failed;
    }

    /**
     * Copies the example into {@code dir/ws}, makes it a git repository with the copy committed and
     * packed, advances its cycle to {@code READY_FOR_HANDOFF}, seals it and signs its manifest by the
     * three roles with keys in {@code dir/keys}; returns how many steps failed. In a repository, as a
     * user's workspace is: the seal records the commit, and {@code verify} (even
     * {@code --checksums-only}) looks it up with JGit, whose classes are then in the {@code read}
     * family's cache (outside one, about 390 classes were loaded from the jar at every such command:
     * docs/benchmarks/cold-start.md, "The start-up caches trained in a git repository").
     */
    static int prepare(Path example, Path dir) throws IOException {
        Path ws = dir.resolve("ws");
        copy(example, ws);
        committed(ws);
        CompiledRulebooks.cacheAcrossRuns(cacheIn(dir.resolve("rulebook-cache")));
        String w = ws.toString();
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"advance", "-w", w, "--stream", STREAM, "--cycle", CYCLE, "--to", "READY_FOR_HANDOFF"});
        steps.add(new String[] {"seal", "-w", w, "--stream", STREAM, "--cycle", CYCLE, "--allow-dirty"});
        steps.addAll(signSteps(ws, dir.resolve("keys")));
        return execute(steps);
    }

    /**
     * Fills the compiled-rulebook cache {@code dir/rulebook-cache} for the example's rulebook: the
     * entry and the policy verdict, compiled by {@code lint} over a copy in {@code dir/ws} (the
     * cache's key is over the rule files' bytes, not their directory); returns how many steps failed.
     */
    static int prepareRules(Path example, Path dir) throws IOException {
        Path ws = dir.resolve("ws");
        copy(example, ws);
        CompiledRulebooks.cacheAcrossRuns(cacheIn(dir.resolve("rulebook-cache")));
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"lint", "-w", ws.toString()});
        return execute(steps);
    }

    /**
     * As {@link #prepareRules}, the copy in {@code dir/ws} first made a git repository as
     * {@link #prepare} makes one ({@link #committed}): the {@code rules} family then works on that
     * copy, in a repository as a user's workspace is, so its {@code seal} records the commit after
     * reading the repository's status, and its full {@code verify} looks the commit up; the classes of
     * that path are then in its cache (outside one, a full {@code verify} in a repository loaded 167 of
     * JGit's classes from the jar: docs/benchmarks/cold-start.md, "The start-up caches trained in a git
     * repository"). Made in this process, so that JGit's porcelain (init, add, commit, gc) stays out of
     * the family's cache. Returns how many steps failed.
     */
    static int prepareRepository(Path example, Path dir) throws IOException {
        Path ws = dir.resolve("ws");
        copy(example, ws);
        committed(ws);
        CompiledRulebooks.cacheAcrossRuns(cacheIn(dir.resolve("rulebook-cache")));
        return execute(List.<String[]>of(new String[] {"lint", "-w", ws.toString()}));
    }

    /**
     * Keeps a lint result for the example in {@code dir/ws}, its rulebook compiled into
     * {@code dir/rulebook-cache} (as {@link #prepareRules}), where the same lint in another process
     * from the same working directory finds it; returns how many steps failed.
     */
    static int prepareLint(Path example, Path dir) throws IOException {
        Path cache = dir.resolve("rulebook-cache");
        Map<String, String> environment = cacheIn(cache);
        LintResultCache.acrossRuns(CompiledRulebooks.directory(environment), environment,
                () -> CompiledRulebooks.cacheAcrossRuns(environment));
        try {
            return prepareRules(example, dir);
        } finally {
            LintResultCache.noCacheAcrossRuns();
        }
    }

    /**
     * The environment of a training run's compiled-rulebook cache in {@code cache}: its files
     * authenticated with a key file beside it ({@code cache-key/key}, made on the first store), so
     * that training neither reads nor makes the user's own key file, and a run over a prepared
     * directory finds what the preparing process kept there.
     */
    static Map<String, String> cacheIn(Path cache) {
        return Map.of("PLANNING_CACHE_DIR", cache.toString(), "PLANNING_CACHE_KEY_FILE",
                cache.resolveSibling("cache-key").resolve("key").toString());
    }

    private static List<String[]> rulesSteps(Path ws) {
        String w = ws.toString();
        return List.of(
                new String[] {"lint", "-w", w},
                new String[] {"gate", "-w", w, "--stream", STREAM, "--cycle", CYCLE, "--to", "READY_FOR_HANDOFF"},
                new String[] {"advance", "-w", w, "--stream", STREAM, "--cycle", CYCLE, "--to", "READY_FOR_HANDOFF"},
                new String[] {"seal", "-w", w, "--stream", STREAM, "--cycle", CYCLE, "--allow-dirty"});
    }

    /**
     * A key generated into {@code newKeys}, then the read-only checks over a sealed workspace signed
     * with the keys in {@code keys}.
     */
    private static List<String[]> readSteps(Path ws, Path keys, Path newKeys) {
        String w = ws.toString();
        String trust = keys.resolve("trust.yaml").toString();
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"keys", "generate", "--role", "PM", "--out", newKeys.toString()});
        steps.add(new String[] {"verify", "-w", w, "--stream", STREAM, "--cycle", CYCLE, "--trust", trust,
            "--checksums-only"});
        return steps;
    }

    /** {@code status} over a sealed workspace signed with the keys in {@code keys}. */
    private static String[] statusStep(Path ws, Path keys) {
        return new String[] {"status", "-w", ws.toString(), "--trust", keys.resolve("trust.yaml").toString()};
    }

    /** Three keys and the three signatures of the sealed manifest. */
    private static List<String[]> signSteps(Path ws, Path keys) {
        String manifest = ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toString();
        List<String[]> steps = new ArrayList<>();
        for (String role : List.of("PM", "TechLead", "QA")) {
            steps.add(new String[] {"keys", "generate", "--role", role, "--out", keys.toString()});
        }
        for (String role : List.of("PM", "TechLead", "QA")) {
            // --allow-dirty: the training seals with it (dirty24: sign refuses a dirty seal without it).
            steps.add(new String[] {"sign", manifest, "--role", role, "--key", keys.resolve(role + ".key.pem").toString(),
                "--trust", keys.resolve("trust.yaml").toString(), "--allow-dirty"});
        }
        return steps;
    }

    private static int execute(List<String[]> steps) {
        return execute(steps, true);
    }

    /**
     * Runs the steps as the command's {@code main} would, counting those that did not end with
     * {@link ExitCodes#OK}; {@code rulebookCache}: whether the run may have turned the compiled-rulebook
     * cache on (a family whose commands never do, {@code status}, does not load its classes to turn it
     * off: the JVM loads every class of a start-up cache at every start, used or not).
     */
    private static int execute(List<String[]> steps, boolean rulebookCache) {
        if (!steps.isEmpty()) {
            // As the command's main does: so that the warm-up's and the exit guard's own classes are in
            // the start-up cache (the guard made, not installed: this process exits without a verdict).
            StartupWarmUp.start(steps.get(0));
            ExitGuard.hook(System.err);
            PlanningCommand.configurePicocli();
        }
        int failed = 0;
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try {
            for (String[] step : steps) {
                if (PlanningCommand.execute(step, discard, discard) != ExitCodes.OK) {
                    failed++;
                }
            }
        } finally {
            // The run's private rulebook cache ends with it: nothing compiled later in this process
            // (a test JVM, an embedder) writes into a scratch directory that may be gone.
            if (rulebookCache) {
                CompiledRulebooks.noCacheAcrossRuns();
            }
        }
        return failed;
    }

    /**
     * Makes {@code ws} a git repository holding its files in one commit, its objects packed as a
     * cloned repository's are, and an empty commit on top left loose, as a user's newest commit is.
     * Author and committer are fixed and the commits are never signed, so no name, e-mail or signing
     * key needs to be configured.
     */
    private static void committed(Path ws) throws IOException {
        PersonIdent trainer = new PersonIdent("planning start-up training", "training@planning.invalid");
        try (Repository repository = OwnRepositories.create(ws); Git git = Git.wrap(repository)) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("training").setAuthor(trainer).setCommitter(trainer).setSign(false).call();
            git.gc().call();
            // The newest commit loose beside the pack, as a user's last commit is until git packs it: the
            // seal records it, and verify's lookup searches the packs, then reads it as a loose object.
            git.commit().setMessage("training, after the pack").setAuthor(trainer).setCommitter(trainer)
                    .setSign(false).setAllowEmpty(true).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot commit the training workspace " + ws + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
