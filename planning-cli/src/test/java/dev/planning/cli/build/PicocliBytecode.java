package dev.planning.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of the command-line jar: rewrites picocli's classes as Java 8 class files with stack
 * map frames, the same code otherwise.
 *
 * <p>picocli ships Java 5 class files (version 49). The JVM checks those with the old,
 * type-inferring verifier, and neither an AppCDS archive nor Java 25's ahead-of-time cache can hold
 * them ("Old class has been linked"), so every command loaded and verified its ~170 picocli classes
 * from the jar: about 100 ms of CPU time per command with the cache in place (measured in
 * docs/BENCHMARKS.md, "Cold start, fourth pass"). With frames computed by ASM the classes are
 * checked by the split verifier when they are loaded from the jar, and the start-up caches hold
 * them. The instructions, constants and attributes are copied as they are; only the class file
 * version and the frames change.
 *
 * <p>Run by the exec plugin after the shade plugin ({@code planning-cli/pom.xml}):
 * {@code PicocliBytecode JAR}, rewriting the jar in place (through a temporary file and a move).
 */
public final class PicocliBytecode {

    private static final String PREFIX = "picocli/";

    private PicocliBytecode() {
    }

    /** Rewrites the picocli classes of the jar named by the one argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PicocliBytecode JAR");
        }
        Path jar = Path.of(args[0]);
        Path rewritten = Files.createTempFile(jar.toAbsolutePath().getParent(), "planning", ".jar.tmp");
        try {
            int count = rewrite(jar, rewritten);
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("picocli: " + count + " classes rewritten as Java 8 class files with stack map frames");
        } finally {
            Files.deleteIfExists(rewritten);
        }
    }

    /** Copies a jar entry by entry, picocli's classes upgraded; returns how many were. */
    static int rewrite(Path jar, Path into) throws IOException {
        int count = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                InputStream in = Files.newInputStream(jar);
                ZipInputStream entries = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(into);
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                byte[] bytes = entries.readAllBytes();
                if (entry.getName().startsWith(PREFIX) && entry.getName().endsWith(".class")) {
                    bytes = upgrade(bytes, classes);
                    count++;
                }
                ZipEntry copied = new ZipEntry(entry.getName());
                copied.setTime(entry.getTime());
                copy.putNextEntry(copied);
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        return count;
    }

    /**
     * One class file as Java 8 with stack map frames; a class file of version 50 or later is
     * returned as it is. The loader resolves the common super class of two types for the frames.
     */
    static byte[] upgrade(byte[] classFile, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        int major = reader.readUnsignedShort(6);
        if (major >= Opcodes.V1_6) {
            return classFile;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
