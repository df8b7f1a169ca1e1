package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * What a manifest signature signs: the <em>signing input</em>, the RFC 8785 (JCS) canonical JSON,
 * UTF-8 encoded, of
 *
 * <pre>
 * {"manifest":  &lt;the manifest as JSON, without "signatures"&gt;,
 *  "signature": {"role": ..., "key_id": ..., "algorithm": ..., "signed_at": ...}}
 * </pre>
 *
 * <p>The manifest as JSON is the manifest file's YAML content read as plain data: every string is
 * double-quoted in the file, so no YAML reader turns a date into anything but a string. Binding the
 * signature's own role, key id, algorithm and time makes those fields as tamper-evident as the
 * manifest. RFC 8785 sorts object keys and fixes string escaping; the manifest holds no floating
 * point numbers, only integers ({@code bytes}, {@code critical_violations}), so JCS number
 * formatting never rounds. The canonicalization is done by {@code io.github.erdtman:java-json-canonicalization},
 * a reference implementation of RFC 8785.
 */
public final class CanonicalForm {

    private static final ObjectMapper JSON = JsonMappers.json();

    private CanonicalForm() {
    }

    /** The signing input of a signature about to be made. */
    public static byte[] signingInput(HandoffManifest manifest, String role, String keyId, String algorithm,
            Instant signedAt) {
        // The tree is built field by field, not bound from records: Jackson's data binding would
        // introspect the records by reflection (annotation proxies, bean serializers) on a command's
        // first signature check, a cost of every verify. RFC 8785 orders the keys, so the insertion
        // order below is only for people.
        ObjectNode input = JSON.getNodeFactory().objectNode();
        input.set("manifest", ManifestWriter.toJson(manifest, false));
        ObjectNode signature = input.putObject("signature");
        signature.put("role", role);
        signature.put("key_id", keyId);
        signature.put("algorithm", algorithm);
        signature.put("signed_at", ManifestWriter.time(signedAt));
        return canonicalize(input);
    }

    /** The signing input an existing signature was made over. */
    public static byte[] signingInput(HandoffManifest manifest, ManifestSignature signature) {
        return signingInput(manifest, signature.role(), signature.keyId(), signature.algorithm(), signature.signedAt());
    }

    /** RFC 8785 canonical JSON of a tree, UTF-8 encoded. */
    public static byte[] canonicalize(JsonNode tree) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(tree)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot canonicalize JSON", e);
        }
    }
}
