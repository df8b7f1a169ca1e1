package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A parse kept across runs was checked against the bound on text values in force when it was kept:
 * it is kept and served only under the default bound. Isolated: the bound is a system property,
 * which another class parsing at the same time would see.
 */
@Isolated
class KeptParsesUnderTheBoundTest {

    private final List<String> kept = new ArrayList<>();

    private final KeptParses.Store store = new KeptParses.Store() {
        @Override
        public Optional<byte[]> read(String kind, List<Class<?>> code, byte[] bytes, Path workspace) {
            return Optional.of(new byte[] {1});
        }

        @Override
        public void keep(String kind, List<Class<?>> code, byte[] bytes, byte[] payload, Path workspace) {
            kept.add(kind);
        }
    };

    @AfterEach
    void clear() {
        System.clearProperty(ValueLengths.PROPERTY);
        KeptParses.keepIn(null);
    }

    @Test
    void aParseIsKeptAndServedUnderTheDefaultBoundOnly() {
        KeptParses.keepIn(store);
        Path workspace = Path.of("ws").toAbsolutePath();

        assertThat(KeptParses.read("trust", List.of(), new byte[0], workspace)).isPresent();
        KeptParses.keep("trust", List.of(), new byte[0], new byte[0], workspace);
        assertThat(kept).containsExactly("trust");

        for (String other : List.of("500", "20000")) {
            System.setProperty(ValueLengths.PROPERTY, other);

            assertThat(KeptParses.read("trust", List.of(), new byte[0], workspace)).as(other).isEmpty();
            KeptParses.keep("manifest", List.of(), new byte[0], new byte[0], workspace);
            assertThat(kept).as(other).containsExactly("trust");
        }
    }
}
