package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.document.KeptParses;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.git.OutsideRepository;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.schema.WholeNumbers;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.LockFailedException;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The trust file ({@code trust.yaml}): the public keys whose signatures count, by role.
 *
 * <pre>
 * version: "1.0"
 * roles:
 *   QA:
 *     - key_id: 5c1e...            # lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo
 *       algorithm: Ed25519          # or ECDSA-P256-SHA256, RSA-SHA256
 *       public_key: |
 *         -----BEGIN PUBLIC KEY-----
 *         MCowBQYDK2VwAyEA...
 *         -----END PUBLIC KEY-----
 * signing:                          # optional: the keeper's signing policy, on top of the rulebook's
 *   required:
 *     - {roles: [QA], min: 1}
 * </pre>
 *
 * <p>The optional {@code signing} section has the rulebook's form. Both policies apply, so a
 * contributor who lowers the rulebook's {@code signing} in the repository cannot lower what the
 * trust file, kept outside it, requires. Each role it names must have a key in the file.
 *
 * <p>Reading checks the file against its schema and checks each entry: its {@code key_id} must be
 * the fingerprint of its {@code public_key}, and its {@code algorithm} the key's. Errors name the
 * line and column.
 */
public final class TrustFile {

    private TrustFile() {
    }

    /** The writer, made when a trust file is first written (reading one never needs it). */
    private static final class Writer {
        static final ObjectMapper YAML = JsonMappers.yamlWithLiteralBlocks();
    }

    /**
     * Reads a trust file that must lie outside {@code workspace}: whoever can commit to the
     * workspace's repository could add their own key to a trust file inside it, so such a file
     * would prove self-consistency only, and the trust anchor would fail open (SPEC §8). The check
     * follows symbolic links, so a link from outside into the workspace is refused too.
     *
     * @throws InvalidInputException when the file lies inside the workspace or is committed to its
     *     repository ({@link #requireOutside}), or as {@link #read}
     */
    public static TrustedKeys readOutside(Path file, Path workspace) {
        requireOutside(file, workspace);
        return read(file, workspace);
    }

    /**
     * Refuses a trust file inside {@code workspace} (following symbolic links), or committed to the
     * git repository that holds the workspace (tracked in its index or {@code HEAD}, the file or a
     * link to it), as {@link #readOutside} does, without reading it. An untracked file in the
     * repository's work tree (a secret the CI mounts, a git-ignored build output) is accepted: no
     * commit put it there.
     *
     * @throws InvalidInputException when the file lies inside the workspace or is committed to its repository
     */
    public static void requireOutside(Path file, Path workspace) {
        // A workspace may be one directory of a larger repository (a monorepo's planning/): a file
        // committed elsewhere in it (ci/trust.yaml) is as writable. An untracked file there (a CI
        // secret mounted into the checkout, git-ignored build output) comes from no commit.
        OutsideRepository.require(file, workspace, "the trust file lies inside the workspace, where anyone who can"
                + " commit can add a key to it; keep it outside the repository (CI configuration, a pinned path) and"
                + " pass it with --trust", workTree -> "the trust file is committed to the workspace's git repository (work tree "
                + workTree + "), where anyone who can commit can add a key to it; keep it outside the repository (CI"
                + " configuration, a pinned path) and pass it with --trust");
    }

    /**
     * Reads a trust file.
     *
     * @throws InvalidInputException when it is missing, malformed, or an entry does not hold together
     */
    public static TrustedKeys read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a trust file for a workspace: with a {@link KeptParses} store in use, the values of a file
     * that read without error are kept for its exact bytes ({@link TrustValues}), and the same bytes
     * read again skip the YAML parse and the schema validation; every key is still decoded from its PEM
     * text and checked against its {@code key_id} and {@code algorithm}, and the signing policy against
     * the keys, on every read. A kept entry that does not decode, or whose keys do not check out,
     * means "parse again", with the errors located as without it.
     */
    private static TrustedKeys read(Path file, Path workspace) {
        // As given, so that file:line:col opens in an editor; on one line, each control character escaped.
        String display = Printable.line(file.toString());
        // Under a directory that may not be searched it is there but unreadable: refused as such, not "not found".
        Optional<BasicFileAttributes> attributes = DirectoryEntries.attributesShown(file, file.toString(),
                "the keys it trusts cannot be read");
        if (attributes.isEmpty() || !attributes.get().isRegularFile()) {
            if (attributes.isPresent() && attributes.get().isDirectory()) {
                // `--trust ~/.planning/keys`, the directory `keys generate --out` was given.
                throw new InvalidInputException("is a directory, not a trust file: pass the trust file itself ("
                        + (Files.isRegularFile(file.resolve("trust.yaml")) ? file.resolve("trust.yaml")
                                : "the trust.yaml `planning keys generate --out DIR` writes")
                        + ")", SourceLocation.ofFile(SafePaths.shown(file)));
            }
            throw new InvalidInputException("trust file not found (expected trust.yaml listing public keys by role;"
                    + " `planning keys generate --role ROLE --out DIR` creates one)", SourceLocation.ofFile(SafePaths.shown(file)));
        }
        byte[] bytes = YamlDocuments.readBytes(file, display);
        if (workspace != null) {
            Optional<TrustedKeys> kept = KeptParses.read(TrustValues.KIND, TrustValues.code(), bytes, workspace)
                    .flatMap(TrustValues::decode)
                    .flatMap(values -> fromValues(values, display));
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        LocatedDocument document = YamlDocuments.parse(bytes, display);
        List<Finding> errors = new ArrayList<>();
        List<Finding> schema = schemaErrors(document);
        if (!schema.isEmpty()) {
            throw ErrorList.exception("invalid trust file", schema, document.fileLocation());
        }
        TrustValues values = TrustValues.of(document);
        List<TrustedKey> keys = keys(values, document::locate, errors);
        SigningPolicy signing = signing(values, keys, document::locate, errors);
        if (!errors.isEmpty()) {
            throw ErrorList.exception("invalid trust file", errors, document.fileLocation());
        }
        if (workspace != null && KeptParses.active()) {
            KeptParses.keep(TrustValues.KIND, TrustValues.code(), bytes, values.encode(), workspace);
        }
        return new TrustedKeys(keys, display, signing);
    }

    /**
     * The keys of kept values, checked as on a parse; empty when anything does not hold (the file is
     * then parsed again, and its errors located).
     */
    private static Optional<TrustedKeys> fromValues(TrustValues values, String display) {
        try {
            List<Finding> errors = new ArrayList<>();
            SourceLocation file = SourceLocation.ofFile(display);
            List<TrustedKey> keys = keys(values, pointer -> file, errors);
            SigningPolicy signing = signing(values, keys, pointer -> file, errors);
            return errors.isEmpty() ? Optional.of(new TrustedKeys(keys, display, signing)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The trust file's signing policy ({@link SigningPolicy#NONE} without a {@code signing}
     * section); a role it requires that has no key in the file is an error (the policy could never
     * be met).
     */
    private static SigningPolicy signing(TrustValues values, List<TrustedKey> keys,
            Function<String, SourceLocation> locate, List<Finding> errors) {
        if (!errors.isEmpty() || values.required().isEmpty()) {
            return SigningPolicy.NONE;
        }
        List<TrustValues.Requirement> entries = values.required().get();
        List<SigningRequirement> required = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            TrustValues.Requirement entry = entries.get(i);
            List<String> roles = entry.roles();
            for (int r = 0; r < roles.size(); r++) {
                String role = roles.get(r);
                if (keys.stream().noneMatch(k -> k.role().equals(role))) {
                    errors.add(Finding.error(SchemaCatalog.INVALID, "signing requires role " + role + ", which has no"
                            + " key in this trust file; the policy could never be met (add the role's key under"
                            + " roles, or remove it here)", locate.apply("/signing/required/" + i + "/roles/" + r)));
                }
            }
            try {
                required.add(new SigningRequirement(roles, entry.min()));
            } catch (IllegalArgumentException | InvalidInputException e) {
                errors.add(Finding.error(SchemaCatalog.INVALID, e.getMessage(), locate.apply("/signing/required/" + i)));
            }
        }
        return new SigningPolicy(required);
    }

    /**
     * Every problem of a trust file, for lint: YAML, schema, and each entry's key, fingerprint and
     * algorithm. Never throws for a bad file.
     *
     * @param file    the trust file, which must exist
     * @param display how findings name it (normally workspace-relative)
     * @return the error findings, located; empty when {@link #read} would accept the file
     */
    public static List<Finding> check(Path file, String display) {
        LocatedDocument document;
        try {
            document = YamlDocuments.read(file, display);
        } catch (DocumentException e) {
            return YamlDocuments.findings(e);
        }
        List<Finding> schema = schemaErrors(document);
        if (!schema.isEmpty()) {
            return List.copyOf(schema);
        }
        List<Finding> errors = new ArrayList<>();
        TrustValues values = TrustValues.of(document);
        List<TrustedKey> keys = keys(values, document::locate, errors);
        signing(values, keys, document::locate, errors);
        if (errors.isEmpty()) {
            try {
                new TrustedKeys(keys, display);
            } catch (InvalidInputException e) {
                errors.add(Finding.error(SchemaCatalog.INVALID, e.getMessage(),
                        e.location().orElse(document.fileLocation())));
            }
        }
        return List.copyOf(errors);
    }

    /**
     * The schema's errors, each requirement's {@code min} judged as written ({@link WholeNumbers}): the validator
     * read {@code 2.0000000000000001} as the integer 2 and {@code 1e400} as "Infinity" (keys27). One error per
     * mistake: the schema's at the place of a {@code min}'s own are dropped.
     */
    private static List<Finding> schemaErrors(LocatedDocument document) {
        WholeNumbers whole = new WholeNumbers(document);
        List<Finding> numbers = new ArrayList<>();
        JsonNode required = document.root().path("signing").path("required");
        for (int i = 0; i < required.size(); i++) {
            whole.checkWhereTheValidatorCannot("/signing/required/" + i + "/min", 1, Integer.MAX_VALUE).ifPresent(numbers::add);
        }
        Set<String> numbered = new HashSet<>();
        numbers.forEach(f -> numbered.add(f.location().map(Object::toString).orElse("")));
        List<Finding> errors = new ArrayList<>(SchemaCatalog.standard().validate(document, ArtifactSchema.TRUST)
                .stream().filter(f -> !numbered.contains(f.location().map(Object::toString).orElse(""))).toList());
        errors.addAll(numbers);
        return errors;
    }

    /** The keys of a schema-valid document's values; every problem is added to {@code errors}. */
    private static List<TrustedKey> keys(TrustValues values, Function<String, SourceLocation> locate,
            List<Finding> errors) {
        List<TrustedKey> keys = new ArrayList<>();
        Map<String, Listed> identities = new LinkedHashMap<>();
        for (TrustValues.Listing listing : values.keys()) {
            String pointer = "/roles/" + listing.role() + "/" + listing.index();
            TrustedKey key;
            try {
                key = entry(locate, pointer, listing);
            } catch (InvalidInputException e) {
                errors.add(Finding.error(SchemaCatalog.INVALID, e.getMessage(), e.location().orElse(locate.apply(pointer))));
                continue;
            }
            Listed first = identities.putIfAbsent(Crypto.identity(key.publicKey()), new Listed(key.keyId(),
                    locate.apply(pointer + "/key_id")));
            if (first != null && !first.keyId().equals(key.keyId())) {
                // One key in two encodings would get two key ids and could count as two signers.
                errors.add(Finding.error(SchemaCatalog.INVALID, "this public_key is the key already listed as key_id "
                        + first.keyId() + " at " + first.at() + ", in another encoding (explicit curve parameters,"
                        + " a compressed point or other algorithm parameters); list each key once, in one"
                        + " encoding", locate.apply(pointer + "/public_key")));
                continue;
            }
            keys.add(key);
        }
        return keys;
    }

    /**
     * Adds a key under a role, creating the file when missing; an entry already there is kept once.
     *
     * <p>The read, the change and the write happen under the file's {@link PathLock} (threads of
     * this JVM and other processes alike), so two keys added at once both land; the file is
     * replaced atomically, so a reader sees the old file or the new. The lock's sidecar,
     * {@code trust.yaml.lock}, stays beside the file.
     *
     * @throws InvalidInputException when the existing file does not read (nothing is written)
     * @throws LockFailedException   when the file's lock cannot be taken (nothing is written)
     */
    public static void add(Path file, TrustedKey key) {
        Path absolute = file.toAbsolutePath();
        holding(file, () -> {
            // Every writer of the trust file holds this lock: a temporary of its name is a killed write's.
            AtomicFiles.deleteStrayTemporaries(absolute);
            addUnlocked(absolute, key);
            return null;
        });
    }

    /**
     * Runs {@code body} holding the trust file's lock, as {@link #add} does, for a change that spans more
     * than the trust file: {@link KeyFiles} stages a key, adds it ({@link #addUnlocked}) and writes its
     * files under one hold, so that a second {@code keys generate} for the directory waits rather than
     * taking the first one's staged key for an interrupted one's.
     *
     * @throws LockFailedException when the file's lock cannot be taken (nothing ran)
     * @throws PlanningException   when {@code body} fails with an {@link IOException} (removing a killed
     *                             write's temporary file, say), naming the trust file and why
     */
    static <T> T holding(Path file, PathLock.Body<T> body) {
        try {
            return PathLock.holdingCreating(file, body);
        } catch (IOException e) {
            throw new PlanningException("cannot add a key to the trust file " + Shown.path(file) + " ("
                    + Shown.reason(e) + ")", SourceLocation.ofFile(Shown.path(file)), e);
        }
    }

    /** {@link #add}'s read, change and write, for a caller already {@link #holding} the file's lock. */
    static void addUnlocked(Path file, TrustedKey key) {
        Map<String, List<Entry>> roles = new LinkedHashMap<>();
        SigningPolicy signing = SigningPolicy.NONE;
        if (Files.exists(file)) {
            TrustedKeys existingKeys = read(file);
            for (TrustedKey existing : existingKeys.keys()) {
                roles.computeIfAbsent(existing.role(), r -> new ArrayList<>()).add(Entry.of(existing));
            }
            signing = existingKeys.signing();
        }
        List<Entry> entries = roles.computeIfAbsent(key.role(), r -> new ArrayList<>());
        if (entries.stream().noneMatch(e -> e.keyId().equals(key.keyId()))) {
            entries.add(Entry.of(key));
        }
        // Kept as it was: adding a key never changes the keeper's signing policy.
        Optional<Signing> policy = signing.required().isEmpty() ? Optional.empty() : Optional.of(new Signing(
                signing.required().stream().map(r -> new Requirement(r.roles(), r.min())).toList()));
        try {
            String text = "# Public keys trusted to sign handoff manifests, by role (`planning verify --trust`).\n"
                    + Writer.YAML.writeValueAsString(new Document("1.0", roles, policy));
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the trust file", e);
        }
    }

    /** The trust file as written; {@code signing} only when the file had a policy. */
    @JsonPropertyOrder({"version", "roles", "signing"})
    private record Document(String version, Map<String, List<Entry>> roles,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Signing> signing) {
    }

    /** One trusted key. */
    @JsonPropertyOrder({"key_id", "algorithm", "public_key"})
    private record Entry(@JsonProperty("key_id") String keyId, String algorithm,
            @JsonProperty("public_key") String publicKey) {

        static Entry of(TrustedKey key) {
            return new Entry(key.keyId(), key.algorithm().id(), PemKeys.publicKeyPem(key.publicKey()));
        }
    }

    /** The signatures a manifest needs. */
    private record Signing(List<Requirement> required) {
    }

    /** At least {@code min} signatures by keys of these roles. */
    @JsonPropertyOrder({"roles", "min"})
    private record Requirement(List<String> roles, int min) {
    }

    /** Where a key was first listed. */
    private record Listed(String keyId, SourceLocation at) {
    }

    private static TrustedKey entry(Function<String, SourceLocation> locate, String pointer,
            TrustValues.Listing listing) {
        SourceLocation at = locate.apply(pointer + "/public_key");
        PublicKey key;
        key = PemKeys.parsePublicKey(listing.publicKey(), at);
        String keyId = listing.keyId();
        String actualId = Crypto.keyId(key);
        if (!actualId.equals(keyId)) {
            throw new InvalidInputException("key_id " + keyId + " is not the fingerprint of this public_key, which is "
                    + actualId, locate.apply(pointer + "/key_id"));
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.fromId(listing.algorithm());
        SignatureAlgorithm actual = Crypto.algorithmOf(key, at);
        if (actual != algorithm) {
            throw new InvalidInputException("algorithm " + algorithm.id() + " does not match the public key, which is "
                    + actual.id(), locate.apply(pointer + "/algorithm"));
        }
        return new TrustedKey(listing.role(), keyId, algorithm, key);
    }
}
