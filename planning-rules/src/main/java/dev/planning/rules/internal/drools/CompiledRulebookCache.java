package dev.planning.rules.internal.drools;

import dev.planning.engine.internal.git.OutsideRepository;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.drl.parser.DrlParser;
import org.kie.api.definition.KiePackage;
import org.kie.internal.builder.KnowledgeBuilderFactory;

/**
 * Compiled rulebooks kept on disk across processes, so that a short command does not compile the
 * same DRL again (the Drools compiler and the Java compiler behind it are most of a command's start).
 *
 * <p>An entry is the serialized Drools packages of one set of rule files. Its key is the SHA-256 of
 * the exact bytes of every rule file (as read and checked by {@link PolicyLanguage} in this process,
 * before the cache is consulted), the cache format and a fingerprint of the engine's code (the jars
 * or class files of the compiler, Drools and the fact classes: size and modification time), so a
 * new build of the engine never reads an old build's entries. Nothing in an entry is trusted:
 *
 * <ul>
 *   <li>the directory must be outside the workspace (the rulebook directory's parent) and the
 *       rulebook, owned by the current user and not readable, writable or searchable by anyone else
 *       (it is created {@code 0700}; entries are written {@code 0600}, atomically); otherwise the
 *       cache is not used at all;</li>
 *   <li>an entry names its key and an HMAC-SHA256, under a per-user secret kept outside the cache
 *       directory ({@code CacheSecret}: {@code $PLANNING_CACHE_KEY_FILE}, else
 *       {@code $XDG_STATE_HOME/planning/cache-key}, else {@code ~/.local/state/planning/cache-key}), of
 *       its magic line, its key and its payload; a different key, a MAC that does not verify (compared
 *       in constant time before anything in the payload is read), a missing, unreadable or unsafe key
 *       file, an unreadable or oversized file, or a payload that does not deserialize into Drools
 *       packages (only Drools, KIE, MVEL, JDK and the rules module's classes are accepted, in the
 *       entry's stream and in the streams Drools nests in it: {@link EntryObjectStream}) means
 *       "compile again", and the fresh compilation replaces the entry (nothing is written without a
 *       usable secret).</li>
 * </ul>
 *
 * <p>What the checks verify, and what they do not: the key is computed from public data (the rule
 * files and an engine fingerprint), but the MAC is not: only a process that can read the user's key
 * file can make a file that verifies. A cache directory copied from another job or machine (a CI
 * cache step that saves {@code ~/.cache/planning} in a pull request's job and restores it in a
 * trusted job) therefore misses, unless the key file was copied with it; the key file, like the
 * launcher's start-up caches, must never be shared. The deserialization filter still limits the
 * classes of an entry that verifies. Beside that, where a file may lie:
 *
 * <ul>
 *   <li>an entry or verdict that git tracks, in the work tree holding the cache directory (a CI that
 *       points {@code PLANNING_CACHE_DIR} at {@code .cache/planning} in its checkout), is never
 *       used: whoever can commit wrote it, and a checkout made under umask 077 gives it the owner and
 *       mode asked for above. A git-ignored cache directory in the checkout keeps working.</li>
 * </ul>
 *
 * <p>Beside an entry, a policy-language verdict ({@code KEY.policy}): written only right after the
 * check ran on exactly the key's bytes and passed, checked on reading exactly as an entry is
 * (directory, owner-only file, size, not tracked by git, header naming the key and its MAC), and its
 * payload must be the one "passed" text; anything else means "check again", never "trust".
 *
 * <p>When both a verdict and an entry that checks out ({@link #holds}, which reads and hashes the
 * entry but does not deserialize it) are stored for a key, the compiler builds no knowledge base
 * until a session needs one ({@link CompiledRules}, which says why that is safe): {@code planning
 * lint}, which only needs to know that the rulebook compiles, then never loads the packages. The
 * entry is checked again when it is loaded, and a mismatch still means "compile again".
 *
 * <p>Used by the command line ({@link #defaultDirectory()}); an embedder turns it on with
 * {@link DroolsGovernanceEngineFactory#useDiskCache(CompiledRulebookCache)}.
 */
public final class CompiledRulebookCache {

    /**
     * The first line of every entry; a new format changes it (and, through the key, the file name).
     * 2: {@code matches} is compiled to RE2 ({@link LinearMatches}); entries of 1 matched with java.util.regex.
 * 3: the header names an HMAC-SHA256 under the user's secret ({@code CacheSecret}), no longer a SHA-256.
     */
    static final String MAGIC = "planning-compiled-rulebook 3";

    /**
     * The first line of every policy verdict ({@code KEY.policy}): the rule files with that key passed
     * the policy-language check of this build of the engine (the key covers the engine's code).
     */
    static final String VERDICT_MAGIC = "planning-policy-verdict 2";

    /** The one payload a verdict may hold; anything else means "check again". */
    static final String VERDICT_PASSED = "policy-language restricted: passed\n";

    /** Verdicts larger than this are not read. */
    static final long MAX_VERDICT_BYTES = 4096;

    /** Entries larger than this are not read (the default rulebook's is about 110 KB). */
    static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final CacheEviction eviction;
    private final CacheSecret secret;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger stores = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger verdictHits = new AtomicInteger();

    private CompiledRulebookCache(Path directory, CacheEviction eviction, CacheSecret secret) {
        this.directory = directory;
        this.eviction = eviction;
        this.secret = secret;
    }

    /**
     * A cache in the given directory, created (owner-only) on first store when missing, bounded as the
     * process environment says ({@code PLANNING_CACHE_MAX_BYTES}, default 256 MiB;
     * {@code PLANNING_CACHE_MAX_FILES}, default 2,000; see {@link #bounded}), its files authenticated
     * with the secret in the key file the process environment names (as {@link #at(Path, Map)}).
     *
     * @param directory where entries are kept; made absolute
     * @return the cache
     */
    public static CompiledRulebookCache at(Path directory) {
        return at(directory, System.getenv());
    }

    /**
     * A cache in the given directory bounded as {@code environment} says ({@code PLANNING_CACHE_MAX_BYTES},
     * {@code PLANNING_CACHE_MAX_FILES}; a value that is not a positive number means the default), its
     * files authenticated with the secret in the key file {@code environment} names:
     * {@code $PLANNING_CACHE_KEY_FILE}, else {@code $XDG_STATE_HOME/planning/cache-key}, else
     * {@code ~/.local/state/planning/cache-key}. The key file is read (and, on the first store,
     * created {@code 0600} in a {@code 0700} directory) only when a file of the cache is read or
     * written; when it is a link, not the user's, open to group or others, not 32 bytes, tracked by
     * git, inside the cache directory or in a directory others may write, the cache is not used.
     *
     * @param directory   where entries are kept; made absolute
     * @param environment the process environment, usually {@link System#getenv()}
     * @return the cache
     */
    public static CompiledRulebookCache at(Path directory, Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return new CompiledRulebookCache(Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize(),
                CacheEviction.from(environment), CacheSecret.from(environment));
    }

    /**
     * This cache's directory with another bound. After this process writes a file there (a new entry,
     * verdict or result; on its first write, and again once an eighth of the bound was written since),
     * the files the cache named are deleted, least recently used first (a file's modification time,
     * which a read that finds it checking out moves to now when it is more than an hour old), until at
     * most {@code maxBytes} and {@code maxFiles} remain; the file just written is kept. Only regular,
     * owner-only files of the current user whose names the cache gives ({@code KEY.SUFFIX}, and its
     * temporary files once an hour old) are deleted, never a link, a file git tracks or anything else
     * in the directory, and only in a directory that passes the checks a cache must pass to be used.
     * An entry deleted under a reader means "compute again".
     *
     * @param maxBytes the most bytes the cache's files may hold after a sweep, positive
     * @param maxFiles the most files the cache may hold after a sweep, positive
     * @return a cache of the same directory with that bound
     * @throws IllegalArgumentException when either is not positive
     */
    public CompiledRulebookCache bounded(long maxBytes, int maxFiles) {
        return new CompiledRulebookCache(directory, new CacheEviction(maxBytes, maxFiles), secret);
    }

    /** The most bytes the cache's files hold after a sweep ({@link #bounded}). */
    public long maxBytes() {
        return eviction.maxBytes();
    }

    /** The most files the cache holds after a sweep ({@link #bounded}). */
    public int maxFiles() {
        return eviction.maxFiles();
    }

    /**
     * The files this cache named in its directory, as a sweep counts them: how many and their total
     * size ({@code {0, 0}} when the directory is missing).
     *
     * @return {@code {files, bytes}}
     * @throws IOException when the directory is a link, another user's or open to others (the checks a
     *     cache must pass to be used), or cannot be listed
     */
    public long[] usage() throws IOException {
        return CacheEviction.usage(directory);
    }

    /**
     * Deletes every file this cache named in its directory (entries, verdicts, kept results, temporary
     * files), and nothing else: no link, no file of another user or open to others, no file git tracks,
     * nothing with another name. A missing directory is left missing.
     *
     * @return {@code {files, bytes}} deleted
     * @throws IOException when the directory is a link, another user's or open to others, or cannot be listed
     */
    public long[] clear() throws IOException {
        return CacheEviction.clear(directory);
    }

    /**
     * The per-user cache directory: {@code $PLANNING_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/planning/rulebooks}, else {@code ~/.cache/planning/rulebooks}; empty when
     * {@code PLANNING_NO_CACHE} is set or no home directory is known.
     *
     * @param environment the process environment (a parameter so tests can supply their own)
     * @return the directory to use, if any
     */
    public static Optional<Path> defaultDirectory(Map<String, String> environment) {
        if (present(environment.get("PLANNING_NO_CACHE"))) {
            return Optional.empty();
        }
        if (present(environment.get("PLANNING_CACHE_DIR"))) {
            return Optional.of(Path.of(environment.get("PLANNING_CACHE_DIR")));
        }
        if (present(environment.get("XDG_CACHE_HOME"))) {
            return Optional.of(Path.of(environment.get("XDG_CACHE_HOME"), "planning", "rulebooks"));
        }
        String home = System.getProperty("user.home");
        return present(home) ? Optional.of(Path.of(home, ".cache", "planning", "rulebooks")) : Optional.empty();
    }

    /** The cache's directory. */
    public Path directory() {
        return directory;
    }

    /** How many compilations this cache has served (for tests and monitoring). */
    public int hits() {
        return hits.get();
    }

    /** How many entries this cache has written. */
    public int stores() {
        return stores.get();
    }

    /** How many policy-language verdicts this cache has served (each one a check not run again). */
    public int verdictHits() {
        return verdictHits.get();
    }

    /** How many entries or verdicts were found but not used (wrong key, wrong hash, unreadable, refused classes). */
    public int rejected() {
        return rejected.get();
    }

    /**
     * The key of a set of rule files: SHA-256 over the cache format, the engine fingerprint and each
     * file's name and exact bytes, in order.
     */
    static String key(List<String> files, List<byte[]> contents) {
        // attack29: and the parser Drools compiled them with, as Drools itself read its switch (once per JVM):
        // an entry compiled under DRL10 (allowed with the policy check off) was served to a restricted run
        // whose check read the same bytes as DRL6. The fingerprint names the switch as asked; this, as taken.
        return key(Fingerprint.VALUE + "|compiled-by=" + (DrlParser.ANTLR4_PARSER_ENABLED ? "DRL10" : "DRL6"), files,
                contents);
    }

    /** {@link #key(List, List)} under another engine fingerprint (for tests). */
    static String key(String engineFingerprint, List<String> files, List<byte[]> contents) {
        MessageDigest sha = sha256();
        update(sha, MAGIC);
        update(sha, engineFingerprint);
        for (int i = 0; i < files.size(); i++) {
            update(sha, files.get(i));
            byte[] content = contents.get(i);
            update(sha, Integer.toString(content.length));
            sha.update(content);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The packages stored under this key, when the cache may be used for this rulebook and the
     * entry checks out; empty means "compile".
     */
    Optional<Collection<KiePackage>> load(String key, Path rulebookDirectory, ClassLoader classLoader) {
        if (!usableFor(rulebookDirectory, false)) {
            return Optional.empty();
        }
        Path entry = directory.resolve(key + ".bin");
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!ownerOnly(entry, OWNER_ONLY_FILE) || Files.size(entry) > MAX_ENTRY_BYTES || committed(entry)) {
                rejected.incrementAndGet();
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(entry);
            Optional<byte[]> payload = payload(bytes, key);
            if (payload.isEmpty()) {
                rejected.incrementAndGet();
                return Optional.empty();
            }
            Collection<KiePackage> packages = deserialize(payload.get(), classLoader);
            hits.incrementAndGet();
            CacheEviction.markUsed(entry);
            return Optional.of(packages);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            // Anything unexpected in an entry: never trust it, compile again.
            rejected.incrementAndGet();
            return Optional.empty();
        }
    }

    /**
     * Whether an entry under this key checks out, without loading it: every check {@link #load}
     * makes before deserializing (the directory usable for this rulebook; the file regular,
     * owner-only, not oversized and not tracked by git; its header naming this key and its MAC),
     * but not the deserialization itself. Used, with a stored policy verdict, to leave the
     * knowledge base unbuilt until a session needs it ({@link CompiledRules}); {@link #load} checks
     * the entry again then, so an entry changed in between means "compile again", never "trust".
     * A rejected entry counts in {@link #rejected()}; a hit is counted only when it is loaded.
     */
    boolean holds(String key, Path rulebookDirectory) {
        if (!usableFor(rulebookDirectory, false)) {
            return false;
        }
        Path entry = directory.resolve(key + ".bin");
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (ownerOnly(entry, OWNER_ONLY_FILE) && Files.size(entry) <= MAX_ENTRY_BYTES && !committed(entry)
                    && payload(Files.readAllBytes(entry), key).isPresent()) {
                CacheEviction.markUsed(entry);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: as any entry that does not check out
        }
        rejected.incrementAndGet();
        return false;
    }

    /** Stores the packages under this key; a cache that cannot be written is left alone. */
    void store(String key, Collection<KiePackage> packages, Path rulebookDirectory) {
        if (!usableFor(rulebookDirectory, true)) {
            return;
        }
        try {
            if (secret.read(directory, true, CompiledRulebookCache::keyFileTracked).isEmpty()) {
                return; // no secret to authenticate the entry with: no entry
            }
            byte[] payload = serialize(packages);
            Optional<String> header = header(MAGIC, key, payload);
            if (header.isEmpty()) {
                return;
            }
            ByteArrayOutputStream entry = new ByteArrayOutputStream(payload.length + 200);
            entry.writeBytes(header.get().getBytes(StandardCharsets.UTF_8));
            entry.writeBytes(payload);
            writeAtomically(key + ".bin", entry.toByteArray());
            stores.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            // A cache is an optimisation: failing to write one changes nothing else.
        }
    }

    /**
     * Writes a file of the cache owner-only and atomically through the product's one writer: its temporary is
     * {@code .<name>~<n>.tmp}, unique to the write (two processes writing the same entry do not collide), deleted
     * when the write fails, and a crashed writer's is swept by a later write of the same file once an hour old
     * ({@link AtomicFiles#writeUnguarded(Path, byte[], String)}) or by eviction ({@link CacheEviction}).
     */
    private void writeAtomically(String name, byte[] bytes) {
        Path file = directory.resolve(name);
        AtomicFiles.writeUnguarded(file, bytes, PosixFilePermissions.toString(OWNER_ONLY_FILE));
        eviction.written(directory, file, bytes.length);
    }

    /**
     * Whether the rule files with this key passed the policy-language check in an earlier process
     * (of this build: the key covers the engine's code). True only for a verdict written by
     * {@link #storePolicyPassed} that checks out exactly as a compiled entry does: the directory
     * usable for this rulebook, the file regular, owner-only and small, its header naming this key
     * and its MAC under the user's secret, and the payload the one "passed" text. Anything else (no
     * verdict, another key, a tampered or unreadable file) is {@code false}: "check again".
     */
    boolean policyPassed(String key, Path rulebookDirectory) {
        if (!usableFor(rulebookDirectory, false)) {
            return false;
        }
        Path verdict = directory.resolve(key + ".policy");
        if (!Files.isRegularFile(verdict, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (!ownerOnly(verdict, OWNER_ONLY_FILE) || Files.size(verdict) > MAX_VERDICT_BYTES || committed(verdict)) {
                rejected.incrementAndGet();
                return false;
            }
            Optional<byte[]> payload = payload(Files.readAllBytes(verdict), VERDICT_MAGIC, key);
            if (payload.isPresent()
                    && MessageDigest.isEqual(payload.get(), VERDICT_PASSED.getBytes(StandardCharsets.UTF_8))) {
                verdictHits.incrementAndGet();
                CacheEviction.markUsed(verdict);
                return true;
            }
            rejected.incrementAndGet();
            return false;
        } catch (IOException | RuntimeException e) {
            rejected.incrementAndGet();
            return false;
        }
    }

    /**
     * Records that the rule files with this key passed the policy-language check; called only right
     * after the check ran on exactly those bytes and passed. A cache that cannot be written is left
     * alone.
     */
    void storePolicyPassed(String key, Path rulebookDirectory) {
        if (!usableFor(rulebookDirectory, true)) {
            return;
        }
        byte[] payload = VERDICT_PASSED.getBytes(StandardCharsets.UTF_8);
        try {
            Optional<String> header = header(VERDICT_MAGIC, key, payload);
            if (header.isEmpty()) {
                return;
            }
            ByteArrayOutputStream entry = new ByteArrayOutputStream(256);
            entry.writeBytes(header.get().getBytes(StandardCharsets.UTF_8));
            entry.writeBytes(payload);
            writeAtomically(key + ".policy", entry.toByteArray());
        } catch (RuntimeException e) {
            // A cache is an optimisation: failing to write one changes nothing else.
        }
    }

    /**
     * A result another command keeps beside the entries ({@code KEY.SUFFIX}, e.g. {@code planning lint}'s
     * findings), when it checks out exactly as an entry does: the directory usable for this rulebook
     * and outside {@code workspace}, the file regular, owner-only, at most {@code maxBytes} and not
     * tracked by git, its header starting with {@code magic} and naming this key and the HMAC-SHA256,
     * under the user's secret (kept outside the directory), of the magic line, the key and the payload. Anything else (no file, another key, a tampered, truncated, foreign or unreadable
     * file) is empty: "compute again", never "trust". A file that is there but does not check out
     * counts in {@link #rejected()}.
     *
     * @param key               the result's key, 64 lower-case hex digits (the caller's SHA-256 of every input)
     * @param suffix            the file's suffix, lower-case letters, neither {@code bin} nor {@code policy}
     * @param magic             the header's first line, naming the result's format
     * @param maxBytes          a larger file is not read
     * @param rulebookDirectory the rulebook the result was computed with
     * @param workspace         the workspace the result was computed over
     * @return the payload
     */
    public Optional<byte[]> readResult(String key, String suffix, String magic, long maxBytes, Path rulebookDirectory,
            Path workspace) {
        requireResultName(key, suffix);
        if (!usableFor(rulebookDirectory, false) || !outside(workspace)) {
            return Optional.empty();
        }
        return readChecked(key, suffix, magic, maxBytes);
    }

    private Optional<byte[]> readChecked(String key, String suffix, String magic, long maxBytes) {
        Path file = directory.resolve(key + "." + suffix);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (ownerOnly(file, OWNER_ONLY_FILE) && Files.size(file) <= maxBytes && !committed(file)) {
                Optional<byte[]> payload = payload(Files.readAllBytes(file), magic, key);
                if (payload.isPresent()) {
                    CacheEviction.markUsed(file);
                    return payload;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: as any file that does not check out
        }
        rejected.incrementAndGet();
        return Optional.empty();
    }

    /**
     * Keeps a result beside the entries ({@code KEY.SUFFIX}), read back by {@link #readResult}: owner-only
     * and atomically, with the same header as an entry. Nothing is written when the directory is not
     * usable for this rulebook or lies inside {@code workspace}; a cache that cannot be written is left alone.
     *
     * @return whether it was written
     */
    public boolean storeResult(String key, String suffix, String magic, byte[] payload, Path rulebookDirectory,
            Path workspace) {
        requireResultName(key, suffix);
        // Outside the workspace before the directory may be made, and again once it exists (as links resolve).
        if (!outside(workspace) || !usableFor(rulebookDirectory, true) || !outside(workspace)) {
            return false;
        }
        return writeResult(key, suffix, magic, payload);
    }

    private boolean writeResult(String key, String suffix, String magic, byte[] payload) {
        try {
            Optional<String> header = header(magic, key, payload);
            if (header.isEmpty()) {
                return false;
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream(payload.length + 200);
            file.writeBytes(header.get().getBytes(StandardCharsets.UTF_8));
            file.writeBytes(payload);
            writeAtomically(key + "." + suffix, file.toByteArray());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A result about a workspace that names no rulebook (a document's parse, e.g. a trust file's), as
     * {@link #readResult(String, String, String, long, Path, Path)} reads one: the directory outside the
     * workspace and private to its owner; the file regular, owner-only, at most {@code maxBytes}, not
     * tracked by git, its header starting with {@code magic} and naming this key and its MAC under the user's secret.
     * Anything else is empty.
     */
    public Optional<byte[]> readResult(String key, String suffix, String magic, long maxBytes, Path workspace) {
        requireResultName(key, suffix);
        if (!usableOutside(workspace, false) || !outside(workspace)) {
            return Optional.empty();
        }
        return readChecked(key, suffix, magic, maxBytes);
    }

    /**
     * Keeps a result about a workspace that names no rulebook, read back by
     * {@link #readResult(String, String, String, long, Path)}; as {@link #storeResult(String, String, String,
     * byte[], Path, Path)} otherwise.
     *
     * @return whether it was written
     */
    public boolean storeResult(String key, String suffix, String magic, byte[] payload, Path workspace) {
        requireResultName(key, suffix);
        if (!outside(workspace) || !usableOutside(workspace, true) || !outside(workspace)) {
            return false;
        }
        return writeResult(key, suffix, magic, payload);
    }

    private static void requireResultName(String key, String suffix) {
        if (!key.matches("[0-9a-f]{64}") || !suffix.matches("[a-z]{1,16}") || suffix.equals("bin")
                || suffix.equals("policy")) {
            throw new IllegalArgumentException("a result's key must be a lower-case hex SHA-256 and its suffix"
                    + " lower-case letters other than bin and policy: " + key + "." + suffix);
        }
    }

    /**
     * Whether this cache's directory lies outside {@code workspace}, as given and as links resolve (a
     * directory that does not exist yet: as given); false when that cannot be told.
     *
     * @param workspace a workspace root
     * @return whether results about it, and compiled rulebooks used for it, may be kept here
     */
    public boolean liesOutside(Path workspace) {
        return outside(workspace);
    }

    /**
     * Whether the directory lies outside the workspace, as given and as links resolve (a directory
     * that does not exist yet, as given only; it is checked again once made).
     */
    private boolean outside(Path workspace) {
        try {
            Path given = workspace.toAbsolutePath().normalize();
            if (inside(directory, given)) {
                return false;
            }
            Path real = Files.exists(directory, LinkOption.NOFOLLOW_LINKS) ? directory.toRealPath() : directory;
            return !Files.exists(workspace) || !inside(real, workspace.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether rule files are held to the policy language in this process, as now decided: yes unless
     * {@code -Dplanning.rules.mode=trusted} (read on every call, as the check reads it). A result kept
     * across runs that depends on it (a {@code planning lint} result) must cover it in its key: a
     * result linted with the check off is not what lint says with it on.
     *
     * @return true unless the policy-language check is turned off
     */
    public static boolean policyLanguageChecked() {
        // PolicyLanguage.enabled(), read without initialising the checker (a kept lint result needs none
        // of it): both names are compile-time constants.
        return !PolicyLanguage.TRUSTED_MODE.equalsIgnoreCase(
                System.getProperty(PolicyLanguage.MODE_PROPERTY, "restricted"));
    }

    /**
     * The operator's bounds in force in this process, as text: the rule engine's ({@code OperatorLimits}:
     * evaluation seconds, join combinations, rules, rulebook bytes) and the bound on text values of YAML
     * files ({@link FactLengths#bound}), read on every call. A result kept across runs that a bound decides
     * (a {@code planning lint} result: a rulebook or value over a bound is refused) must cover them in its
     * key, as it covers {@link #policyLanguageChecked}: a result kept under a looser bound is not what
     * the command says under a stricter one (attack29).
     *
     * @return the bounds, as text
     * @throws dev.planning.api.PlanningException when a bound is not a number in range (as the command refuses it)
     */
    public static String operatorBounds() {
        OperatorLimits limits = OperatorLimits.current();
        return "seconds=" + limits.maxSeconds() + "|join=" + limits.maxJoin() + "|rules=" + limits.maxRules()
                + "|rulebook-bytes=" + limits.maxRulebookBytes() + "|value-length=" + FactLengths.bound();
    }

    /**
     * The engine's fingerprint (what every key of this cache covers: the JVM and the code of the
     * compiler, Drools, the fact classes and the policy-language check), followed by the code of the
     * given classes, each as its jar's (or class file's) path, size and modification time; for the
     * keys of results kept beside the entries ({@link #readResult}). A result that depends on whether
     * the policy-language check is on names {@link #policyLanguageChecked} in its key as well, read
     * for each key (this text is taken once per process).
     *
     * @param code classes whose code a result depends on
     * @return the fingerprint text
     */
    public static String fingerprint(List<Class<?>> code) {
        StringBuilder print = new StringBuilder(Fingerprint.VALUE);
        for (Class<?> type : code) {
            print.append('|').append(codeOf(type));
        }
        return print.toString();
    }

    /**
     * The code of the given classes alone, as {@link #fingerprint} appends it (each class's jar or
     * class file: path, size, modification time), after the JVM's version: for results that depend
     * on neither the compiler nor Drools (computing it loads none of their classes).
     *
     * @param code classes whose code a result depends on
     * @return the fingerprint text
     */
    public static String codeFingerprint(List<Class<?>> code) {
        StringBuilder print = new StringBuilder(System.getProperty("java.vm.version", "?"));
        for (Class<?> type : code) {
            print.append('|').append(codeOf(type));
        }
        return print.toString();
    }

    /**
     * Whether the directory may hold entries for this rulebook: outside the rulebook and its
     * workspace, owned by this user, owner-only. When {@code create}, a missing directory is created
     * owner-only.
     */
    boolean usableFor(Path rulebookDirectory, boolean create) {
        Path rulebook = rulebookDirectory.toAbsolutePath().normalize();
        return usableOutside(List.of(rulebook.getParent() == null ? rulebook : rulebook.getParent(), rulebook), create);
    }

    /**
     * Whether the directory may hold results about a workspace: outside it, owned by this user,
     * owner-only ({@link #usableFor} with the workspace alone, for results that name no rulebook).
     */
    private boolean usableOutside(Path workspace, boolean create) {
        return usableOutside(List.of(workspace.toAbsolutePath().normalize()), create);
    }

    /** Whether the directory lies outside each of {@code containers} (as given and as links resolve) and is private. */
    private boolean usableOutside(List<Path> containers, boolean create) {
        try {
            for (Path container : containers) {
                if (inside(directory, container)) {
                    return false;
                }
            }
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                if (!create) {
                    return false;
                }
                Files.createDirectories(directory.getParent());
                try {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // Another process (or thread) made it since the check above: it is checked below
                    // like any existing directory, not given up on.
                }
            }
            Path real = directory.toRealPath();
            for (Path container : containers) {
                if (Files.exists(container) && inside(real, container.toRealPath())) {
                    return false;
                }
            }
            return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && ownerOnly(directory, OWNER_ONLY_DIRECTORY);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether git tracks a file of the cache (in the index or {@code HEAD} of the work tree holding
     * the cache directory): then whoever can commit wrote it, and it is never used. A repository
     * that cannot be read counts as tracking it.
     */
    private boolean committed(Path file) {
        try {
            return OutsideRepository.trackedIn(file, directory).isPresent();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Whether git tracks the key file in the work tree holding its directory (unsure: yes). */
    private static boolean keyFileTracked(Path keyFile) {
        try {
            return OutsideRepository.trackedIn(keyFile, keyFile.getParent()).isPresent();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static boolean inside(Path path, Path container) {
        return path.startsWith(container);
    }

    /** Owned by the user running this process, with no permission for group or others. */
    private static boolean ownerOnly(Path path, Set<PosixFilePermission> allowed) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        return allowed.containsAll(permissions) && owner.equals(System.getProperty("user.name"));
    }

    /**
     * The header of a file of the cache: its magic line, its key and the HMAC-SHA256 of both and the
     * payload under the user's secret ({@code CacheSecret}, created when missing); empty when there is
     * no usable secret (then nothing is written).
     */
    private Optional<String> header(String magic, String key, byte[] payload) {
        return secret.read(directory, true, CompiledRulebookCache::keyFileTracked).map(s -> header(s, magic, key, payload));
    }

    /** The header of a file of the cache under this secret (tests forge authenticated files with it). */
    static String header(byte[] secret, String magic, String key, byte[] payload) {
        return magic + "\nkey " + key + "\nhmac-sha256 "
                + HexFormat.of().formatHex(CacheSecret.mac(secret, magic, key, payload)) + "\n\n";
    }

    /** The payload of an entry whose header names this key and the HMAC of the entry under the user's secret. */
    Optional<byte[]> payload(byte[] entry, String key) {
        return payload(entry, MAGIC, key);
    }

    /**
     * The payload of a file of the cache whose header starts with {@code magic}, names this key and
     * the HMAC-SHA256 under the user's secret of the magic line, the key and the payload (compared in
     * constant time, before anything in the payload is looked at); empty when it does not, or when
     * there is no usable secret.
     */
    private Optional<byte[]> payload(byte[] entry, String magic, String key) {
        Optional<byte[]> known = secret.read(directory, false, CompiledRulebookCache::keyFileTracked);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        String expectedStart = magic + "\nkey " + key + "\nhmac-sha256 ";
        byte[] start = expectedStart.getBytes(StandardCharsets.UTF_8);
        int macLength = 64;
        int payloadStart = start.length + macLength + 2;
        if (entry.length < payloadStart
                || !MessageDigest.isEqual(start, Arrays.copyOf(entry, start.length))
                || entry[start.length + macLength] != '\n' || entry[start.length + macLength + 1] != '\n') {
            return Optional.empty();
        }
        byte[] recorded;
        try {
            recorded = HexFormat.of().parseHex(new String(entry, start.length, macLength, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOfRange(entry, payloadStart, entry.length);
        return MessageDigest.isEqual(CacheSecret.mac(known.get(), magic, key, payload), recorded)
                ? Optional.of(payload) : Optional.empty();
    }

    private static byte[] serialize(Collection<KiePackage> packages) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(packages));
        }
        return bytes.toByteArray();
    }

    private static Collection<KiePackage> deserialize(byte[] payload, ClassLoader classLoader)
            throws IOException, ClassNotFoundException {
        try (InputStream in = new ByteArrayInputStream(payload);
                ObjectInputStream objects = new EntryObjectStream(in, classLoader)) {
            Object read = objects.readObject();
            if (!(read instanceof List<?> list)) {
                throw new IOException("not a list of packages");
            }
            List<KiePackage> packages = new ArrayList<>();
            for (Object element : list) {
                if (!(element instanceof KiePackage pkg)) {
                    throw new IOException("not a package: " + element);
                }
                packages.add(pkg);
            }
            return packages;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * The key of a result kept here (a document's parse, a rulebook's settings): lower-case hex SHA-256 over
     * each part's UTF-8 bytes followed by a NUL, then the bytes themselves. A part holding the bytes' length
     * keeps one split of parts and bytes from reading as another.
     */
    public static String resultKey(List<String> parts, byte[] bytes) {
        MessageDigest sha = sha256();
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        sha.update(bytes);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A fresh SHA-256: every Java platform has one. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    /**
     * The classes whose code the engine's fingerprint covers: the compiler, the fact classes and
     * Drools; the policy-language check's code too (its verdicts are kept under the same key): the
     * checker, Drools' DRL parser and JavaParser; and the rewriting of {@code matches} to RE2, which
     * is compiled into every entry: {@link LinearMatches}, {@link LinearPatterns},
     * {@link dev.planning.rules.facts.LinearRegex} and RE2/J (each class file counts where the code is
     * not in a jar).
     */
    static final List<Class<?>> ENGINE_CODE = List.of(RulebookCompiler.class, dev.planning.rules.facts.Report.class,
            KnowledgeBuilderFactory.class, DroolsObjectInputStream.class, PolicyLanguage.class,
            org.drools.drl.parser.DrlParser.class, com.github.javaparser.JavaParser.class, LinearMatches.class,
            LinearPatterns.class, dev.planning.rules.facts.LinearRegex.class, com.google.re2j.Pattern.class);

    /** The engine's fingerprint with each class's code as {@code codeOf} gives it. */
    static String engineFingerprint(Function<Class<?>, String> codeOf) {
        return engineFingerprint(codeOf, Boolean.parseBoolean(System.getProperty(
                DrlParser.ANTLR4_PARSER_ENABLED_PROPERTY, "false")));
    }

    /**
     * The engine's fingerprint with each class's code as {@code codeOf} gives it, under Drools' DRL10
     * parser or its default DRL6 one ({@code -Ddrools.drl.antlr4.parser.enabled}): the same bytes compile
     * to other packages under the other parser, and the policy check reads them as DRL6 only (attack29).
     * The switch is read as a property here, without initialising Drools' parser (a kept lint result
     * loads none of it).
     */
    static String engineFingerprint(Function<Class<?>, String> codeOf, boolean drl10) {
        StringBuilder print = new StringBuilder(System.getProperty("java.vm.version", "?"));
        for (Class<?> type : ENGINE_CODE) {
            print.append('|').append(codeOf.apply(type));
        }
        return print.append("|parser=").append(drl10 ? "DRL10" : "DRL6").toString();
    }

    /** The engine's fingerprint, computed once per process. */
    private static final class Fingerprint {
        static final String VALUE = engineFingerprint(CompiledRulebookCache::codeOf);
    }

    /** The jar (or class file) a class came from, with its size and modification time. */
    private static String codeOf(Class<?> type) {
        try {
            URL source = type.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(source.toURI());
            if (Files.isDirectory(path)) {
                path = path.resolve(type.getName().replace('.', '/') + ".class");
            }
            return path + ":" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // No fingerprint: a random one, so nothing stored by another process is ever read.
            return "unknown-" + new SecureRandom().nextLong();
        }
    }
}
