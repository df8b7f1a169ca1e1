package dev.planning.testkit.cache;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apiguardian.api.API;

/**
 * Authenticated files of the compiled-rulebook cache, for tests that forge one: the header the cache
 * checks ({@code MAGIC}, {@code key KEY}, {@code hmac-sha256 MAC}, a blank line) with the HMAC-SHA256,
 * under the secret in a key file, of the magic line, the key and the payload, as the cache computes
 * it. The build points {@code PLANNING_CACHE_KEY_FILE} at a key file under each module's build
 * directory; {@link #header(String, String, byte[])} uses that one.
 *
 * <pre>{@code
 * Files.write(entry, CacheFiles.file(MAGIC, key, payload));
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CacheFiles {

    private CacheFiles() {
    }

    /**
     * The header of a cache file under the secret in {@code $PLANNING_CACHE_KEY_FILE} (which the cache
     * creates on its first store).
     *
     * @param magic   the file's first line
     * @param key     the file's key
     * @param payload the file's payload
     * @return the header, ending in a blank line
     * @throws IllegalStateException when the variable is not set
     * @throws UncheckedIOException  when the key file cannot be read
     */
    public static String header(String magic, String key, byte[] payload) {
        String keyFile = System.getenv("PLANNING_CACHE_KEY_FILE");
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalStateException("PLANNING_CACHE_KEY_FILE is not set (the build sets it for tests)");
        }
        return header(Path.of(keyFile), magic, key, payload);
    }

    /**
     * The header of a cache file under the secret in {@code keyFile}.
     *
     * @param keyFile the key file holding the secret
     * @param magic   the file's first line
     * @param key     the file's key
     * @param payload the file's payload
     * @return the header, ending in a blank line
     * @throws UncheckedIOException when the key file cannot be read
     */
    public static String header(Path keyFile, String magic, String key, byte[] payload) {
        try {
            byte[] secret = Files.readAllBytes(Objects.requireNonNull(keyFile, "keyFile"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (String part : new String[] {magic, key}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            mac.update(ByteBuffer.allocate(8).putLong(payload.length).array());
            mac.update(payload);
            return magic + "\nkey " + key + "\nhmac-sha256 " + HexFormat.of().formatHex(mac.doFinal()) + "\n\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A whole cache file: {@link #header(String, String, byte[])} followed by the payload.
     *
     * @param magic   the file's first line
     * @param key     the file's key
     * @param payload the file's payload
     * @return the file's bytes
     */
    public static byte[] file(String magic, String key, byte[] payload) {
        return join(header(magic, key, payload), payload);
    }

    /**
     * A whole cache file under the secret in {@code keyFile}: {@link #header(Path, String, String, byte[])}
     * followed by the payload.
     *
     * @param keyFile the key file holding the secret
     * @param magic   the file's first line
     * @param key     the file's key
     * @param payload the file's payload
     * @return the file's bytes
     */
    public static byte[] file(Path keyFile, String magic, String key, byte[] payload) {
        return join(header(keyFile, magic, key, payload), payload);
    }

    private static byte[] join(String headerText, byte[] payload) {
        byte[] header = headerText.getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[header.length + payload.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(payload, 0, file, header.length, payload.length);
        return file;
    }
}
