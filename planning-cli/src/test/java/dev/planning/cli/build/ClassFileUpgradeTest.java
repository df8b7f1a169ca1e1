package dev.planning.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The jar's Java 5 classes rewritten as Java 8 class files still pass the verifier and run as before. */
class ClassFileUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void theRewrittenClassesAreJava8VerifyAndRunAParse() throws Exception {
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("in.jar");
        copyClasses(picocli, "picocli/", jar);
        Path out = dir.resolve("out.jar");

        int count = ClassFileUpgrade.rewrite(jar, out).size();

        Map<String, byte[]> classes = classesOf(out);
        assertThat(count).isEqualTo(classes.size()).isGreaterThan(100);
        assertThat(classes.values()).allSatisfy(bytes -> assertThat(majorVersion(bytes)).isEqualTo(52));
        // A loader of their own (the verifier checks every class it defines from these bytes):
        // picocli builds a command and parses with them.
        ClassLoader loader = loaderOf(classes);
        Class<?> commandLine = Class.forName("picocli.CommandLine", true, loader);
        Class<?> spec = Class.forName("picocli.CommandLine$Model$CommandSpec", true, loader);
        Class<?> option = Class.forName("picocli.CommandLine$Model$OptionSpec", true, loader);
        Object command = spec.getMethod("create").invoke(null);
        Object builder = option.getMethod("builder", String[].class).invoke(null, (Object) new String[] {"-w"});
        // Declared by a package-private superclass: reached through setAccessible.
        java.lang.reflect.Method arity = builder.getClass().getMethod("arity", String.class);
        arity.setAccessible(true);
        arity.invoke(builder, "1");
        java.lang.reflect.Method build = builder.getClass().getMethod("build");
        build.setAccessible(true);
        spec.getMethod("addOption", option).invoke(command, build.invoke(builder));
        Object cli = commandLine.getConstructor(Object.class).newInstance(command);
        Object result = commandLine.getMethod("parseArgs", String[].class).invoke(cli, (Object) new String[] {"-w", "x"});
        Object value = result.getClass().getMethod("matchedOptionValue", String.class, Object.class)
                .invoke(result, "-w", null);
        assertThat(value).isEqualTo("x");
        StringWriter usage = new StringWriter();
        commandLine.getMethod("usage", PrintWriter.class).invoke(cli, new PrintWriter(usage));
        assertThat(usage.toString()).contains("-w");
    }

    @Test
    void antlr3sRuntimeIsUpgradedAndLexesAsBefore() throws Exception {
        // Drools' DRL lexer and parser extend these classes: while they are Java 5 class files, no
        // start-up cache holds the parser that the policy-language check runs on every gate.
        Path antlr = Path.of(org.antlr.runtime.Lexer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("in.jar");
        copyClasses(antlr, "org/antlr/runtime/", jar);
        Path out = dir.resolve("out.jar");

        List<String> upgraded = ClassFileUpgrade.rewrite(jar, out);

        Map<String, byte[]> classes = classesOf(out);
        assertThat(upgraded).hasSize(classes.size()).contains("org/antlr/runtime/Lexer.class");
        assertThat(classes.values()).allSatisfy(bytes -> assertThat(majorVersion(bytes)).isEqualTo(52));
        ClassLoader loader = loaderOf(classes);
        Class<?> stream = Class.forName("org.antlr.runtime.ANTLRStringStream", true, loader);
        Object text = stream.getConstructor(String.class).newInstance("rule");
        stream.getMethod("consume").invoke(text);
        assertThat(stream.getMethod("LA", int.class).invoke(text, 1)).isEqualTo((int) 'u');
        Class.forName("org.antlr.runtime.Parser", true, loader);
        Class.forName("org.antlr.runtime.Lexer", true, loader);
    }

    @Test
    void onlyClassFilesOlderThanJava6AreOld() {
        assertThat(ClassFileUpgrade.isOld(classFile(49))).isTrue();
        assertThat(ClassFileUpgrade.isOld(classFile(50))).isFalse();
        assertThat(ClassFileUpgrade.isOld(classFile(61))).isFalse();
        assertThat(ClassFileUpgrade.isOld(new byte[] {1, 2, 3, 4, 0, 0, 0, 49})).as("no class file").isFalse();
        assertThat(ClassFileUpgrade.isOld(new byte[] {(byte) 0xCA, (byte) 0xFE})).as("truncated").isFalse();
    }

    @Test
    void classFilesOfJava6OrLaterAreLeftAsTheyAre() throws IOException {
        byte[] modern;
        try (InputStream in = ClassFileUpgradeTest.class.getResourceAsStream("ClassFileUpgradeTest.class")) {
            modern = in.readAllBytes();
        }

        assertThat(ClassFileUpgrade.upgrade(modern, getClass().getClassLoader())).isSameAs(modern);
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] classFile(int major) {
        return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, (byte) (major >> 8), (byte) major};
    }

    private static Map<String, byte[]> classesOf(Path jar) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        try (JarFile rewritten = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(rewritten.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = rewritten.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    /** A loader of the given class files alone, which defines (and so verifies) each it is asked for. */
    private static ClassLoader loaderOf(Map<String, byte[]> classes) {
        return new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name.replace('.', '/') + ".class");
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    /** A jar's classes under a prefix, copied into a jar of their own. */
    private static void copyClasses(Path from, String prefix, Path into) throws IOException, URISyntaxException {
        try (JarFile source = new JarFile(from.toFile());
                JarOutputStream copy = new JarOutputStream(Files.newOutputStream(into))) {
            for (JarEntry entry : Collections.list(source.entries())) {
                if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class")) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(copy);
                    }
                    copy.closeEntry();
                }
            }
        }
    }
}
