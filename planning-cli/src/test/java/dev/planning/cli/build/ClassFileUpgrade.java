package dev.planning.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of the command-line jar: rewrites every Java 5 (or older) class file in it as a
 * Java 8 class file with stack map frames, the same code otherwise.
 *
 * <p>picocli, ANTLR 3's runtime (Drools' DRL parser, which the policy-language check runs on every
 * {@code lint}, {@code gate} and {@code advance}) and MVEL's copy of ASM ship Java 5 class files
 * (version 49). The JVM checks those with the old, type-inferring verifier, and neither an AppCDS
 * archive nor Java 25's ahead-of-time cache can hold them ("Old class has been linked") — nor any
 * class that extends or implements one of them, such as Drools' DRL lexer and parser. So every
 * command loaded and verified them from the jar: about 100 ms of CPU time per command for picocli
 * (docs/benchmarks/cold-start.md, "Cold start, fourth pass"), and for the rule-engine commands the DRL parser
 * ("Cold start, sixth pass"). With frames computed by ASM the classes are checked by the split
 * verifier when they are loaded from the jar, and the start-up caches hold them. The instructions,
 * constants and attributes are copied as they are; only the class file version and the frames
 * change.
 *
 * <p>Run by the exec plugin after the shade plugin ({@code planning-cli/pom.xml}):
 * {@code ClassFileUpgrade JAR}, rewriting the jar in place (through a temporary file and a move).
 * A class ASM cannot give frames to (one with {@code jsr}/{@code ret}, say) fails the build: a
 * class left old would silently keep its dependants out of the caches.
 */
public final class ClassFileUpgrade {

    private ClassFileUpgrade() {
    }

    /** Rewrites the old class files of the jar named by the one argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ClassFileUpgrade JAR");
        }
        Path jar = Path.of(args[0]);
        Path rewritten = Files.createTempFile(jar.toAbsolutePath().getParent(), "planning", ".jar.tmp");
        try {
            List<String> upgraded = rewrite(jar, rewritten);
            Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println(upgraded.size() + " Java 5 classes rewritten as Java 8 class files with stack map frames"
                    + " (" + packages(upgraded) + ")");
        } finally {
            Files.deleteIfExists(rewritten);
        }
    }

    /** Copies a jar entry by entry, its old class files upgraded; returns the names of those. */
    static List<String> rewrite(Path jar, Path into) throws IOException {
        List<String> upgraded = new ArrayList<>();
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                InputStream in = Files.newInputStream(jar);
                ZipInputStream entries = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(into);
                ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                byte[] bytes = entries.readAllBytes();
                if (entry.getName().endsWith(".class") && isOld(bytes)) {
                    bytes = upgrade(bytes, classes);
                    upgraded.add(entry.getName());
                }
                ZipEntry copied = new ZipEntry(entry.getName());
                copied.setTime(entry.getTime());
                copy.putNextEntry(copied);
                copy.write(bytes);
                copy.closeEntry();
            }
        }
        return upgraded;
    }

    /** Whether the bytes are a class file of a version before Java 6 (no stack map frames). */
    static boolean isOld(byte[] classFile) {
        return classFile.length >= 8
                && (classFile[0] & 0xff) == 0xCA && (classFile[1] & 0xff) == 0xFE
                && (classFile[2] & 0xff) == 0xBA && (classFile[3] & 0xff) == 0xBE
                && (((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff)) < Opcodes.V1_6;
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

    private static String packages(List<String> classes) {
        return String.join(", ", classes.stream()
                .map(name -> name.substring(0, Math.max(0, name.lastIndexOf('/'))).replace('/', '.'))
                .map(name -> name.startsWith("picocli") ? "picocli" : name)
                .distinct().sorted().toList());
    }
}
