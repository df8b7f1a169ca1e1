package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.PlainData;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link TrustFile} takes from a schema-valid trust file: each listed key's role, place, text
 * fields, and the {@code signing.required} entries, exactly as the document gives them. This is all a
 * trust file's YAML parse and schema validation decide, so it is what is kept across runs for a file
 * that read without error ({@link dev.planning.engine.internal.document.KeptParses}); the keys' PEM
 * decoding and every check of a key and of the policy run on the values each time.
 *
 * @param keys     every listed key, in file order
 * @param required the {@code signing.required} entries, when that is a list
 */
record TrustValues(List<Listing> keys, Optional<List<Requirement>> required) {

    /** What kept values are, for the store ({@code KEY.trust}). */
    static final String KIND = "trust";

    /** The first field of every payload; a new layout changes it. */
    static final String FORMAT = "planning-trust-values 1";

    TrustValues {
        keys = List.copyOf(keys);
        required = required.map(List::copyOf);
    }

    /**
     * One listed key.
     *
     * @param role      the role it is listed under
     * @param index     its place in the role's list
     * @param keyId     the {@code key_id} text
     * @param algorithm the {@code algorithm} text
     * @param publicKey the {@code public_key} text (PEM)
     */
    record Listing(String role, int index, String keyId, String algorithm, String publicKey) {
    }

    /**
     * One {@code signing.required} entry, as read ({@code min} as {@code JsonNode.asInt} gives it).
     *
     * @param roles the roles' texts
     * @param min   the minimum
     */
    record Requirement(List<String> roles, int min) {
        Requirement {
            roles = List.copyOf(roles);
        }
    }

    /**
     * The classes whose code decides the values a trust file's bytes give: the reader, these values and
     * their encoding, the YAML reader, the schemas and their validator.
     */
    static List<Class<?>> code() {
        return List.of(TrustFile.class, TrustValues.class, PlainData.class, YamlDocuments.class, SchemaCatalog.class,
                dev.planning.engine.internal.schema.WholeNumbers.class,
                com.fasterxml.jackson.dataformat.yaml.YAMLFactory.class, com.networknt.schema.SchemaRegistry.class);
    }

    /** The values of a schema-valid document. */
    static TrustValues of(LocatedDocument document) {
        List<Listing> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> role : document.root().get("roles").properties()) {
            int index = 0;
            for (JsonNode entry : role.getValue()) {
                keys.add(new Listing(role.getKey(), index++, entry.get("key_id").asText(),
                        entry.get("algorithm").asText(), entry.get("public_key").asText()));
            }
        }
        JsonNode node = document.root().path("signing").path("required");
        if (!node.isArray()) {
            return new TrustValues(keys, Optional.empty());
        }
        List<Requirement> required = new ArrayList<>();
        for (JsonNode entry : node) {
            List<String> roles = new ArrayList<>();
            entry.path("roles").forEach(role -> roles.add(role.asText()));
            required.add(new Requirement(roles, entry.path("min").asInt()));
        }
        return new TrustValues(keys, Optional.of(required));
    }

    /** The values as plain data. */
    byte[] encode() {
        PlainData.Writer out = new PlainData.Writer().text(FORMAT).count(keys.size());
        for (Listing key : keys) {
            out.text(key.role()).count(key.index()).text(key.keyId()).text(key.algorithm()).text(key.publicKey());
        }
        out.flag(required.isPresent());
        if (required.isPresent()) {
            out.count(required.get().size());
            for (Requirement requirement : required.get()) {
                out.count(requirement.roles().size());
                requirement.roles().forEach(out::text);
                out.count(requirement.min());
            }
        }
        return out.toByteArray();
    }

    /** What {@link #encode} wrote; empty for anything else (another format, short, bytes left over). */
    static Optional<TrustValues> decode(byte[] payload) {
        try {
            PlainData.Reader in = new PlainData.Reader(payload);
            if (!FORMAT.equals(in.text())) {
                return Optional.empty();
            }
            List<Listing> keys = new ArrayList<>();
            for (int i = in.count(20); i > 0; i--) {
                keys.add(new Listing(in.text(), in.integer(), in.text(), in.text(), in.text()));
            }
            Optional<List<Requirement>> required = Optional.empty();
            if (in.flag()) {
                List<Requirement> entries = new ArrayList<>();
                for (int i = in.count(8); i > 0; i--) {
                    List<String> roles = new ArrayList<>();
                    for (int r = in.count(4); r > 0; r--) {
                        roles.add(in.text());
                    }
                    entries.add(new Requirement(roles, in.integer()));
                }
                required = Optional.of(entries);
            }
            in.end();
            return Optional.of(new TrustValues(keys, required));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
