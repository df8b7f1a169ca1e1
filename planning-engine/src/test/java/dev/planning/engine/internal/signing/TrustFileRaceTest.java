package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.engine.fixtures.ChildJvms;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TrustFile#add} racing itself, in threads and in processes: no key added is ever lost. */
@Tag("slow")
@Tag("race")
class TrustFileRaceTest {

    @TempDir
    Path dir;

    /** Adds keys to a trust file; run as {@code main} in another JVM. */
    public static final class Adder {
        /** Arguments: trust file, number of keys, role. */
        public static void main(String[] args) throws Exception {
            List<String> ids = add(Path.of(args[0]), Integer.parseInt(args[1]), args[2], null);
            System.out.println("added " + String.join(" ", ids));
        }

        static List<String> add(Path file, int count, String role, CyclicBarrier start) throws Exception {
            List<String> ids = new ArrayList<>();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            for (int i = 0; i < count; i++) {
                PublicKey key = generator.generateKeyPair().getPublic();
                if (start != null && i == 0) {
                    start.await();
                }
                TrustFile.add(file, new TrustedKey(role, Crypto.keyId(key), SignatureAlgorithm.ED25519, key));
                ids.add(Crypto.keyId(key));
            }
            return ids;
        }
    }

    @Test
    void threadsAddingKeysAtOnceLoseNone() {
        int threads = 6;
        int each = 8;
        Path file = dir.resolve("keys").resolve("trust.yaml");
        List<String> added = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String role = t % 2 == 0 ? "QA" : "lead";
                    results.add(pool.submit(() -> Adder.add(file, each, role, start)));
                }
                for (Future<List<String>> result : results) {
                    added.addAll(result.get());
                }
            } finally {
                pool.shutdownNow();
            }
        });

        assertThat(TrustFile.read(file).keys()).extracting(TrustedKey::keyId)
                .containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    @Tag("subprocess")
    void jvmsAddingKeysAtOnceLoseNone() throws Exception {
        int each = 15;
        Path file = dir.resolve("trust.yaml");
        List<String> added = new ArrayList<>();
        try (ChildJvms children = new ChildJvms()) {
            assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
                List<Process> processes = List.of(
                        children.start(Adder.class, file.toString(), String.valueOf(each), "QA"),
                        children.start(Adder.class, file.toString(), String.valueOf(each), "lead"));
                added.addAll(Adder.add(file, each, "PM", null));
                for (Process process : processes) {
                    String output = ChildJvms.output(process);
                    assertThat(process.exitValue()).as(output).isZero();
                    String line = output.lines().filter(l -> l.startsWith("added ")).findFirst().orElse("");
                    assertThat(line).as(output).isNotEmpty();
                    added.addAll(List.of(line.substring("added ".length()).split(" ")));
                }
            });
        }

        assertThat(added).hasSize(3 * each);
        assertThat(TrustFile.read(file).keys()).extracting(TrustedKey::keyId)
                .containsExactlyInAnyOrderElementsOf(added);
    }
}
