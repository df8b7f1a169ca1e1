package dev.planning.rules.internal.drools;

import dev.planning.engine.internal.git.OutsideRepository;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keeps the cache directory of {@link CompiledRulebookCache} within a bound: total bytes and number of
 * files, least recently used first. Recency is a file's modification time: an entry is written once,
 * and a read that finds it checking out moves its time to now when it is more than
 * {@link #TOUCH_AFTER} old ({@link #markUsed}), so a read costs no write on most runs.
 *
 * <p>Eviction is no attack path. It deletes only what the cache itself names and wrote: regular files
 * (links are never followed, nor deleted) whose name is a key and a suffix ({@code KEY.bin},
 * {@code KEY.policy}, {@code KEY.lint}, ...) or one of the cache's temporary files more than
 * {@link #STALE_TEMPORARY} old, owned by the current user and owner-only, and not tracked by git; it
 * runs only on a directory that is itself no link, owned by the user and owner-only (the checks a
 * cache must pass to be used at all); anything else in the directory is neither counted nor touched.
 * Two processes sweeping at once may both delete a file (the second finds it gone, which is fine); a
 * reader whose entry vanished finds it missing or unreadable, which means "compute again".
 */
final class CacheEviction {

    /** The environment variable bounding the cache's total bytes ({@code 512M}, {@code 2G}, a number of bytes). */
    static final String MAX_BYTES_VARIABLE = "PLANNING_CACHE_MAX_BYTES";

    /** The environment variable bounding the cache's number of files. */
    static final String MAX_FILES_VARIABLE = "PLANNING_CACHE_MAX_FILES";

    /** The default bound on the cache's total bytes: 256 MiB (the default rulebook's entry is about 110 KB). */
    static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    /** The default bound on the cache's number of files. */
    static final int DEFAULT_MAX_FILES = 2_000;

    /** A read moves an entry's time to now only when it is older than this (one write per hour at most). */
    static final Duration TOUCH_AFTER = Duration.ofHours(1);

    /** A temporary file older than this is a crashed writer's, and is deleted: the product's one bound for that. */
    static final Duration STALE_TEMPORARY = AtomicFiles.STALE_TEMPORARY;

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final long maxBytes;
    private final int maxFiles;
    private long bytesSinceSweep;
    private int filesSinceSweep;
    private boolean swept;

    CacheEviction(long maxBytes, int maxFiles) {
        if (maxBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("a cache bound must be positive: " + maxBytes + " bytes, " + maxFiles
                    + " files");
        }
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
    }

    /**
     * The bound the environment names ({@link #MAX_BYTES_VARIABLE}, {@link #MAX_FILES_VARIABLE}); a value
     * that is missing, not a positive number or out of range means the default.
     */
    static CacheEviction from(Map<String, String> environment) {
        return new CacheEviction(size(environment.get(MAX_BYTES_VARIABLE)).orElse(DEFAULT_MAX_BYTES),
                (int) Math.min(Integer.MAX_VALUE, count(environment.get(MAX_FILES_VARIABLE)).orElse(DEFAULT_MAX_FILES)));
    }

    long maxBytes() {
        return maxBytes;
    }

    int maxFiles() {
        return maxFiles;
    }

    /** A size with an optional {@code K}, {@code M} or {@code G} suffix (powers of 1024); empty when not one. */
    static OptionalLong size(String text) {
        if (text == null || !text.strip().matches("(?i)[0-9]{1,18}[kmg]?")) {
            return OptionalLong.empty();
        }
        String value = text.strip().toUpperCase(Locale.ROOT);
        char unit = value.charAt(value.length() - 1);
        int shift = unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : 0;
        long number = Long.parseLong(shift == 0 ? value : value.substring(0, value.length() - 1));
        if (number < 1 || number > (Long.MAX_VALUE >> shift)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(number << shift);
    }

    private static OptionalLong count(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,9}") || Long.parseLong(text.strip()) < 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text.strip()));
    }

    /**
     * Called after this process wrote {@code written} ({@code bytes} long) into {@code directory}: sweeps
     * on the first write of this cache object, and again once an eighth of the bound (in bytes or in
     * files) was written since, so a run that writes one entry lists the directory once and one that
     * writes thousands lists it a few times, and the directory exceeds its bound by at most an eighth
     * (plus the entry just written) per process writing at the time.
     */
    synchronized void written(Path directory, Path written, long bytes) {
        bytesSinceSweep += bytes;
        filesSinceSweep++;
        if (swept && bytesSinceSweep <= maxBytes / 8 && filesSinceSweep <= maxFiles / 8) {
            return;
        }
        swept = true;
        bytesSinceSweep = 0;
        filesSinceSweep = 0;
        sweep(directory, written);
    }

    /**
     * Deletes the least recently used files the cache named in {@code directory} until their total size
     * and number are within the bound, never {@code keep}; and every stale temporary file. Does nothing
     * when the directory is a link, not the user's or open to others.
     *
     * @return how many files were deleted
     */
    int sweep(Path directory, Path keep) {
        try (OpenDirectory open = OpenDirectory.ifPrivate(directory)) {
            if (open == null) {
                return 0;
            }
            List<Kept> kept = new ArrayList<>();
            List<Path> stale = new ArrayList<>();
            Instant staleBefore = Instant.now().minus(STALE_TEMPORARY);
            for (Path file : open.entries()) {
                String name = file.getFileName().toString();
                boolean named = Names.KEPT.matcher(name).matches();
                if (!named && !Names.TEMPORARY.matcher(name).matches()) {
                    continue;
                }
                PosixFileAttributes attributes = open.ownedFile(file);
                if (attributes == null) {
                    continue;
                }
                if (named) {
                    kept.add(new Kept(file, attributes.size(), attributes.lastModifiedTime()));
                } else if (attributes.lastModifiedTime().toInstant().isBefore(staleBefore)) {
                    stale.add(file);
                }
            }
            int deleted = 0;
            for (Path file : stale) {
                deleted += open.delete(file) ? 1 : 0;
            }
            long bytes = kept.stream().mapToLong(Kept::size).sum();
            int count = kept.size();
            if (bytes <= maxBytes && count <= maxFiles) {
                return deleted;
            }
            kept.sort(Comparator.comparing(Kept::used).thenComparing(k -> k.file().getFileName().toString()));
            for (Kept file : kept) {
                if (bytes <= maxBytes && count <= maxFiles) {
                    break;
                }
                if (file.file().equals(keep)) {
                    continue;
                }
                if (open.delete(file.file())) {
                    deleted++;
                }
                // Gone either way (deleted now, or by another process sweeping at the same time); a file
                // git tracks is left, and counted as gone too, so that the sweep does not delete more.
                bytes -= file.size();
                count--;
            }
            return deleted;
        } catch (IOException | RuntimeException e) {
            // A cache is an optimisation: a sweep that fails leaves it as it is.
            return 0;
        }
    }

    /**
     * Deletes every file the cache named in {@code directory} (the same files a sweep may delete,
     * temporary files included, whatever their age), when the directory passes the checks a cache
     * must pass; returns how many files and bytes were deleted.
     */
    static long[] clear(Path directory) throws IOException {
        return count(directory, name -> Names.KEPT.matcher(name).matches() || Names.TEMPORARY.matcher(name).matches(),
                true);
    }

    /**
     * The files the cache named in {@code directory} that a sweep counts: how many, and their bytes;
     * {@code {0, 0}} for a missing directory.
     *
     * @throws IOException when the directory fails the checks (the cache would neither use nor sweep it)
     */
    static long[] usage(Path directory) throws IOException {
        return count(directory, name -> Names.KEPT.matcher(name).matches(), false);
    }

    /**
     * Counts (and deletes, when {@code delete}) the files of {@code directory} whose names {@code
     * named} accepts and that are the user's own, private, regular files; a missing directory holds none; a directory that fails the checks is refused ({@link IOException}).
     */
    static long[] count(Path directory, Predicate<String> named, boolean delete) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return new long[] {0, 0};
        }
        long files = 0;
        long bytes = 0;
        try (OpenDirectory open = OpenDirectory.ifPrivate(directory)) {
            if (open == null) {
                // The directory as the exception's file, the words as its reason (Shown.reason): a message naming
                // it again would show it raw, or quoted twice where the message is shown (msg44).
                throw new FileSystemException(directory.toString(), null,
                        "not a private cache directory (a link, another user's, or open to others)");
            }
            for (Path file : open.entries()) {
                if (!named.test(file.getFileName().toString())) {
                    continue;
                }
                PosixFileAttributes attributes = open.ownedFile(file);
                if (attributes != null && (!delete || open.delete(file))) {
                    files++;
                    bytes += attributes.size();
                }
            }
        }
        return new long[] {files, bytes};
    }


    /**
     * Records that a file of the cache was just used (it checked out): moves its modification time to
     * now when it is more than {@link #TOUCH_AFTER} old, without following a link. Failing changes nothing.
     */
    static void markUsed(Path file) {
        try {
            BasicFileAttributeView view = Files.getFileAttributeView(file, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            FileTime now = FileTime.from(Instant.now());
            if (view.readAttributes().lastModifiedTime().toInstant().isBefore(now.toInstant().minus(TOUCH_AFTER))) {
                view.setTimes(now, null, null);
            }
        } catch (IOException | RuntimeException e) {
            // A recency that could not be recorded only makes the entry an earlier candidate for eviction.
        }
    }

    /** Whether {@code attributes} are of a directory (no link) of the current user, owner-only. */
    private static boolean privateDirectory(PosixFileAttributes attributes) {
        return attributes.isDirectory() && OWNER_ONLY_DIRECTORY.containsAll(attributes.permissions())
                && attributes.owner().getName().equals(System.getProperty("user.name"));
    }

    /** Whether {@code attributes} are of a regular file (no link) of the current user, owner-only. */
    private static boolean ownedFile(PosixFileAttributes attributes) {
        return attributes.isRegularFile() && OWNER_ONLY_FILE.containsAll(attributes.permissions())
                && attributes.owner().getName().equals(System.getProperty("user.name"));
    }

    /**
     * The cache directory, checked and open: its entries are listed, examined and deleted relative to
     * the directory that passed the checks, not by its name again, where the platform allows
     * ({@link SecureDirectoryStream}, as on Linux): a directory swapped for a link after the check (by
     * someone who may write its parent) is then not the one files are deleted from.
     */
    private static final class OpenDirectory implements Closeable {

        private final Path directory;
        private final DirectoryStream<Path> stream;
        private final SecureDirectoryStream<Path> secure;

        private OpenDirectory(Path directory, DirectoryStream<Path> stream) {
            this.directory = directory;
            this.stream = stream;
            this.secure = stream instanceof SecureDirectoryStream<Path> relative ? relative : null;
        }

        /**
         * The directory open, when it is no link, the user's and owner-only, and (where the platform
         * lets the open directory be examined) the directory opened is the one checked; else null.
         */
        static OpenDirectory ifPrivate(Path directory) throws IOException {
            PosixFileAttributes checked = Files.readAttributes(directory, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!privateDirectory(checked)) {
                return null;
            }
            OpenDirectory open = new OpenDirectory(directory, Files.newDirectoryStream(directory));
            if (open.secure != null) {
                PosixFileAttributes opened = open.secure.getFileAttributeView(PosixFileAttributeView.class)
                        .readAttributes();
                if (!privateDirectory(opened) || checked.fileKey() == null
                        || !checked.fileKey().equals(opened.fileKey())) {
                    open.close();
                    return null;
                }
            }
            return open;
        }

        Iterable<Path> entries() {
            return stream;
        }

        /** The file's attributes when it is a regular file (no link), the user's and owner-only; else null. */
        PosixFileAttributes ownedFile(Path file) {
            try {
                PosixFileAttributes attributes = secure == null
                        ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        : secure.getFileAttributeView(file.getFileName(), PosixFileAttributeView.class,
                                LinkOption.NOFOLLOW_LINKS).readAttributes();
                return CacheEviction.ownedFile(attributes) ? attributes : null;
            } catch (IOException | RuntimeException e) {
                return null; // gone meanwhile, or unreadable: not the sweep's to touch
            }
        }

        /**
         * Deletes a file of the cache unless git tracks it (then it belongs to a checkout, not to the
         * cache); removes a name, never what a link points to. False when it was not deleted by this call.
         */
        boolean delete(Path file) {
            try {
                if (OutsideRepository.trackedIn(file, directory).isPresent()) {
                    return false;
                }
                if (secure == null) {
                    Files.delete(file);
                } else {
                    secure.deleteFile(file.getFileName());
                }
                return true;
            } catch (IOException | RuntimeException e) {
                return false; // gone meanwhile (another sweep), or not ours to delete
            }
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    private record Kept(Path file, long size, FileTime used) {
    }

    /** The cache's file names, compiled only when a sweep or a clear needs them (a cache hit does not). */
    private static final class Names {
        /** The names of the files the cache keeps: a key and a suffix. */
        static final Pattern KEPT = Pattern.compile("[0-9a-f]{64}\\.[a-z]{1,16}");

        /**
         * The names of the cache's temporary files: {@code .KEY.SUFFIX~N.tmp}, as the product's one writer names a
         * kept file's ({@code AtomicFiles}); and {@code KEYN.tmp}, as this cache named them before (fold26), left by
         * a crash of an earlier version.
         */
        static final Pattern TEMPORARY = Pattern.compile("\\.[0-9a-f]{64}\\.[a-z]{1,16}~[0-9]{1,20}\\.tmp|[0-9a-f]{64}[0-9]{1,20}\\.tmp");
    }
}
