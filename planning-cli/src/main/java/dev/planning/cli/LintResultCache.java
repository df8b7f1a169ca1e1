package dev.planning.cli;

import dev.planning.api.gate.LintReport;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import dev.planning.rules.CompiledRulebooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code planning lint}'s printed result kept across runs, so that linting an unchanged workspace
 * again reads bytes and hashes them instead of parsing YAML, validating schemas and compiling the
 * rulebook: the cross-process twin of the engine's in-process lint memo. Off unless the
 * command-line process turns it on ({@link #acrossRuns}); {@code PLANNING_NO_CACHE=1} keeps it off.
 *
 * <p>The key is a SHA-256 over everything the printed result depends on, read on every run:
 *
 * <ul>
 *   <li>the format of these files and the code: the compiled-rulebook cache's engine fingerprint
 *       (the JVM, the compiler, Drools, the policy-language check and whether it is on) and the jars of the command line,
 *       the engine, the reports and the API ({@link CompiledRulebooks#fingerprint});</li>
 *   <li>the command: the workspace and rulebook as written and as absolute paths, the working
 *       directory (SARIF names files relative to it), {@code --stream}, {@code --cycle},
 *       {@code --format}, whether the policy-language check is on
 *       ({@code -Dplanning.rules.mode=trusted} turns it off: {@link CompiledRulebooks#policyLanguageChecked}),
 *       and the operator's bounds ({@link CompiledRulebooks#operatorBounds}: a rulebook or value over one is
 *       refused);</li>
 *   <li>today's date in UTC (lint judges waivers and their expiry against it);</li>
 *   <li>every file and directory of the workspace (its path, and a file's SHA-256), apart from
 *       {@code .git}, which lint never reads, and every file of the rulebook directory the same way:
 *       a superset of what lint reads (the planning files, manifests, digests, stored outcomes, event logs, capacity
 *       model, trust file, {@code rulebook.yaml} and the rule files), so a changed byte, a new, removed or renamed file
 *       or directory gives another key.</li>
 * </ul>
 *
 * <p>When a key cannot be taken, nothing is read or written and lint runs as usual: a symbolic link
 * or anything but a regular file or directory in either tree (lint may follow or refuse it), an
 * unreadable file or directory, more than {@value #MAX_ENTRIES} entries or {@value #MAX_BYTES}
 * bytes, a PostgreSQL store selected ({@code --store}, {@code PLANNING_STORE_CONFIG},
 * {@code PLANNING_STORE_URL}: opening it may fail). A result is stored only after lint returned
 * normally (exit 0 or 1, never an error) and the trees still have the key they had before it ran.
 * Where and how results are kept is the compiled-rulebook cache's business
 * ({@link CompiledRulebooks#readResult}): outside the workspace and the rulebook, owner-only,
 * never a file git tracks, a header naming the key and its HMAC under the user's secret; anything else means
 * "lint again". Not thread-safe in its switch ({@link #acrossRuns} is for the process's start).
 */
final class LintResultCache {

    /** The format of a key and a stored result; a new format changes it. */
    static final String FORMAT = "planning-lint-result 1";

    /** What stored results are, in the cache directory ({@code KEY.lint}). */
    static final String KIND = "lint";

    /** Workspaces with more files and directories than this are linted without the cache. */
    static final int MAX_ENTRIES = 20_000;

    /** Workspaces whose files hold more bytes than this together are linted without the cache. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Stored results larger than this are not read (or written). */
    static final long MAX_RESULT_BYTES = 16L * 1024 * 1024;

    private static volatile Optional<Path> directory = Optional.empty();
    /** The environment {@link #acrossRuns} was given: it names the key file that authenticates results. */
    private static volatile Map<String, String> environment = Map.of();
    private static volatile Runnable beforeLinting = () -> { };
    /** The clock today's date is taken from (UTC, as the engine's); a parameter for tests. */
    private static volatile Clock clock = Clock.systemUTC();
    private static final AtomicInteger SERVED = new AtomicInteger();

    private final Path cache;
    private final Path workspace;
    private final Path rulebook;
    private final String key;
    private final Inputs inputs;
    /** The environment naming the key file, as {@link #acrossRuns} was given it. */
    private final Map<String, String> keyFileNamedBy = environment;

    private LintResultCache(Path cache, Path workspace, Path rulebook, String key, Inputs inputs) {
        this.cache = cache;
        this.workspace = workspace;
        this.rulebook = rulebook;
        this.key = key;
        this.inputs = inputs;
    }

    /**
     * Keeps lint results, for the rest of this process, in the compiled-rulebook cache's directory
     * (none when {@code PLANNING_NO_CACHE} is set: {@link CompiledRulebooks#directory}), unless the
     * environment selects a PostgreSQL store; {@code beforeLinting} runs (once) when a lint is about to
     * run, not when a kept result is printed.
     */
    static void acrossRuns(Optional<Path> cacheDirectory, Map<String, String> environment, Runnable beforeLinting) {
        boolean store = present(environment.get("PLANNING_STORE_CONFIG")) || present(environment.get("PLANNING_STORE_URL"));
        directory = store ? Optional.empty() : cacheDirectory;
        LintResultCache.environment = environment;
        LintResultCache.beforeLinting = beforeLinting;
    }

    /** Runs what {@link #acrossRuns} was given to run before linting, once; nothing when it was not called. */
    static void beforeLinting() {
        Runnable before = beforeLinting;
        beforeLinting = () -> { };
        before.run();
    }

    /** Stops keeping lint results across runs in this process. */
    static void noCacheAcrossRuns() {
        directory = Optional.empty();
        environment = Map.of();
        beforeLinting = () -> { };
    }

    /**
     * The cache for this lint, with its key taken now; empty when the cache is off or no key can be
     * taken (then lint runs and nothing is stored).
     *
     * @param workspaceOption  the {@code -w} value as written
     * @param rulebookOption   the {@code --rulebook} value as written, or {@code null}
     * @param storeOption      the {@code --store} value, or {@code null}
     */
    static Optional<LintResultCache> of(Path workspaceOption, Path rulebookOption, Path storeOption, String stream,
            String cycle, OutputFormat format) {
        return of(workspaceOption, rulebookOption, storeOption, stream, cycle, format, Code.VALUE);
    }

    /** The code's fingerprint, taken once per process (when a key is first taken). */
    private static final class Code {
        static final String VALUE = CompiledRulebooks.fingerprint(List.of(LintResultCache.class, Planning.class,
                CiReports.class, LintReport.class));
    }

    /** As {@link #of(Path, Path, Path, String, String, OutputFormat)}, with the code's fingerprint given (tests). */
    static Optional<LintResultCache> of(Path workspaceOption, Path rulebookOption, Path storeOption, String stream,
            String cycle, OutputFormat format, String code) {
        Optional<Path> dir = directory;
        if (dir.isEmpty() || storeOption != null) {
            return Optional.empty();
        }
        try {
            Path workspace = workspaceOption.toAbsolutePath().normalize();
            Path rulebook = (rulebookOption != null ? rulebookOption.toAbsolutePath() : workspace.resolve("rulebook"))
                    .normalize();
            if (!Files.isDirectory(workspace, LinkOption.NOFOLLOW_LINKS)
                    || !Files.isDirectory(rulebook, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Inputs inputs = new Inputs(String.join("\u0000", List.of(workspaceOption.toString(),
                    rulebookOption == null ? "-" : rulebookOption.toString(), workspace.toString(),
                    workspace.toRealPath().toString(), rulebook.toString(), rulebook.toRealPath().toString(),
                    Path.of("").toAbsolutePath().toString(), stream == null ? "-" : "=" + stream,
                    cycle == null ? "-" : "=" + cycle, format.name(),
                    // Lint reports a rule outside the policy language only while the check is on.
                    CompiledRulebooks.policyLanguageChecked() ? "restricted" : "trusted",
                    // and a rulebook or value over an operator's bound only under that bound (attack29).
                    CompiledRulebooks.operatorBounds())), code,
                    LocalDate.now(clock), workspace, rulebook);
            return inputs.key().map(key -> new LintResultCache(dir.get(), workspace,
                    rulebook, key, inputs));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A result printed and returned before, for exactly these inputs. */
    record Stored(int exitCode, String output) {
    }

    /** The result stored under this key, when one checks out; empty means "lint". */
    Optional<Stored> stored() {
        Optional<byte[]> payload = CompiledRulebooks.readResult(cache, KIND, key, MAX_RESULT_BYTES, rulebook, workspace,
                keyFileNamedBy);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = payload.get();
        // "exit 0\n" or "exit 1\n", then the output: the only exit codes a normal lint returns.
        if (bytes.length < 7 || bytes[0] != 'e' || bytes[1] != 'x' || bytes[2] != 'i' || bytes[3] != 't'
                || bytes[4] != ' ' || (bytes[5] != '0' && bytes[5] != '1') || bytes[6] != '\n') {
            return Optional.empty();
        }
        int code = bytes[5] == '0' ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        SERVED.incrementAndGet();
        return Optional.of(new Stored(code, new String(bytes, 7, bytes.length - 7, StandardCharsets.UTF_8)));
    }

    /**
     * Stores what lint printed and returned, when it is a normal result and the inputs still have
     * the key they had before lint ran (a file changed meanwhile: nothing is stored).
     *
     * @return whether the result was handed to the cache to keep (false: not a normal result, another
     *     day or another key by now)
     */
    boolean store(int exitCode, String output) {
        if (exitCode != ExitCodes.OK && exitCode != ExitCodes.CHECK_FAILED) {
            return false;
        }
        try {
            // Another day meanwhile (lint judged waivers by the day it ran) or another byte: not kept.
            if (!LocalDate.now(clock).equals(inputs.today()) || !inputs.key().equals(Optional.of(key))) {
                return false;
            }
            byte[] text = output.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[7 + text.length];
            System.arraycopy(("exit " + (exitCode == ExitCodes.OK ? 0 : 1) + "\n").getBytes(StandardCharsets.US_ASCII),
                    0, payload, 0, 7);
            System.arraycopy(text, 0, payload, 7, text.length);
            if (payload.length > MAX_RESULT_BYTES) {
                return false;
            }
            CompiledRulebooks.storeResult(cache, KIND, key, payload, rulebook, workspace, keyFileNamedBy);
            return true;
        } catch (RuntimeException e) {
            // A cache is an optimisation: failing to write one changes nothing else.
            return false;
        }
    }

    /** The key, for tests. */
    String key() {
        return key;
    }

    /** How many kept results this process has printed (for tests). */
    static int served() {
        return SERVED.get();
    }

    /** Takes today's date from this clock (tests); {@code null} restores the system's UTC clock. */
    static void clock(Clock value) {
        clock = value == null ? Clock.systemUTC() : value;
    }

    /** What the key is taken over: the command, today, the code and both trees. */
    private record Inputs(String command, String code, LocalDate today, Path workspace, Path rulebook) {

        Optional<String> key() {
            MessageDigest sha = sha256();
            update(sha, FORMAT);
            update(sha, code);
            update(sha, command);
            update(sha, today.toString());
            Tree tree = new Tree();
            if (!tree.add(sha, "workspace", workspace, true) || !tree.add(sha, "rulebook", rulebook, false)) {
                return Optional.empty();
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        }
    }

    /** Lists and hashes trees, within the limits for both together. */
    private static final class Tree {
        private int entries;
        private long bytes;

        /** Adds the tree's listing to the digest; false when no key can be taken (see the class comment). */
        boolean add(MessageDigest sha, String label, Path root, boolean skipGit) {
            List<String> listing = new ArrayList<>();
            MessageDigest file = sha256();
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                        if (skipGit && !dir.equals(root) && dir.getFileName().toString().equals(".git")) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
                            throw new IOException("not a directory: " + dir);
                        }
                        count(0);
                        listing.add("d\u0000" + root.relativize(dir) + "\u0000");
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                        if (skipGit && path.getFileName().toString().equals(".git") && attributes.isRegularFile()) {
                            return FileVisitResult.CONTINUE; // a linked work tree's pointer to its repository
                        }
                        if (!attributes.isRegularFile()) {
                            throw new IOException("not a regular file: " + path);
                        }
                        count(attributes.size());
                        byte[] content = Files.readAllBytes(path);
                        count(content.length - attributes.size());
                        listing.add("f\u0000" + root.relativize(path) + "\u0000"
                                + HexFormat.of().formatHex(file.digest(content)));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path path, IOException e) throws IOException {
                        throw e;
                    }
                });
            } catch (IOException | RuntimeException e) {
                return false;
            }
            listing.sort(null);
            update(sha, label);
            update(sha, Integer.toString(listing.size()));
            for (String line : listing) {
                update(sha, line);
            }
            return true;
        }

        private void count(long size) throws IOException {
            entries++;
            bytes += size;
            if (entries > MAX_ENTRIES || bytes > MAX_BYTES) {
                throw new IOException("too large for the lint cache");
            }
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }
}
