package dev.planning.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's Java sources import the {@code java.util}, {@code java.io}, {@code java.nio.file},
 * {@code java.nio.charset}, {@code java.time}, {@code java.security}, {@code java.sql}, {@code java.net} and
 * {@code javax} types they use instead of spelling them out (but where a simple
 * name would clash), hold no unused import, and keep their imports in one order ({@link JavaSourceHygiene}).
 */
class JavaSourceHygieneTest {

    /** The repository's directory (tests run with this module's directory as the working directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyJavaSourceImportsTheJdkTypesItUsesAndNothingElseInOrder() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> sources = sources();
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<String, Set<String>> packageTypes = new HashMap<>();
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            texts.put(source, text);
            String file = source.getFileName().toString();
            packageTypes.computeIfAbsent(JavaSourceHygiene.packageName(text), k -> new HashSet<>())
                    .add(file.substring(0, file.length() - ".java".length()));
        }
        for (Map.Entry<Path, String> source : texts.entrySet()) {
            String name = ROOT.relativize(source.getKey()).toString().replace('\\', '/');
            problems.addAll(JavaSourceHygiene.problems(name, source.getValue(),
                    packageTypes.get(JavaSourceHygiene.packageName(source.getValue()))));
        }
        assertThat(sources).hasSizeGreaterThan(500);
        assertThat(problems).isEmpty();
    }

    @Test
    void findsASpeltOutNameInCodeAndAnUnusedImport() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.util.List;",
                "import java.util.Set;",
                "",
                "class A {",
                "    List<String> a = new java.util.ArrayList<>();",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly(
                "A.java:7: java.util.ArrayList spelt out; import it",
                "A.java:4: unused import java.util.Set");
    }

    @Test
    void findsSpeltOutJavaIoNioFileNioCharsetAndTimeNamesAndNoOtherPackagesNames() {
        String source = String.join("\n",
                "package p;",
                "",
                "class A {",
                "    void a(java.nio.file.Path p) throws java.io.IOException {",
                "        java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8);",
                "        java.nio.file.attribute.FileTime t = null;",
                "        var i = java.time.Instant.EPOCH.plus(1, java.time.temporal.ChronoUnit.DAYS);",
                "        java.nio.ByteBuffer b = null; java.lang.reflect.Method m = null; java.awt.Point p = null;",
                "        java.iox.Stream s = null; java.timer.Clock c = null; java.nio.files.Path q = null;",
                "        java.netx.URI u = null; java.securityx.Key k = null; javax.Foo f = null; javaxx.a.B g = null;",
                "    }",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly(
                "A.java:4: java.nio.file.Path spelt out; import it",
                "A.java:4: java.io.IOException spelt out; import it",
                "A.java:5: java.nio.file.Files spelt out; import it",
                "A.java:5: java.nio.charset.StandardCharsets spelt out; import it",
                "A.java:6: java.nio.file.attribute.FileTime spelt out; import it",
                "A.java:7: java.time.Instant spelt out; import it",
                "A.java:7: java.time.temporal.ChronoUnit spelt out; import it");
    }

    @Test
    void aNameWhoseSimpleNameWouldClashMayStaySpeltOut() {
        String source = String.join("\n",
                "package p;",
                "",
                "import static org.example.Shapes.Path;",
                "",
                "import com.google.common.io.Files;",
                "",
                "class A {",
                "    record Clock(java.time.Clock clock) { }",
                "    byte[] a(java.io.File f) throws java.io.IOException {",
                "        java.nio.file.Path p = java.nio.file.Files.createTempFile(null, null);",
                "        return Files.toByteArray(f);",
                "    }",
                "    java.util.List<java.awt.List> lists;",
                "    java.time.Duration d; java.time.Period q; javax.xml.datatype.Duration x;",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source, Set.of("A", "File", "Period"))).containsExactly(
                "A.java:9: java.io.IOException spelt out; import it",
                "A.java:13: java.util.List spelt out; import it");
        assertThat(JavaSourceHygiene.problems("A.java", source)).as("where the package has no type File nor Period")
                .contains("A.java:9: java.io.File spelt out; import it", "A.java:14: java.time.Period spelt out; import it");
    }

    @Test
    void findsSpeltOutJavaSecuritySqlNetAndJavaxNamesBelowThemToo() {
        String source = String.join("\n",
                "package p;",
                "",
                "class A {",
                "    java.security.PublicKey k; java.security.spec.X509EncodedKeySpec s; java.sql.Connection c;",
                "    java.net.URI u; javax.crypto.Cipher x; javax.net.ssl.SSLContext t; javax.sql.DataSource d;",
                "    @javax.annotation.processing.Generated(\"x\") int g;",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly(
                "A.java:4: java.security.PublicKey spelt out; import it",
                "A.java:4: java.security.spec.X509EncodedKeySpec spelt out; import it",
                "A.java:4: java.sql.Connection spelt out; import it",
                "A.java:5: java.net.URI spelt out; import it",
                "A.java:5: javax.crypto.Cipher spelt out; import it",
                "A.java:5: javax.net.ssl.SSLContext spelt out; import it",
                "A.java:5: javax.sql.DataSource spelt out; import it",
                "A.java:6: javax.annotation.processing.Generated spelt out; import it");
    }

    @Test
    void aJavaxNameWhoseSimpleNameClashesWithAJavaOneMayStaySpeltOut() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.security.cert.Certificate;",
                "",
                "class A {",
                "    Certificate a; java.sql.Date d; java.util.Date u; javax.security.cert.Certificate b;",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).isEmpty();
    }

    @Test
    void twoCheckedTypesOfOneSimpleNameSpeltOutMayBothStaySo() {
        String source = String.join("\n",
                "package p;",
                "",
                "class A {",
                "    java.util.Formatter a; java.util.logging.Formatter b;",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).isEmpty();
    }

    @Test
    void namesInCommentsLiteralsAndTextBlocksAreNeitherSpeltOutNorUses() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.util.Map;",
                "import java.util.Optional;",
                "",
                "/** Reads a {@link Map}; see java.util.HashMap and {@link java.io.File}. */",
                "class A {",
                "    // java.util.TreeMap would sort, java.nio.file.Files would read",
                "    String s = \"java.util.List java.time.Instant \\\" Optional\";",
                "    char q = '\"';",
                "    String t = \"\"\"",
                "        java.util.Set java.io.IOException \"quoted\" Optional",
                "        \"\"\";",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly("A.java:4: unused import java.util.Optional");
    }

    @Test
    void findsAnImportOutOfOrderAndOneRepeated() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.util.List;",
                "import static java.util.Objects.requireNonNull;",
                "import dev.planning.engine.internal.workspace.AtomicFiles;",
                "import dev.planning.engine.Planning;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "class A {",
                "    List<Map<AtomicFiles, Planning>> a = requireNonNull(null);",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly(
                "A.java:4: import static java.util.Objects.requireNonNull out of order (static imports first, then the"
                        + " others, each group sorted)",
                "A.java:5: import dev.planning.engine.internal.workspace.AtomicFiles out of order (static imports first,"
                        + " then the others, each group sorted)",
                "A.java:6: import dev.planning.engine.Planning out of order (static imports first, then the others,"
                        + " each group sorted)",
                "A.java:7: import java.util.List twice");
    }

    @Test
    void importsInTheSourcesOrderAreNoProblem() {
        String source = String.join("\n",
                "package p;",
                "",
                "import static org.assertj.core.api.Assertions.assertThat;",
                "import static org.junit.jupiter.api.Assertions.fail;",
                "",
                "import dev.planning.api.InvalidInputException;",
                "import dev.planning.api.artifact.Task;",
                "import java.util.List;",
                "import org.junit.jupiter.api.Test;",
                "",
                "class A {",
                "    @Test void t() { assertThat(List.<Task>of()).isEmpty(); fail(new InvalidInputException(\"x\", null)); }",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString().replace('\\', '/');
                        return relative.contains("/src/") && !relative.contains("/target/") && !relative.startsWith(".");
                    })
                    .sorted().toList();
        }
    }
}
