package dev.planning.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property: whatever random damage is done to a valid artifact (bytes flipped, lines deleted,
 * duplicated or swapped, values exchanged between lines), {@code lint} and {@code verify} end
 * with a clean pass or a clear error (exit 0, 1 or 2), never a crash or stack trace, and write
 * nothing. 40 tries per property in {@code mvn verify}; {@code -Djqwik.tries.default=N} for more.
 */
class MutatedArtifactProperties {

    private static final List<String> PLAN_FILES = List.of(HostileCorpus.TASKS, HostileCorpus.STORY);

    /** One random change to a file's lines or bytes. */
    record Edit(int kind, int at, int other, int value) {

        private static final String YAML_PUNCTUATION = "[{&*!|>%@`\"'#:";

        byte[] apply(byte[] content) {
            List<String> lines = new ArrayList<>(Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\n", -1)));
            int n = lines.size();
            int i = Math.floorMod(at, n);
            int j = Math.floorMod(other, n);
            switch (kind) {
                case 0 -> { // flip one byte
                    byte[] copy = content.clone();
                    if (copy.length > 0) {
                        copy[Math.floorMod(at * 31 + other, copy.length)] ^= (byte) (1 + Math.floorMod(value, 255));
                    }
                    return copy;
                }
                case 1 -> lines.remove(i);
                case 2 -> lines.add(i, lines.get(j));
                case 3 -> { // swap two lines
                    String line = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 4 -> { // give line i the value of line j
                    lines.set(i, keyOf(lines.get(i)) + valueOf(lines.get(j)));
                }
                case 5 -> lines.set(i, lines.get(i).substring(0, Math.floorMod(value, lines.get(i).length() + 1)));
                default -> lines.add(i, " ".repeat(Math.floorMod(value, 7)) + "- " + YAML_PUNCTUATION.charAt(
                        Math.floorMod(value, YAML_PUNCTUATION.length())));
            }
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }

        private static String keyOf(String line) {
            int colon = line.indexOf(':');
            return colon < 0 ? line : line.substring(0, colon + 1);
        }

        private static String valueOf(String line) {
            int colon = line.indexOf(':');
            return colon < 0 ? " " + line.strip() : line.substring(colon + 1);
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers(),
                Arbitraries.integers(), Arbitraries.integers()).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void damagedPlansLintCleanlyOrFailClearly(@ForAll("edits") List<Edit> edits,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1) int target) throws IOException {
        Path dir = Files.createTempDirectory("planning-mutated");
        try {
            Templates.copy("plain", dir);
            damage(dir.resolve(PLAN_FILES.get(target)), edits);
            assertContract(dir, HostileCorpus.cycleArgs("lint", dir));
        } finally {
            delete(dir);
        }
    }

    @Property
    void damagedManifestsVerifyCleanlyOrFailClearly(@ForAll("edits") List<Edit> edits) throws IOException {
        Path dir = Files.createTempDirectory("planning-mutated");
        try {
            Templates.copy("sealed", dir);
            damage(dir.resolve(Templates.MANIFEST), edits);
            assertContract(dir, HostileCorpus.cycleArgs("verify", dir, "--trust", dir.resolve("keys/trust.yaml").toString()));
        } finally {
            delete(dir);
        }
    }

    private static void damage(Path file, List<Edit> edits) throws IOException {
        byte[] content = Files.readAllBytes(file);
        for (Edit edit : edits) {
            content = edit.apply(content);
        }
        Files.write(file, content);
    }

    private static void assertContract(Path dir, String[] args) {
        TreeSnapshot before = TreeSnapshot.of(dir);
        CliRun run = CliRun.of(args);
        String shown = run.out() + run.err();
        assertThat(run.exitCode()).as(shown).isIn(0, 1, 2);
        assertThat(run.printedStackTrace()).as(shown).isFalse();
        assertThat(shown).doesNotContain("internal error");
        assertThat(before.changes(TreeSnapshot.of(dir))).as(shown).isEmpty();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
