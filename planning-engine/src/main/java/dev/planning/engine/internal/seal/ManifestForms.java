package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.document.KeptParses;
import dev.planning.engine.internal.document.PlainData;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.CanonicalForm;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sealed manifest as a verification reads it, with what the verification derives from its model
 * alone: its canonical rendering (compared with the file's bytes), the SHA-256 of its rendering
 * without signatures (compared with its {@code MANIFEST_SEALED} event) and each signature's signing
 * input ({@link CanonicalForm}, over which the signature is verified).
 *
 * <p>The model and these forms are a pure function of the file's exact bytes and of the code that reads
 * and renders them; with a {@link KeptParses} store in use they are kept for a manifest that parsed,
 * validated and is canonical, and the same bytes read again skip the YAML parse, the schema validation
 * and the renderings. Kept only after the decoded payload was checked to render back to exactly the
 * file's bytes. On every read, kept or not, the paths the model names are checked against the
 * workspace; everything the verification checks with the forms (each signature, the seal event, every
 * checksum, the dates) runs every time. A payload that does not decode, or paths that do not hold, mean
 * "parse again", with the errors located as without it.
 */
final class ManifestForms {

    /** What kept parses are, for the store ({@code KEY.manifest}). */
    static final String KIND = "manifest";

    /** The first field of every payload; a new layout changes it. */
    static final String FORMAT = "planning-manifest-forms 1";

    /**
     * The classes whose code decides what a manifest's bytes give: the reader and its model, the YAML
     * reader, the schemas and their validator, the renderings (the manifest's YAML, the signing input's
     * JSON and its RFC 8785 canonicalization), these forms and their encoding.
     */
    static List<Class<?>> code() {
        return List.of(ManifestForms.class, ManifestReader.class, ManifestWriter.class, CanonicalForm.class,
                SealEventCheck.class, HandoffManifest.class, PlainData.class, YamlDocuments.class,
                dev.planning.engine.internal.schema.SchemaCatalog.class, dev.planning.engine.internal.json.JsonMappers.class,
                com.fasterxml.jackson.dataformat.yaml.YAMLFactory.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                com.networknt.schema.SchemaRegistry.class, org.erdtman.jcs.JsonCanonicalizer.class);
    }

    private final HandoffManifest manifest;
    private final boolean kept;
    private byte[] rendered;
    private String unsignedSha256;
    private final byte[][] signingInputs;

    private ManifestForms(HandoffManifest manifest, boolean kept, byte[] rendered, String unsignedSha256,
            byte[][] signingInputs) {
        this.manifest = manifest;
        this.kept = kept;
        this.rendered = rendered;
        this.unsignedSha256 = unsignedSha256;
        this.signingInputs = signingInputs;
    }

    /** The forms of a model read by the caller, each computed when first asked for. */
    static ManifestForms of(HandoffManifest manifest) {
        return new ManifestForms(manifest, false, null, null, new byte[manifest.signatures().size()][]);
    }

    /** A manifest and its forms, as read. */
    record Reading(ManifestReader.Read read, ManifestForms forms) {
    }

    /**
     * Reads a manifest file, from a kept parse of its exact bytes when there is one.
     *
     * @throws InvalidInputException as {@link ManifestReader#read}
     */
    static Reading read(ManifestReader reader, Path workspace, Path file, String display) {
        return parse(reader, workspace, YamlDocuments.readBytes(file, display), display);
    }

    /**
     * Parses a manifest's bytes as the caller read them from its file, as {@link #read} parses the file's.
     *
     * @throws InvalidInputException as {@link ManifestReader#parse}
     */
    static Reading parse(ManifestReader reader, Path workspace, byte[] bytes, String display) {
        boolean keeping = reader.standardSchemas() && KeptParses.active();
        if (keeping) {
            Optional<ManifestForms> kept = KeptParses.read(KIND, code(), bytes, workspace).flatMap(ManifestForms::decode)
                    .filter(forms -> reader.pathsHold(forms.manifest));
            if (kept.isPresent()) {
                return new Reading(new ManifestReader.Read(kept.get().manifest, bytes), kept.get());
            }
        }
        ManifestReader.Read read = reader.parse(bytes, display);
        ManifestForms forms = of(read.manifest());
        if (keeping && forms.canonical(bytes)) {
            keep(forms, bytes, workspace);
        }
        return new Reading(read, forms);
    }

    /** Keeps the forms of a canonical manifest, once its payload decodes to a model that renders to its bytes. */
    private static void keep(ManifestForms forms, byte[] bytes, Path workspace) {
        byte[] payload;
        try {
            payload = forms.encode();
            Optional<ManifestForms> back = decode(payload);
            if (back.isEmpty() || !back.get().manifest.equals(forms.manifest)
                    || !Arrays.equals(ManifestWriter.render(back.get().manifest), bytes)) {
                return;
            }
        } catch (RuntimeException e) {
            return;
        }
        KeptParses.keep(KIND, code(), bytes, payload, workspace);
    }

    /** Whether these are the forms of a kept parse, whose bytes were the canonical rendering of the model. */
    boolean kept() {
        return kept;
    }

    /** The canonical rendering of the model. */
    byte[] rendered() {
        if (rendered == null) {
            rendered = ManifestWriter.render(manifest);
        }
        return rendered.clone();
    }

    /** Whether {@code bytes} are the canonical rendering of the model. */
    boolean canonical(byte[] bytes) {
        if (kept) {
            return true;
        }
        rendered();
        return Arrays.equals(rendered, bytes);
    }

    /** Lower-case hex SHA-256 of the manifest's rendering without signatures, as its seal event records it. */
    String unsignedSha256() {
        if (unsignedSha256 == null) {
            unsignedSha256 = Sha256.hex(ManifestWriter.render(SealEventCheck.unsigned(manifest)));
        }
        return unsignedSha256;
    }

    /** The signing input of the manifest's signature at {@code index} ({@link CanonicalForm#signingInput}). */
    byte[] signingInput(int index) {
        if (signingInputs[index] == null) {
            signingInputs[index] = CanonicalForm.signingInput(manifest, manifest.signatures().get(index));
        }
        return signingInputs[index].clone();
    }

    private byte[] encode() {
        HandoffManifest m = manifest;
        PlainData.Writer out = new PlainData.Writer().text(FORMAT)
                .text(m.version()).text(m.manifestId()).text(m.cycleId()).text(m.stream()).flag(m.sealed());
        instant(out, m.createdAt()).text(m.createdBy());
        instant(out, m.sealedAt()).text(m.snapshotRev()).flag(m.dirty()).text(m.rulebookHash()).optional(m.eventLogHead());
        out.count(m.artifacts().size());
        for (ArtifactChecksum artifact : m.artifacts()) {
            out.text(artifact.path()).text(artifact.sha256()).number(artifact.bytes());
        }
        out.count(m.gateResults().size());
        for (Map.Entry<String, GateOutcome> gate : m.gateResults().entrySet()) {
            out.text(gate.getKey()).text(gate.getValue().status().name()).optional(gate.getValue().evidence());
            instant(out, gate.getValue().at());
        }
        GovernanceSummary governance = m.governance();
        out.count(governance.tags().size());
        governance.tags().forEach(out::text);
        out.count(governance.criticalViolations());
        out.count(governance.waivers().size());
        for (Waiver waiver : governance.waivers()) {
            out.text(waiver.rule()).text(waiver.item()).text(waiver.reason()).text(waiver.approver())
                    .text(waiver.expires().toString());
        }
        out.optional(governance.decisionLogRef()).optional(m.priorManifestId()).optional(m.notes());
        out.count(m.signatures().size());
        for (int i = 0; i < m.signatures().size(); i++) {
            ManifestSignature signature = m.signatures().get(i);
            out.text(signature.role()).text(signature.keyId()).text(signature.algorithm()).text(signature.value());
            instant(out, signature.signedAt()).bytes(signingInput(i));
        }
        return out.text(unsignedSha256()).toByteArray();
    }

    private static PlainData.Writer instant(PlainData.Writer out, Instant instant) {
        return out.number(instant.getEpochSecond()).count(instant.getNano());
    }

    private static Instant instant(PlainData.Reader in) {
        return Instant.ofEpochSecond(in.number(), in.integer());
    }

    /** What {@link #encode} wrote, as kept forms; empty for anything else. */
    static Optional<ManifestForms> decode(byte[] payload) {
        try {
            PlainData.Reader in = new PlainData.Reader(payload);
            if (!FORMAT.equals(in.text())) {
                return Optional.empty();
            }
            String version = in.text();
            String manifestId = in.text();
            String cycleId = in.text();
            String stream = in.text();
            boolean sealed = in.flag();
            Instant createdAt = instant(in);
            String createdBy = in.text();
            Instant sealedAt = instant(in);
            String snapshotRev = in.text();
            boolean dirty = in.flag();
            String rulebookHash = in.text();
            Optional<String> eventLogHead = in.optional();
            List<ArtifactChecksum> artifacts = new ArrayList<>();
            for (int i = in.count(16); i > 0; i--) {
                artifacts.add(new ArtifactChecksum(in.text(), in.text(), in.number()));
            }
            Map<String, GateOutcome> gates = new LinkedHashMap<>();
            for (int i = in.count(21); i > 0; i--) {
                String name = in.text();
                GateStatus status = GateStatus.valueOf(in.text());
                Optional<String> evidence = in.optional();
                if (gates.put(name, new GateOutcome(status, evidence, instant(in))) != null) {
                    return Optional.empty();
                }
            }
            List<String> tags = new ArrayList<>();
            for (int i = in.count(4); i > 0; i--) {
                tags.add(in.text());
            }
            int critical = in.integer();
            List<Waiver> waivers = new ArrayList<>();
            for (int i = in.count(20); i > 0; i--) {
                waivers.add(new Waiver(in.text(), in.text(), in.text(), in.text(), LocalDate.parse(in.text())));
            }
            GovernanceSummary governance = new GovernanceSummary(tags, critical, waivers, in.optional());
            Optional<String> prior = in.optional();
            Optional<String> notes = in.optional();
            List<ManifestSignature> signatures = new ArrayList<>();
            List<byte[]> inputs = new ArrayList<>();
            for (int i = in.count(32); i > 0; i--) {
                signatures.add(new ManifestSignature(in.text(), in.text(), in.text(), in.text(), instant(in)));
                inputs.add(in.bytes());
            }
            String unsigned = in.text();
            in.end();
            if (!Sha256.isHash(unsigned)) {
                return Optional.empty();
            }
            HandoffManifest manifest = new HandoffManifest(version, manifestId, cycleId, stream, sealed, createdAt,
                    createdBy, sealedAt, snapshotRev, dirty, rulebookHash, eventLogHead, artifacts, gates, governance,
                    prior, notes, signatures);
            return Optional.of(new ManifestForms(manifest, true, null, unsigned, inputs.toArray(new byte[0][])));
        } catch (RuntimeException e) {
            // Short, malformed or refused by a record: not a kept parse, read the file again.
            return Optional.empty();
        }
    }
}
