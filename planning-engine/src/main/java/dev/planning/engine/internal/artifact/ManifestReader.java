package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.schema.WholeNumbers;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a handoff manifest with the hardened YAML reader, validates it against the
 * {@code handoff-manifest} schema, and checks that every artifact path stays inside the workspace.
 * Every refusal is an {@link InvalidInputException} located at the offending line and column.
 *
 * <pre>{@code
 * ManifestReader.Read read = new ManifestReader(workspace).read(file, "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml");
 * HandoffManifest manifest = read.manifest();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ManifestReader {

    private final Path workspace;
    private final ReaderSchemas schemas;

    /**
     * A reader that validates with the standard schemas ({@link SchemaCatalog#standard}), loaded when a
     * manifest is first parsed (a kept parse needs none).
     *
     * @param workspace the workspace the manifest's artifact paths are relative to
     */
    public ManifestReader(Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.schemas = ReaderSchemas.shipped();
    }

    public ManifestReader(Path workspace, SchemaCatalog catalog) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.schemas = ReaderSchemas.of(catalog);
    }

    /**
     * A manifest as read: the model and the exact bytes it was read from.
     */
    public record Read(HandoffManifest manifest, byte[] bytes) {

        public Read {
            Objects.requireNonNull(manifest, "manifest");
            bytes = bytes.clone();
        }

        /** The bytes read, a copy. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * Reads a manifest file.
     *
     * @param displayPath how errors name it (normally workspace-relative)
     * @throws InvalidInputException when it is unreadable, malformed, invalid, or names a path
     *                               outside the workspace
     */
    public Read read(Path file, String displayPath) {
        return parse(YamlDocuments.readBytes(file, displayPath), displayPath);
    }

    /**
     * Every problem of a manifest file, for lint: YAML, schema (every error, located) and the paths
     * it names. Never throws for a bad file.
     *
     * @param file        the manifest, which must exist
     * @param displayPath how findings name it (normally workspace-relative)
     * @return the error findings; empty when {@link #read} would accept the file
     */
    public List<Finding> check(Path file, String displayPath) {
        LocatedDocument document;
        try {
            document = YamlDocuments.read(file, displayPath);
        } catch (DocumentException e) {
            return YamlDocuments.findings(e);
        }
        List<Finding> findings = schemas.catalog().validate(document, ArtifactSchema.HANDOFF_MANIFEST);
        if (!findings.isEmpty()) {
            return List.copyOf(findings);
        }
        WholeNumbers whole = new WholeNumbers(document);
        List<Finding> numbers = wholeNumberErrors(document, whole);
        if (!numbers.isEmpty()) {
            return numbers;
        }
        try {
            model(document, whole);
        } catch (InvalidInputException e) {
            return List.of(Finding.error(SchemaCatalog.INVALID, e.getMessage(),
                    e.location().orElse(document.fileLocation())));
        } catch (RuntimeException e) {
            return List.of(Finding.error(SchemaCatalog.INVALID, "invalid handoff manifest: " + e.getMessage(),
                    document.fileLocation()));
        }
        return List.of();
    }

    /** Parses manifest bytes, as {@link #read}. */
    public Read parse(byte[] bytes, String displayPath) {
        LocatedDocument document = YamlDocuments.parse(bytes, displayPath);
        List<Finding> findings = schemas.catalog().validate(document, ArtifactSchema.HANDOFF_MANIFEST);
        if (!findings.isEmpty()) {
            throw ErrorList.exception("invalid handoff manifest", findings, document.fileLocation());
        }
        WholeNumbers whole = new WholeNumbers(document);
        List<Finding> numbers = wholeNumberErrors(document, whole);
        if (!numbers.isEmpty()) {
            throw ErrorList.exception("invalid handoff manifest", numbers, document.fileLocation());
        }
        return new Read(model(document, whole), bytes);
    }

    /**
     * Each artifact's {@code bytes} and the {@code critical_violations} that are not whole numbers a {@code long}
     * and an {@code int} hold as written ({@link WholeNumbers}: the schema's {@code integer} takes {@code 1.0}, and
     * its validator judged {@code 18446744073709551617} by its low 64 bits, which {@code asInt()} read as 1).
     */
    private static List<Finding> wholeNumberErrors(LocatedDocument document, WholeNumbers whole) {
        List<Finding> errors = new ArrayList<>();
        for (int i = 0; i < document.root().get("artifacts").size(); i++) {
            whole.check("/artifacts/" + i + "/bytes", 0, Long.MAX_VALUE).ifPresent(errors::add);
        }
        whole.check("/governance/critical_violations", 0, Integer.MAX_VALUE).ifPresent(errors::add);
        return List.copyOf(errors);
    }

    private HandoffManifest model(LocatedDocument document, WholeNumbers whole) {
        JsonNode root = document.root();
        List<ArtifactChecksum> artifacts = new ArrayList<>();
        int index = 0;
        for (JsonNode artifact : root.get("artifacts")) {
            String path = Fields.required(artifact, "path");
            checkPath(document, "/artifacts/" + index + "/path", path);
            artifacts.add(new ArtifactChecksum(path, Fields.required(artifact, "sha256"),
                    whole.value("/artifacts/" + index + "/bytes")));
            index++;
        }
        Map<String, GateOutcome> gates = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.get("gate_results").properties()) {
            JsonNode gate = entry.getValue();
            Optional<String> evidence = Fields.text(gate, "evidence");
            evidence.ifPresent(path -> checkPath(document,
                    Fields.pointer("/gate_results", entry.getKey()) + "/evidence", path));
            gates.put(entry.getKey(), new GateOutcome(GateStatus.valueOf(Fields.required(gate, "status")), evidence,
                    Instant.parse(Fields.required(gate, "at"))));
        }
        List<ManifestSignature> signatures = new ArrayList<>();
        for (JsonNode signature : root.get("signatures")) {
            signatures.add(new ManifestSignature(Fields.required(signature, "role"), Fields.required(signature, "key_id"),
                    Fields.required(signature, "algorithm"), Fields.required(signature, "value"),
                    Instant.parse(Fields.required(signature, "signed_at"))));
        }
        return new HandoffManifest(
                Fields.required(root, "version"),
                Fields.required(root, "manifest_id"),
                Fields.required(root, "cycle_id"),
                Fields.required(root, "stream"),
                root.get("sealed").asBoolean(),
                Instant.parse(Fields.required(root, "created_at")),
                Fields.required(root, "created_by"),
                Instant.parse(Fields.required(root, "sealed_at")),
                Fields.required(root, "snapshot_rev"),
                root.get("dirty").asBoolean(),
                Fields.required(root, "rulebook_hash"),
                Fields.text(root, "event_log_head"),
                artifacts,
                gates,
                governance(document, root.get("governance"), whole),
                Fields.text(root, "prior_manifest_id"),
                Fields.text(root, "notes"),
                signatures);
    }

    private GovernanceSummary governance(LocatedDocument document, JsonNode node, WholeNumbers whole) {
        List<Waiver> waivers = new ArrayList<>();
        for (JsonNode waiver : node.get("waivers")) {
            waivers.add(new Waiver(Fields.required(waiver, "rule"), Fields.required(waiver, "item"),
                    Fields.required(waiver, "reason"), Fields.required(waiver, "approver"),
                    LocalDate.parse(Fields.required(waiver, "expires"))));
        }
        Optional<String> decisionLog = Fields.text(node, "decision_log_ref");
        decisionLog.ifPresent(path -> checkPath(document, "/governance/decision_log_ref", path));
        return new GovernanceSummary(Fields.texts(node, "tags"), (int) whole.value("/governance/critical_violations"), waivers,
                decisionLog);
    }

    /**
     * Whether this reader validates with the standard schemas ({@link SchemaCatalog#standard}): only
     * then is a manifest's parse what a kept parse of the same bytes holds.
     */
    public boolean standardSchemas() {
        return schemas.standard();
    }

    /**
     * Whether every path a model names (artifacts, gate evidence, the decision log) passes the checks
     * {@link #read} makes against this reader's workspace: for a model kept from an earlier parse of
     * the same bytes, whose paths are checked again on every read (false means "parse again", which
     * reports the path with its line and column).
     */
    public boolean pathsHold(HandoffManifest manifest) {
        List<String> paths = new ArrayList<>();
        manifest.artifacts().forEach(artifact -> paths.add(artifact.path()));
        manifest.gateResults().values().forEach(gate -> gate.evidence().ifPresent(paths::add));
        manifest.governance().decisionLogRef().ifPresent(paths::add);
        for (String path : paths) {
            try {
                SafePaths.resolve(workspace, path);
            } catch (InvalidInputException e) {
                return false;
            }
            if (!normalized(path)) {
                return false;
            }
        }
        return true;
    }

    private static boolean normalized(String path) {
        return !(path.startsWith("./") || path.contains("//") || path.endsWith("/") || path.contains("/./"));
    }

    /** A path taken from the manifest must stay inside the workspace, and be written normalized. */
    private void checkPath(LocatedDocument document, String pointer, String path) {
        SourceLocation location = document.locate(pointer);
        try {
            SafePaths.resolve(workspace, path);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage(), location, e);
        }
        if (!normalized(path)) {
            throw new InvalidInputException("path '" + Shown.path(path) + "' is not normalized: expected a workspace-relative path"
                    + " without '.', empty segments or a trailing '/'", location);
        }
    }
}
