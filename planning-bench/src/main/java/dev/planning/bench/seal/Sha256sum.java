package dev.planning.bench.seal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seal benchmark's command-line peer: coreutils {@code sha256sum} over the same files, one
 * process for all of them, as a CI script would run it. Its output is parsed so that both sides
 * do the same work.
 *
 * @since 0.1
 */
public final class Sha256sum implements ArtifactHasher {

    /** Whether {@code sha256sum} can be run here. */
    public static boolean available() {
        try {
            return new ProcessBuilder("sha256sum", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Map<String, String> hash(Path root, List<String> files) {
        List<String> command = new ArrayList<>(files.size() + 2);
        command.add("sha256sum");
        command.add("--");
        command.addAll(files);
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    // "<64 hex>  <path>"
                    out.put(line.substring(66), line.substring(0, 64));
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("sha256sum exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sha256sum", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sha256sum ran", e);
        }
        return out;
    }
}
