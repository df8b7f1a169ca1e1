package dev.planning.engine.internal.digest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.schema.WholeNumbers;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the digest shows of a cycle's handoff manifest: identity, seal, artifacts with their
 * checksums, signatures, and whether each artifact still matches its checksum. The manifest is read
 * as plain YAML, so any manifest that parses can be excerpted; what it says counts only once it has been
 * verified as {@code planning verify --checksums-only} verifies it ({@link #verified}), those very bytes (digest40:
 * {@link #of} excerpts the bytes the caller verifies, never the file read again). One rule for its figures
 * (digest40): a manifest that does not verify leaves every figure taken from it unmeasured, whatever its fields say,
 * a malformed count included ({@link #countedCriticalViolations} is empty; the digest says why, each discrepancy);
 * a manifest that verifies and holds a malformed count is refused at the count's place (its reader refuses such a
 * count, so only the signers' keys could make one verify). Until verified, and when it does not verify, its fields
 * are shown as unverified and its {@code snapshot_rev} is not the digest's (digest39: a manifest rewritten to
 * {@code critical_violations: 0} after signing showed the KPI met).
 *
 * @param path               workspace-relative path of the manifest
 * @param sha256             SHA-256 of the manifest's bytes excerpted (and verified)
 * @param fields             identity fields present ({@code manifest_id}, {@code sealed_at}, ...), in order, as written
 * @param artifacts          the listed artifacts, each with the check of its checksum
 * @param signatureRoles     roles that signed, in order
 * @param criticalViolations {@code governance.critical_violations} when present: the whole number from 0 to
 *                           {@link Integer#MAX_VALUE} written (forgeable until verified), or why it is no such number,
 *                           at its place
 * @param unread             why the manifest's bytes could not be excerpted at all (not YAML, or larger than any
 *                           planning file), as {@code verify} says it; such a manifest never verifies (digest41)
 * @param discrepancies      why the manifest does not verify, each as {@code verify} describes it; empty when it
 *                           verifies
 */
record ManifestExcerpt(String path, String sha256, List<Field> fields, List<Artifact> artifacts,
        List<String> signatureRoles, Optional<Count> criticalViolations, Optional<String> unread,
        List<String> discrepancies) {

    /** The discrepancy of an excerpt not yet verified: fail closed, its figures count for nothing. */
    static final String NOT_VERIFIED = "not verified";

    private static final List<String> IDENTITY = List.of("manifest_id", "sealed_at", "created_by", "snapshot_rev",
            "rulebook_hash", "prior_manifest_id");

    private static final String POINTER = "/governance/critical_violations";

    ManifestExcerpt {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        fields = List.copyOf(fields);
        artifacts = List.copyOf(artifacts);
        signatureRoles = List.copyOf(signatureRoles);
        Objects.requireNonNull(criticalViolations, "criticalViolations");
        Objects.requireNonNull(unread, "unread");
        discrepancies = List.copyOf(discrepancies);
    }

    /** An excerpt whose count, when present, is a whole number. */
    ManifestExcerpt(String path, String sha256, List<Field> fields, List<Artifact> artifacts,
            List<String> signatureRoles, Optional<Integer> criticalViolations, List<String> discrepancies) {
        this(path, sha256, fields, artifacts, signatureRoles, criticalViolations.map(Whole::new), Optional.empty(),
                discrepancies);
    }

    /**
     * This excerpt, with the discrepancies its verification found (none: it verifies). Fail closed: an excerpt of
     * bytes that could not be read as YAML never verifies, whatever the verifier found ({@link #unread}).
     */
    ManifestExcerpt verified(List<String> found) {
        return new ManifestExcerpt(path, sha256, fields, artifacts, signatureRoles, criticalViolations, unread,
                found.isEmpty() && unread.isPresent() ? List.of(unread.get()) : found);
    }

    /** Whether the manifest verified: signatures by trusted keys of the required roles, every checksum. */
    boolean verifies() {
        return discrepancies.isEmpty();
    }

    /**
     * {@code governance.critical_violations}, the KPI input, only from a manifest that verifies: anyone who commits
     * can rewrite the count after signing, so an unverified count is no count (not measured), never the one written,
     * and a malformed one in a manifest that does not verify is no count either (digest40: it refused the digest).
     *
     * @throws InvalidInputException when the manifest verifies and its count is no whole number from 0 to
     *                               {@link Integer#MAX_VALUE}, at the count's place
     */
    Optional<Integer> countedCriticalViolations() {
        if (!verifies()) {
            return Optional.empty();
        }
        if (criticalViolations.isPresent() && criticalViolations.get() instanceof Mistake mistake) {
            throw new InvalidInputException(mistake.message(), mistake.at());
        }
        return criticalViolations.map(count -> ((Whole) count).value());
    }

    /** What the manifest's {@code governance.critical_violations} is: a whole number, or a mistake. */
    sealed interface Count permits Whole, Mistake {
    }

    /** A count that is a whole number from 0 to {@link Integer#MAX_VALUE}, as written. */
    record Whole(int value) implements Count {
    }

    /** Why the manifest's count is no count, at its place. */
    record Mistake(String message, SourceLocation at) implements Count {
    }

    /** A named identity field. */
    record Field(String name, String value) {
    }

    /** A listed artifact; {@code check} is {@code ok}, {@code changed} or {@code missing}. */
    record Artifact(String path, String sha256, String check) {
    }

    /** Whether every artifact matches its recorded checksum. */
    boolean intact() {
        return artifacts.stream().allMatch(a -> a.check().equals("ok"));
    }

    /** The excerpt, not yet verified, of the manifest at {@code path}, when the file exists. */
    static Optional<ManifestExcerpt> read(Path workspace, String path) {
        return read(workspace, path, bytes -> List.of(NOT_VERIFIED));
    }

    /**
     * The excerpt of the manifest at {@code path}, when the file exists, verified by {@code verify}: the bytes read
     * once, excerpted and verified (digest40). Bytes that are no YAML, and a file larger than any planning file
     * (which is not read into memory: its SHA-256 is taken in blocks), are a manifest that does not verify, as
     * {@code verify} says of them (digest41: they refused the whole digest, where any other manifest that does not
     * verify leaves only its figures unmeasured). A file the user may not read is refused.
     *
     * @param verify the discrepancies of the bytes read, each as {@code verify} describes it
     */
    static Optional<ManifestExcerpt> read(Path workspace, String path, Function<byte[], List<String>> verify) {
        Path file = SafePaths.resolve(workspace, path);
        if (!DirectoryEntries.isRegularFile(workspace, file, "the digest reports the cycle's handoff manifest")) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            // Bounded as every YAML document is: the manifest is a file anyone who commits writes.
            bytes = YamlDocuments.readBytes(file, path);
        } catch (DocumentException e) {
            if (!DocumentException.FILE_TOO_LARGE.equals(e.code())) {
                throw e;
            }
            String hash = streamedSha256(file).orElseThrow(() -> e);
            return Optional.of(unread(path, hash, e));
        }
        return Optional.of(of(workspace, path, bytes).verified(verify.apply(bytes)));
    }

    /** The excerpt, not yet verified, of these bytes, read from the manifest at {@code path}. */
    static ManifestExcerpt of(Path workspace, String path, byte[] bytes) {
        LocatedDocument document;
        try {
            document = YamlDocuments.parse(bytes, path);
        } catch (DocumentException e) {
            return unread(path, Sha256.hex(bytes), e);
        }
        JsonNode root = document.root();
        List<Field> fields = new ArrayList<>();
        for (String name : IDENTITY) {
            if (root.hasNonNull(name)) {
                fields.add(new Field(name, root.get(name).asText()));
            }
        }
        List<Artifact> artifacts = new ArrayList<>();
        Map<String, Optional<String>> hashes = new HashMap<>(); // each file hashed once, however often listed
        for (JsonNode artifact : root.path("artifacts")) {
            String artifactPath = artifact.path("path").asText("");
            String recorded = artifact.path("sha256").asText("");
            artifacts.add(new Artifact(artifactPath, recorded, check(workspace, artifactPath, recorded,
                    artifact.path("bytes").asLong(-1), hashes)));
        }
        List<String> roles = new ArrayList<>();
        root.path("signatures").forEach(s -> roles.add(s.path("role").asText("?")));
        Optional<Count> count = countMistake(document, path).map(Count.class::cast)
                .or(() -> criticalViolations(document).map(Whole::new));
        return new ManifestExcerpt(path, Sha256.hex(bytes), fields, artifacts, roles, count, Optional.empty(),
                List.of(NOT_VERIFIED));
    }

    /**
     * The excerpt of a manifest whose bytes are no YAML, or too large to read: nothing to show and no figure, and a
     * manifest that does not verify, as {@code verify} says ({@code MANIFEST_INVALID} and the reader's message).
     */
    private static ManifestExcerpt unread(String path, String sha256, DocumentException e) {
        String why = Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, path, e.describe()).describe();
        return new ManifestExcerpt(path, sha256, List.of(), List.of(), List.of(), Optional.empty(), Optional.of(why),
                List.of(why));
    }

    /**
     * {@code governance.critical_violations}, the KPI input {@code critical_violations}: absent when the manifest
     * holds none, else the whole number from 0 to {@link Integer#MAX_VALUE} written, as the manifest's reader and
     * {@code verify} take it ({@link WholeNumbers}); asked only when {@link #countMistake} found none.
     */
    private static Optional<Integer> criticalViolations(LocatedDocument document) {
        JsonNode critical = document.root().at(POINTER);
        return critical.isMissingNode() || critical.isNull() ? Optional.empty()
                : Optional.of((int) new WholeNumbers(document).value(POINTER));
    }

    /**
     * Why {@code governance.critical_violations} is no whole number from 0 to {@link Integer#MAX_VALUE}, at its place;
     * empty when it is one, or absent (attack39: {@code -5} was taken as it is, a count below none that a formula of
     * one's own adds to another input to hide it, and {@code 1.0}, the count 1 to every other reader, as no count, so
     * "not sealed"). Refused only from a manifest that verifies ({@link #countedCriticalViolations}).
     */
    private static Optional<Mistake> countMistake(LocatedDocument document, String path) {
        JsonNode critical = document.root().at(POINTER);
        if (critical.isMissingNode() || critical.isNull()) {
            return Optional.empty();
        }
        String why = ": the digest's KPI input critical_violations reads it; correct the manifest or seal again";
        if (!critical.isNumber()) {
            return Optional.of(new Mistake("`governance.critical_violations` must be an integer (found "
                    + critical.getNodeType().name().toLowerCase(Locale.ROOT) + ")" + why, document.locate(POINTER)));
        }
        return new WholeNumbers(document).check(POINTER, 0, Integer.MAX_VALUE).map(mistake -> new Mistake(
                mistake.message() + why, mistake.location().orElse(SourceLocation.ofFile(path))));
    }

    /**
     * {@code ok} when the file has the recorded size (when one is recorded) and SHA-256, {@code changed}
     * when it does not (a file of another size is not read; one of that size is read in blocks), {@code missing} when it is not a file of the workspace.
     */
    private static String check(Path workspace, String path, String recorded, long recordedBytes,
            Map<String, Optional<String>> hashes) {
        Path file;
        try {
            file = SafePaths.resolve(workspace, path);
        } catch (RuntimeException e) {
            // A path that escapes the workspace cannot be checked: report it, do not follow it.
            return "missing";
        }
        // A file that cannot be examined or read is refused, never reported missing or changed.
        String without = "the digest reports whether each sealed artifact is intact";
        if (!DirectoryEntries.isRegularFile(workspace, file, without)) {
            return "missing";
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + Shown.path(path) + " (" + Shown.why(e) + "): " + without,
                    SourceLocation.ofFile(path), e);
        }
        if (recordedBytes >= 0 && size != recordedBytes) {
            return "changed";
        }
        Optional<String> actual = hashes.computeIfAbsent(path, p -> streamedSha256(file));
        if (actual.isEmpty()) {
            throw new InvalidInputException("cannot read " + Shown.path(path) + " to hash it: " + without
                    + "; make it readable by the user running planning", SourceLocation.ofFile(path));
        }
        return actual.get().equals(recorded) ? "ok" : "changed";
    }

    /**
     * The SHA-256 of a file, read in blocks; empty when the user may not read it. A read the system failed (the disk
     * answering an I/O error) is handed on, a {@link SystemFailureException} (fail35: it was told as a file to make
     * readable, exit 2).
     */
    static Optional<String> streamedSha256(Path file) {
        try {
            return Optional.of(Sha256.file(file).sha256());
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return Optional.empty();
        }
    }
}
