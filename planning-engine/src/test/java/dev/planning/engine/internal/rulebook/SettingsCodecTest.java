package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.rulebook.Rulebook;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The kept model of a rulebook's settings: the same rulebook back, or nothing. */
class SettingsCodecTest {

    static Stream<Path> rulebooks() {
        Path examples = Path.of("..", "planning-examples", "workspaces");
        return Stream.of(Path.of("..", "planning-rules", "src", "main", "resources", "dev", "planning", "rules",
                        "default-rulebook"),
                examples.resolve("fe-2025-09-02/rulebook"), examples.resolve("be-PLN-BE-2024-01/rulebook"),
                examples.resolve("fe-critical/rulebook"), examples.resolve("multi-stream/rulebook"));
    }

    private static Rulebook decoded(Rulebook rulebook) {
        return SettingsCodec.decode(SettingsCodec.encode(rulebook), rulebook.directory(), rulebook.hash(),
                rulebook.ruleFiles()).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("rulebooks")
    void decodesTheRulebookItEncoded(Path directory) {
        // The codec keeps no given directory (the loader names the rulebook as it was given): load it as decoded.
        Rulebook loaded = RulebookLoader.load(directory.toAbsolutePath().normalize());

        assertThat(decoded(loaded)).isEqualTo(loaded);
        // Equal records, and the same written order of every map (profiles, streams, taxonomy, thresholds).
        assertThat(decoded(loaded).toString()).isEqualTo(loaded.toString());
    }

    @Test
    void decodesEveryOptionalPartAndTextThatIsNotAscii() {
        Rulebook loaded = RulebookLoader.load(rulebooks().findFirst().orElseThrow());
        Rulebook odd = new Rulebook(loaded.directory(), loaded.hash(), "v\u00e9 \ud83d\ude00 \"\\\n", loaded.profiles(),
                loaded.streamProfiles(), loaded.defaultProfile(), loaded.taxonomy(), loaded.requiredTags(),
                Map.of("tiny", Double.MIN_VALUE, "neg", -0.0, "most", 9007199254740991.0), loaded.ruleFiles(),
                loaded.signing(), loaded.kpis());

        assertThat(decoded(odd)).isEqualTo(odd);
    }

    @ParameterizedTest
    @MethodSource("rulebooks")
    void refusesEveryTruncationAndTrailingBytes(Path directory) {
        Rulebook loaded = RulebookLoader.load(directory);
        byte[] bytes = SettingsCodec.encode(loaded);

        for (int length = 0; length < bytes.length; length++) {
            assertThat(SettingsCodec.decode(Arrays.copyOf(bytes, length), loaded.directory(), loaded.hash(),
                    loaded.ruleFiles())).as("first %d bytes", length).isEmpty();
        }
        assertThat(SettingsCodec.decode(Arrays.copyOf(bytes, bytes.length + 1), loaded.directory(), loaded.hash(),
                loaded.ruleFiles())).isEmpty();
    }

    @Test
    void refusesAnotherFormatAnUnknownStateAndHugeCounts() throws IOException {
        Rulebook loaded = RulebookLoader.load(rulebooks().skip(1).findFirst().orElseThrow());
        byte[] bytes = SettingsCodec.encode(loaded);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);

        assertThat(decode(text.replace(SettingsCodec.FORMAT, SettingsCodec.FORMAT.replace('1', '2')), loaded)).isEmpty();
        assertThat(decode(text.replace("READY_FOR_HANDOFF", "READY_FOR_HANDOFX"), loaded)).isEmpty();
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(huge)) {
            out.writeInt(SettingsCodec.FORMAT.length());
            out.writeBytes(SettingsCodec.FORMAT);
            out.writeInt(1);
            out.writeBytes("1");
            out.writeInt(Integer.MAX_VALUE); // profiles
        }
        assertThat(SettingsCodec.decode(huge.toByteArray(), loaded.directory(), loaded.hash(), loaded.ruleFiles()))
                .isEmpty();
    }

    @Test
    void refusesAModelTheRulebookRecordRefuses() {
        Rulebook loaded = RulebookLoader.load(rulebooks().skip(1).findFirst().orElseThrow());
        Rulebook bare = new Rulebook(loaded.directory(), loaded.hash(), loaded.version(), loaded.profiles(),
                loaded.streamProfiles(), loaded.defaultProfile(), Map.of(), List.of(),
                Map.of(), loaded.ruleFiles(), dev.planning.api.rulebook.SigningPolicy.NONE, List.of());
        byte[] bytes = SettingsCodec.encode(bare);
        // The default profile's name is written last but for five empty counts: respelled, it names no profile.
        int at = bytes.length - 5 * 4 - loaded.defaultProfile().length();
        Arrays.fill(bytes, at, at + loaded.defaultProfile().length(), (byte) 'X');

        assertThat(SettingsCodec.decode(SettingsCodec.encode(bare), bare.directory(), bare.hash(), bare.ruleFiles()))
                .contains(bare);
        assertThat(SettingsCodec.decode(bytes, bare.directory(), bare.hash(), bare.ruleFiles())).isEmpty();
    }

    private static Optional<Rulebook> decode(String latin1, Rulebook like) {
        return SettingsCodec.decode(latin1.getBytes(StandardCharsets.ISO_8859_1), like.directory(), like.hash(),
                like.ruleFiles());
    }
}
