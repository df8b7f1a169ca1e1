package dev.planning.bench.seal;

import dev.planning.engine.internal.workspace.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The files the seal benchmark hashes: {@value #FILES} files of {@value #FILE_BYTES} bytes (200 MiB
 * in all) of seeded pseudo-random content under {@code artifacts/}, written once and reused.
 *
 * @param root  the directory holding {@code artifacts/}
 * @param files the files, relative to {@code root}
 * @since 0.1
 */
public record ArtifactCorpus(Path root, List<String> files) {

    /** How many files. */
    public static final int FILES = 800;

    /** The size of each file: 256 KiB. */
    public static final int FILE_BYTES = 256 * 1024;

    /** The corpus size in bytes. */
    public static final long TOTAL_BYTES = (long) FILES * FILE_BYTES;

    public ArtifactCorpus {
        files = List.copyOf(files);
    }

    /** The corpus under {@code root}, written unless a complete one is already there. */
    public static ArtifactCorpus at(Path root) {
        List<String> files = new ArrayList<>(FILES);
        for (int i = 0; i < FILES; i++) {
            files.add(String.format("artifacts/%02d/artifact-%04d.bin", i % 16, i));
        }
        Path marker = root.resolve(".complete");
        if (!Files.exists(marker)) {
            SplittableRandom random = new SplittableRandom(FILES);
            byte[] content = new byte[FILE_BYTES];
            for (String file : files) {
                for (int i = 0; i < content.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        content[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                AtomicFiles.write(root.resolve(file), content);
            }
            try {
                Files.writeString(marker, FILES + " x " + FILE_BYTES + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArtifactCorpus(root, files);
    }
}
