package dev.planning.rules.internal.drools;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The per-user secret that authenticates every file of a {@link CompiledRulebookCache}: 32 random
 * bytes in a file outside the cache directory ({@code $PLANNING_CACHE_KEY_FILE}, else
 * {@code $XDG_STATE_HOME/planning/cache-key}, else {@code ~/.local/state/planning/cache-key}), so a
 * cache directory copied from another job or machine, without that file, holds nothing that verifies.
 *
 * <p>The file is used only when it is a regular file (not a link), owned by the current user with no
 * permission for group or others, exactly {@value #BYTES} bytes, not tracked by git, in a directory
 * of the current user that neither group nor others may write; otherwise there is no secret and the
 * cache is not used. A missing file is created on the first store: owner-only ({@code 0600}, its
 * directory {@code 0700}), written under a temporary name and linked into place, never replacing a
 * file another process made meanwhile. A secret that checks out is read once per process and path.
 */
final class CacheSecret {

    /** The secret's size in bytes. */
    static final int BYTES = 32;

    /** The environment variable naming the key file. */
    static final String KEY_FILE_VARIABLE = "PLANNING_CACHE_KEY_FILE";

    /** SHA-256's block size in bytes (RFC 2104's B). */
    private static final int BLOCK = 64;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    /** Secrets read and checked in this process, by the key file's absolute path. */
    private static final Map<Path, byte[]> READ = new ConcurrentHashMap<>();

    private final Path file;

    private CacheSecret(Path file) {
        this.file = file;
    }

    /** The key file the environment names; none (no cache) when no home directory is known. */
    static CacheSecret from(Map<String, String> environment) {
        String explicit = environment.get(KEY_FILE_VARIABLE);
        String state = environment.get("XDG_STATE_HOME");
        String home = System.getProperty("user.home");
        Path file;
        try {
            if (present(explicit)) {
                file = Path.of(explicit);
            } else if (present(state)) {
                file = Path.of(state, "planning", "cache-key");
            } else if (present(home)) {
                file = Path.of(home, ".local", "state", "planning", "cache-key");
            } else {
                file = null;
            }
        } catch (InvalidPathException notAPath) {
            file = null; // no key file: no cache
        }
        return new CacheSecret(file == null ? null : file.toAbsolutePath().normalize());
    }

    /** The key file, when one is known. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The secret, when the key file exists and checks out (and, when {@code create}, after creating a
     * missing one); empty means "do not use the cache". Never a file inside {@code cacheDirectory}, nor
     * one {@code tracked} says git tracks (it is given the key file; it throws or says yes when unsure).
     */
    Optional<byte[]> read(Path cacheDirectory, boolean create, Predicate<Path> tracked) {
        if (file == null || file.getParent() == null || file.startsWith(cacheDirectory)) {
            return Optional.empty();
        }
        byte[] known = READ.get(file);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            if (create) {
                // exit25: what a killed creation left (a copy of a secret among them) goes on a store, an hour on.
                AtomicFiles.deleteStaleTemporaries(file);
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    create();
                }
            }
            Optional<byte[]> secret = checked(cacheDirectory, tracked);
            secret.ifPresent(s -> READ.putIfAbsent(file, s));
            return secret.map(s -> READ.getOrDefault(file, s));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * HMAC-SHA256 (RFC 2104) under {@code secret} of the magic line, the key and the payload, each
     * length-delimited. Built on the JDK's SHA-256 {@link MessageDigest} rather than
     * {@code javax.crypto.Mac}: the first {@code Mac} of a process instantiates the SunJCE provider and
     * its policy, about 28 ms of CPU on a {@code planning lint} that serves a kept result (0.107 s),
     * which every command here already pays for SHA-256 and nothing else
     * (docs/benchmarks/cache-mac.md). {@code CacheSecretTest.theMacIsTheJdksHmacSha256} checks it
     * against {@code Mac.getInstance("HmacSHA256")}.
     */
    static byte[] mac(byte[] secret, String magic, String key, byte[] payload) {
        if (secret.length > BLOCK) {
            throw new IllegalArgumentException("a secret longer than SHA-256's block");
        }
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < secret.length ? secret[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        MessageDigest sha = CompiledRulebookCache.sha256();
        sha.update(inner);
        for (String part : new String[] {magic, key}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        sha.update(ByteBuffer.allocate(8).putLong(payload.length).array());
        sha.update(payload);
        byte[] innerHash = sha.digest();
        sha.update(outer);
        return sha.digest(innerHash);
    }

    /** The file's 32 bytes when it and its directory pass every check; empty otherwise. */
    private Optional<byte[]> checked(Path cacheDirectory, Predicate<Path> tracked) throws IOException {
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        if (!ownedByUser(directory, true)
                || Files.getPosixFilePermissions(directory).stream().anyMatch(WRITABLE_BY_OTHERS::contains)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !ownedByUser(file, false)
                || !OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                || Files.size(file) != BYTES || file.toRealPath().startsWith(realOrAbsolute(cacheDirectory))
                || tracked.test(file)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[BYTES + 1];
        int read = 0;
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)); InputStream in = Channels.newInputStream(channel)) {
            for (int n; read < bytes.length && (n = in.read(bytes, read, bytes.length - read)) > 0;) {
                read += n;
            }
        }
        return read == BYTES ? Optional.of(Arrays.copyOf(bytes, BYTES)) : Optional.empty();
    }

    /** Creates the key file: 32 random bytes, owner-only, linked into place unless a file is already there. */
    private void create() throws IOException {
        Path directory = file.getParent();
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (directory.getParent() != null) {
                Files.createDirectories(directory.getParent());
            }
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } catch (FileAlreadyExistsException madeMeanwhile) {
                // checked below like any existing directory
            }
        }
        if (!ownedByUser(directory, true)
                || Files.getPosixFilePermissions(directory).stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            return;
        }
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        // exit25: the product's one writer, owner-only from the start, linked into place, never replacing a file;
        // its temporary is .<name>~<n>.tmp, deleted when the write fails (this wrote .cache-key<n>.tmp, which a
        // failed link or move left). A failure is a cache miss: read() turns it into no secret.
        try {
            AtomicFiles.writeNew(file, secret, PosixFilePermissions.toString(OWNER_ONLY_FILE));
        } catch (InvalidInputException madeMeanwhile) {
            // another process's secret wins; it is read and checked as any existing file
        }
    }

    private static boolean ownedByUser(Path path, boolean followLinks) throws IOException {
        LinkOption[] options = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        return Files.getOwner(path, options).getName().equals(System.getProperty("user.name"));
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
