package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jars {@code mvn package} builds for the command line: the library jar names its module, and
 * the runnable jar prints no logging noise and leaves out Kafka's compression codecs, whose
 * absence its producer reports in words; it holds every service provider it names (what a shade
 * filter must not break) and BouncyCastle's post-quantum classes, which its provider loads.
 * Runs in the jar-tests execution, after package.
 */
@EnabledIfSystemProperty(named = "planning.jar", matches = ".+",
        disabledReason = "needs the built jars: runs in the jar-tests execution of mvn verify")
class CliJarIT {

    @TempDir
    Path dir;

    @Test
    void theCliJarNamesItsModule() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("cli.jar")).toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("dev.planning.cli");
        }
    }

    @Test
    void theRunnableJarHoldsNoClassFileOlderThanJava6SoTheStartUpCachesHoldThemAll() throws IOException {
        // picocli, ANTLR 3's runtime and MVEL's ASM ship Java 5 class files, which no start-up cache
        // can hold (nor any class that extends one): the build rewrites them (ClassFileUpgrade).
        int checked = 0;
        int upgraded = 0;
        try (JarFile jar = new JarFile(Path.of(System.getProperty("planning.jar")).toFile())) {
            for (var entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (var in = new DataInputStream(jar.getInputStream(entry))) {
                        in.readInt(); // magic
                        in.readUnsignedShort(); // minor version
                        assertThat(in.readUnsignedShort()).as(entry.getName()).isGreaterThanOrEqualTo(50);
                    }
                    checked++;
                    if (entry.getName().startsWith("picocli/") || entry.getName().startsWith("org/antlr/runtime/")
                            || entry.getName().startsWith("org/mvel2/asm/")) {
                        upgraded++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(upgraded).isGreaterThan(300);
    }

    @Test
    void theRunnableJarLeavesOutKafkasCompressionCodecs() throws IOException {
        // The command's producer sets no compression.type, so it never reaches zstd-jni, lz4-java or
        // snappy-java (10.6 MB with native libraries for every platform): the shade plugin leaves them out.
        try (JarFile jar = new JarFile(Path.of(System.getProperty("planning.jar")).toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("org/apache/kafka/clients/producer/KafkaProducer.class",
                    "dev/planning/store/postgres/OutboxRelay.class");
            assertThat(names).noneMatch(name -> name.startsWith("com/github/luben/") || name.startsWith("net/jpountz/")
                    || name.startsWith("org/xerial/snappy/") || name.contains("zstd-jni") || name.contains("snappyjava"));
        }
    }

    @Test
    void theRunnableJarHoldsEveryServiceProviderItNames() throws IOException {
        // ServiceLoader fails on a provider whose class is missing (Flyway loads every one of its
        // plugins, database types included, before it migrates): a shade filter that leaves out a
        // class a service file names breaks the jar at run time.
        List<String> providers = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (JarFile jar = new JarFile(Path.of(System.getProperty("planning.jar")).toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (!entry.getName().startsWith("META-INF/services/") || entry.isDirectory()) {
                    continue;
                }
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    String provider = line.replaceFirst("#.*", "").strip();
                    if (!provider.isEmpty()) {
                        providers.add(provider);
                        if (jar.getEntry(provider.replace('.', '/') + ".class") == null) {
                            missing.add(entry.getName() + ": " + provider);
                        }
                    }
                }
            }
        }
        assertThat(providers).hasSizeGreaterThan(50).contains("org.flywaydb.database.postgresql.PostgreSQLDatabaseType");
        assertThat(missing).isEmpty();
    }

    @Test
    void theRunnableJarRefusesAPostQuantumKeyInATrustFileInWords() throws Exception {
        // A key the JDK cannot read goes to BouncyCastle's provider, whose constructor loads classes
        // of org.bouncycastle.pqc (key factories of the post-quantum algorithms): without them the
        // command ends in a NoClassDefFoundError's stack trace, exit 3, instead of this refusal.
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        PublicKey key = KeyPairGenerator.getInstance("ML-DSA-44", new BouncyCastleProvider()).generateKeyPair().getPublic();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----";
        Path trust = dir.resolve("trust.yaml");
        Files.writeString(trust, "version: \"1.0\"\nroles:\n  QA:\n    - key_id: "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                + "\n      algorithm: Ed25519\n      public_key: |\n"
                + pem.lines().map(line -> "        " + line + "\n").reduce("", String::concat), StandardCharsets.UTF_8);

        CliRun run = CliRun.ofJar(Path.of(System.getProperty("planning.jar")), "verify", "--trust", trust.toString(),
                ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("unsupported key type ML-DSA-44").doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @CsvSource({"zstd, com.github.luben:zstd-jni", "lz4, at.yawk.lz4:lz4-java", "snappy, org.xerial.snappy:snappy-java"})
    void theRunnableJarsProducerRefusesACodecItLeavesOutInWords(String type, String library) throws Exception {
        Throwable refused = producerFromTheJar(type);

        assertThat(refused).isNotNull();
        assertThat(refused.getClass().getName()).isEqualTo("dev.planning.api.InvalidInputException");
        assertThat(refused.getMessage()).startsWith("Kafka compression.type=" + type + " needs " + library
                + ", which is not on the class path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void theRunnableJarsProducerTakesTheCodecsThatNeedNoLibrary(String type) throws Exception {
        assertThat(producerFromTheJar(type)).isNull();
    }

    /**
     * Builds {@code OutboxRelay.producer} with {@code compression.type=type} from the shaded jar's
     * own classes alone (a class loader over the jar, above the JDK's), and closes it: what it
     * threw, or {@code null}. A producer connects only when it sends, so no broker is needed.
     */
    private static Throwable producerFromTheJar(String type) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:9");
        props.put("compression.type", type);
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {Path.of(System.getProperty("planning.jar")).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            // Kafka loads its configured classes (metrics reporters) through the context class loader.
            thread.setContextClassLoader(loader);
            Object producer;
            try {
                producer = loader.loadClass("dev.planning.store.postgres.OutboxRelay")
                        .getMethod("producer", Properties.class).invoke(null, props);
            } catch (InvocationTargetException e) {
                return e.getCause();
            }
            ((AutoCloseable) producer).close();
            return null;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    @Test
    void theRunnableJarPrintsNoLoggingNoise() throws Exception {
        // The governance gate compiles the rulebook with Drools, which logs when it has a provider
        // and SLF4J prints a notice when it has none: the CLI's jar must print neither.
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(ChildProcesses.java(
                "-jar", System.getProperty("planning.jar"), "gate",
                "-w", CliRun.copyOf("fe-2025-09-02", dir.resolve("ws")).toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF"))
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
    }
}
