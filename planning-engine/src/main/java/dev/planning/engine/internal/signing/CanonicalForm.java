package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        SigningInput input = new SigningInput(ManifestWriter.toJson(manifest, false),
                new SignatureFields(role, keyId, algorithm, ManifestWriter.time(signedAt)));
        return canonicalize(JSON.valueToTree(input));
    }

    /** What is signed; RFC 8785 orders the keys, so the record order is only for people. */
    @JsonPropertyOrder({"manifest", "signature"})
    private record SigningInput(JsonNode manifest, SignatureFields signature) {
    }

    /** The signature's own fields that the signature covers ({@code value} excluded). */
    @JsonPropertyOrder({"role", "key_id", "algorithm", "signed_at"})
    private record SignatureFields(String role, @JsonProperty("key_id") String keyId, String algorithm,
            @JsonProperty("signed_at") String signedAt) {
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
