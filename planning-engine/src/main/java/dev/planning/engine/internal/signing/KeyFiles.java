package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.engine.internal.workspace.WriteFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Generates a role's key pair as files: {@code DIR/<role>.key.pem} (private, owner-only),
 * {@code DIR/<role>.pub.pem}, and the public key added under its role to {@code DIR/trust.yaml}.
 *
 * <pre>{@code
 * GeneratedKey qa = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, Path.of("keys"));
 * Signer signer = PemSigner.load("QA", qa.privateKey());
 * }</pre>
 */
public final class KeyFiles {

    /** The trust file's name in a key directory. */
    public static final String TRUST_FILE = "trust.yaml";

    private KeyFiles() {
    }

    /**
     * Generates and writes a key pair for a role. Existing key files are never overwritten.
     *
     * <p>Safe to interrupt at any point, by a failure or a kill: the private key is first written
     * owner-only under a staging name ({@code DIR/.<role>.staged.key.pem}, which only this method
     * writes), then its public key is added to the trust file, and only then are the key files
     * written under their names and the staged file removed. So a key file under its name is always
     * trusted, and a trusted key always has its private key on disk. The next run for the role
     * finishes an interrupted one: a staged key the trust file lists gets its files (that key is
     * returned, whatever algorithm was asked for now); a staged key it does not list was never
     * trusted nor used, and is deleted before a new key is generated. The whole runs under the trust
     * file's lock, so two runs for one directory do not interleave.
     *
     * @return what it wrote, as {@link dev.planning.api.signing.Keys#generate} returns it
     * @throws dev.planning.api.InvalidInputException when the role is malformed, a key file exists or the
     *         directory's trust file does not read (then nothing is written)
     * @throws PlanningException when a file cannot be written; when the key was trusted by then, the
     *         message says so and that running it again completes it
     */
    public static GeneratedKey generate(String role, SignatureAlgorithm algorithm, Path directory) {
        Roles.require(role);
        Path trust = directory.resolve(TRUST_FILE);
        if (Files.exists(trust, LinkOption.NOFOLLOW_LINKS)) {
            // A trust file the key cannot be added to is refused before any key file is written, with its
            // errors at the path as given (the locked add below reads it again).
            TrustFile.read(trust);
        }
        // Outside the lock: an RSA key takes seconds.
        KeyPair pair = Crypto.generate(algorithm);
        return generateHolding(role, algorithm, directory, trust, pair, TrustFile::holding);
    }

    /** How {@link #generate} holds the trust file's lock: {@link TrustFile#holding}, or a test's seam. */
    @FunctionalInterface
    interface Locking {
        GeneratedKey holding(Path trust, PathLock.Body<GeneratedKey> body);
    }

    /**
     * {@link #generate}'s work under the trust file's lock. A failure once the body has returned (the lock's
     * release: an unlock or close that fails) changes nothing written: the key is installed, trusted and on
     * disk, and a run again would only say its files exist. So the key is returned, with a warning saying so
     * (reliab20; before, the command failed and its rerun refused), rather than an error. {@link PathLock}
     * itself no longer reports a failed release (reliab21: it closes the lock's channel, which drops the lock,
     * for every caller alike); this stays for any other failure after the body returned.
     */
    static GeneratedKey generateHolding(String role, SignatureAlgorithm algorithm, Path directory, Path trust,
            KeyPair pair, Locking locking) {
        AtomicReference<GeneratedKey> installed = new AtomicReference<>();
        try {
            return locking.holding(trust, () -> {
                GeneratedKey key = installLocked(role, algorithm, directory, trust, pair);
                installed.set(key);
                return key;
            });
        } catch (RuntimeException e) {
            GeneratedKey key = installed.get();
            if (key == null) {
                throw e;
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // The file system's reason in words (misc41), not the exception's class, where it is one of its; this
            // project's own message as it is, its values quoted where it was built (quoted again, an escape in it
            // showed as the escape of a backslash: msg43).
            String why = cause instanceof IOException failed ? Shown.reason(failed)
                    : cause instanceof PlanningException own ? Shown.why(own)
                    : cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + Shown.path(cause.getMessage()));
            return key.withWarning("the key is installed, but the lock on " + Shown.path(PathLock.sidecar(trust))
                    + " could not be released afterwards (" + why + "); the system releases it when this process ends");
        }
    }

    private static GeneratedKey installLocked(String role, SignatureAlgorithm algorithm, Path directory, Path trust,
            KeyPair pair) throws IOException {
        Files.createDirectories(directory);
        // A killed run's temporary files (a copy of a private key among them) go: every writer of these
        // files holds this lock.
        for (Path file : new Path[] {privateFile(directory, role), publicFile(directory, role),
                stagedFile(directory, role), trust}) {
            AtomicFiles.deleteStrayTemporaries(file);
        }
        Optional<GeneratedKey> finished = finishInterrupted(role, directory, trust);
        if (finished.isPresent()) {
            return finished.get();
        }
        Path privateFile = privateFile(directory, role);
        // Checked up front so that an existing public key does not leave a new private key behind.
        for (Path file : new Path[] {privateFile, publicFile(directory, role)}) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("key file already exists and is never overwritten;"
                        + " choose another --out or remove it", SourceLocation.ofFile(file.toString()));
            }
        }
        Path staged = stagedFile(directory, role);
        PemKeys.writePrivateKey(staged, pair.getPrivate());
        TrustedKey key = new TrustedKey(role, Crypto.keyId(pair.getPublic()), algorithm, pair.getPublic());
        try {
            TrustFile.addUnlocked(trust, key);
        } catch (RuntimeException e) {
            if (!trusted(trust, key)) {
                // Never trusted, never used: the staged key goes, and the next run starts afresh.
                deleteQuietly(staged, e);
                throw e;
            }
            // The trust file was replaced before the failure: the key is trusted, so its files are written.
        }
        return publish(key, directory, trust);
    }

    /**
     * The key an interrupted run staged, finished when the trust file lists it (its files written, the
     * staged file removed), or deleted when it does not (then empty).
     */
    private static Optional<GeneratedKey> finishInterrupted(String role, Path directory, Path trust) throws IOException {
        Path staged = stagedFile(directory, role);
        if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("the staged key of an interrupted `keys generate` is not a regular file;"
                    + " expected a private key file written by `keys generate`, or nothing",
                    SourceLocation.ofFile(staged.toString()));
        }
        KeyPair pair = PemKeys.readPrivateKey(staged);
        PublicKey publicKey = pair.getPublic();
        TrustedKey key = new TrustedKey(role, Crypto.keyId(publicKey),
                Crypto.algorithmOf(publicKey, SourceLocation.ofFile(staged.toString())), publicKey);
        if (!trusted(trust, key)) {
            Files.delete(staged);
            return Optional.empty();
        }
        return Optional.of(publish(key, directory, trust));
    }

    /**
     * Writes the trusted, staged key's files under their names (each kept when it already holds the
     * same bytes: an earlier run got that far) and removes the staged file last.
     */
    private static GeneratedKey publish(TrustedKey key, Path directory, Path trust) {
        Path staged = stagedFile(directory, key.role());
        Path privateFile = privateFile(directory, key.role());
        Path publicFile = publicFile(directory, key.role());
        try {
            writeOrKeep(privateFile, Files.readAllBytes(staged), "rw-------", staged);
            writeOrKeep(publicFile, PemKeys.publicKeyPem(key.publicKey()).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.DEFAULT_PERMISSIONS, staged);
            Files.delete(staged);
        } catch (IOException e) {
            throw notFinished(key, directory, staged, publishFailure(staged, e));
        } catch (InvalidInputException e) {
            throw e;
        } catch (PlanningException e) {
            throw notFinished(key, directory, staged, e);
        }
        return new GeneratedKey(key.role(), key.keyId(), key.algorithm(), privateFile, publicFile, trust);
    }

    private static void writeOrKeep(Path file, byte[] content, String permissions, Path staged) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
            throw new InvalidInputException("key file already exists and is never overwritten, and the trusted key of"
                    + " an interrupted `keys generate` waits in " + Shown.path(staged) + " for this name; expected no"
                    + " file here: move this one away and run `keys generate` again", SourceLocation.ofFile(file.toString()));
        }
        AtomicFiles.writeNew(file, content, permissions);
    }

    /**
     * A failure to read or delete the staged key (or to read a key file already there), classified as {@link
     * WriteFailures} classifies any write of the product's files: by the exception's type and the path, never by
     * its text (exit25; it was exit 2 whatever the cause). Names the file that failed.
     */
    static PlanningException publishFailure(Path staged, IOException e) {
        Path failed = e instanceof FileSystemException fs && fs.getFile() != null ? Path.of(fs.getFile()) : staged;
        return WriteFailures.of("cannot finish the key's files", failed, failed.toString(), e);
    }

    private static PlanningException notFinished(TrustedKey key, Path directory, Path staged, PlanningException cause) {
        String message = cause.getMessage() + "; the key " + key.keyId() + " was added to "
                + Shown.path(directory.resolve(TRUST_FILE)) + " for role " + key.role() + " and its private key is kept in "
                + Shown.path(staged) + ": run `planning keys generate --role " + key.role() + "` with the same --out"
                + " again to complete it";
        // A full disk stays the system's failure (exit 3, errors24), with what to run once it is fixed.
        return cause instanceof SystemFailureException
                ? new SystemFailureException(message, cause.location().orElse(null), cause)
                : new PlanningException(message, cause.location().orElse(null), cause);
    }

    private static boolean trusted(Path trust, TrustedKey key) {
        try {
            return Files.exists(trust, LinkOption.NOFOLLOW_LINKS) && TrustFile.read(trust).find(key.keyId(), key.role())
                    .isPresent();
        } catch (RuntimeException unreadable) {
            // A trust file that does not read trusts nothing here: the staged key is not kept for it.
            return false;
        }
    }

    private static void deleteQuietly(Path file, RuntimeException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException undo) {
            failure.addSuppressed(undo);
        }
    }

    private static Path privateFile(Path directory, String role) {
        return directory.resolve(role + ".key.pem");
    }

    private static Path publicFile(Path directory, String role) {
        return directory.resolve(role + ".pub.pem");
    }

    /** Where a run keeps the private key until it is trusted and written under its name. */
    static Path stagedFile(Path directory, String role) {
        return directory.resolve("." + role + ".staged.key.pem");
    }
}
