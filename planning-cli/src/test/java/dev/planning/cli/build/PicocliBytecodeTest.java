package dev.planning.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** picocli's classes rewritten as Java 8 class files still pass the verifier and parse as before. */
class PicocliBytecodeTest {

    @TempDir
    Path dir;

    @Test
    void theRewrittenClassesAreJava8VerifyAndRunAParse() throws Exception {
        Path picocli = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("in.jar");
        copyPicocli(picocli, jar);
        Path out = dir.resolve("out.jar");

        int count = PicocliBytecode.rewrite(jar, out);

        Map<String, byte[]> classes = new HashMap<>();
        try (JarFile rewritten = new JarFile(out.toFile())) {
            for (JarEntry entry : java.util.Collections.list(rewritten.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = rewritten.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        assertThat(count).isEqualTo(classes.size()).isGreaterThan(100);
        assertThat(classes.values()).allSatisfy(bytes -> assertThat(majorVersion(bytes)).isEqualTo(52));
        // A loader of their own (the verifier checks every class it defines from these bytes):
        // picocli builds a command and parses with them.
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name.replace('.', '/') + ".class");
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
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
    void classFilesOfJava6OrLaterAreLeftAsTheyAre() throws IOException {
        byte[] modern;
        try (InputStream in = PicocliBytecodeTest.class.getResourceAsStream("PicocliBytecodeTest.class")) {
            modern = in.readAllBytes();
        }

        assertThat(PicocliBytecode.upgrade(modern, getClass().getClassLoader())).isSameAs(modern);
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The picocli jar's classes under picocli/, copied into a jar of their own. */
    private static void copyPicocli(Path picocli, Path into) throws IOException, URISyntaxException {
        try (JarFile source = new JarFile(picocli.toFile());
                JarOutputStream copy = new JarOutputStream(Files.newOutputStream(into))) {
            for (JarEntry entry : java.util.Collections.list(source.entries())) {
                if (entry.getName().startsWith("picocli/") && entry.getName().endsWith(".class")) {
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
